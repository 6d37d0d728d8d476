// `normalize` and `forbidList` in validation: every check of a normalizing policy sees the
// NFC form of the password and of the context values (the caller's strings are never
// changed: the form is a copy), and a password is looked up whole in each list.

extension CompiledPolicy {
    /// The password's and the context's NFC forms, when the policy normalizes and either
    /// differs from what was given; nil otherwise (ASCII input never allocates).
    @usableFromInline
    func normalizedInput(_ buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> (bytes: [UInt8], context: [String: String])? {
        guard policy.normalization != nil, buffer.count <= CompiledPolicy.maximumPasswordBytes else { return nil }
        var bytes: [UInt8]? = nil
        if buffer.contains(where: { $0 >= 0x80 }), knownValidUTF8 || UTF8Decoding.firstInvalidOffset(buffer) == nil {
            bytes = UnicodeNormalization.nfcBytes(buffer)
        }
        var normalizedContext: [String: String]? = nil
        if !policy.forbidContext.isEmpty, context.values.contains(where: { UnicodeNormalization.nfc($0).utf8.elementsEqual($0.utf8) == false }) {
            normalizedContext = context.mapValues(UnicodeNormalization.nfc)
        }
        if bytes == nil, normalizedContext == nil { return nil }
        return (bytes ?? Array(buffer), normalizedContext ?? context)
    }

    /// The `forbidList` entries whose list holds the whole password (valid UTF-8, already
    /// in the policy's normalization form), in the policy's order.
    ///
    /// A loop rather than a lazy filter: a closure capturing `self` would copy the compiled
    /// policy (a retain per field) on every call.
    func listedIn(_ buffer: UnsafeBufferPointer<UInt8>) -> [(rule: ForbiddenList, list: Blocklist)] {
        var listed: [(rule: ForbiddenList, list: Blocklist)] = []
        for entry in forbiddenLists where isListed(buffer, in: entry.list, caseFolded: entry.rule.isCaseInsensitive) {
            listed.append(entry)
        }
        return listed
    }

    /// Whether any `forbidList` holds the password.
    func isListed(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        for (rule, list) in forbiddenLists where isListed(buffer, in: list, caseFolded: rule.isCaseInsensitive) { return true }
        return false
    }

    func isListed(_ buffer: UnsafeBufferPointer<UInt8>, in list: Blocklist, caseFolded: Bool) -> Bool {
        if !caseFolded || !UTF8Decoding.containsNonASCII(buffer, orCapital: true) {
            return list.contains(utf8: buffer)
        }
        // ASCII: lowercase A-Z on the stack (Unicode's lowercase mapping of ASCII; NFC as is).
        if buffer.count <= 256, !UTF8Decoding.containsNonASCII(buffer, orCapital: false) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: buffer.count) { folded in
                for (index, byte) in buffer.enumerated() { folded[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
                return list.contains(utf8: UnsafeBufferPointer(folded))
            }
        }
        // Lowercasing an NFC string can leave it un-normalized; normalize again when asked.
        let lowered = String(decoding: buffer, as: UTF8.self).lowercased()
        var folded = policy.normalization == nil ? lowered : UnicodeNormalization.nfc(lowered)
        return folded.withUTF8 { list.contains(utf8: $0) }
    }
}
