// `normalize` and `forbidList`: their JSON form, and the one NFC implementation the library
// uses. NFC comes from the standard library (`String._nfcCodeUnits`, the normalizer behind
// String's own comparison and Foundation's `precomposedStringWithCanonicalMapping`): no
// Unicode table is copied here.

extension Policy {
    /// Reads `"normalize": "nfc"`.
    static func normalization(in object: JSONObjectReader) throws(JSONReadError) -> UnicodeNormalization? {
        guard let text = try object.optionalString("normalize") else { return nil }
        guard let form = UnicodeNormalization(rawValue: text) else {
            throw JSONReadError(keyPath: KeyPath("normalize"), message: "unknown normalization \"\(text)\"; the only one is \"nfc\"")
        }
        return form
    }

    /// Reads `"forbidList": [{ "list": ..., "caseInsensitive": ..., "code": ..., "message": ... }]`.
    static func forbidLists(in object: JSONObjectReader) throws(JSONReadError) -> [ForbiddenList] {
        var lists: [ForbiddenList] = []
        for (value, path) in try object.optionalArray("forbidList") ?? [] {
            let entry = try JSONObjectReader(value, at: path)
            try entry.rejectUnknownKeys(["list", "caseInsensitive", "code", "message"])
            lists.append(ForbiddenList(
                list: try entry.string("list"), isCaseInsensitive: try entry.optionalBool("caseInsensitive") ?? false,
                code: try entry.optionalString("code"), message: try entry.optionalString("message")))
        }
        return lists
    }
}

extension ForbiddenList {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("list", .string(list))]
        if isCaseInsensitive { members.append(("caseInsensitive", .bool(true))) }
        if let code { members.append(("code", .string(code))) }
        if let message { members.append(("message", .string(message))) }
        return .object(members)
    }
}

extension UnicodeNormalization {
    /// The UTF-8 of `bytes` (valid UTF-8) in this form; the input when it is ASCII (every
    /// ASCII string is in NFC).
    static func nfcBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let normalized = text._nfcCodeUnits
        return normalized.elementsEqual(bytes) ? nil : normalized
    }

    /// `text` in NFC.
    static func nfc(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }
}
