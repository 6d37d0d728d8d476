/// The built-in presets: one policy per service rule, from `policies/<vendor>/*.json`.
///
/// Ids are `vendor.service[.variant]`; ``vendors`` lists the vendor prefixes, and
/// ``policies(vendor:)`` and ``search(_:)`` browse the catalogue. Website rules imported
/// from Apple's password-manager-resources have the vendor `web` (`web.apple.com`).
///
/// ```swift
/// let ids = Presets.all.map(\.id)          // ["alibabacloud.adb.mysql", ...]
/// if let cvm = Presets.policy(id: "tencentcloud.cvm.linux") {
///     let compiled = try CompiledPolicy(cvm)
/// }
/// Presets.policies(vendor: "aws").map(\.id)          // ["aws.aurora.mysql", ...]
/// Presets.search("rds mysql").map(\.id)              // ids, titles and sources that match
/// Presets.nearestID(to: "tencentcloud.cvm")          // "tencentcloud.cvm.linux"
/// ```
public enum Presets {
    /// Every preset, sorted by id.
    public static let all: [Policy] = embedded.compactMap { try? Policy(json: $0.json) }.sorted { $0.id < $1.id }

    private static let byID: [String: Policy] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The preset with this id, or nil. Only that preset's file is decoded (its path gives
    /// its id: `policies/aws/rds.mysql.json` holds `aws.rds.mysql`, which the embedder
    /// checks), so a one-shot lookup does not decode the whole catalogue.
    public static func policy(id: String) -> Policy? {
        if let json = fileByID[id], let policy = try? Policy(json: json), policy.id == id { return policy }
        return byID[id]
    }

    /// Each preset file's JSON text by the id its path gives.
    private static let fileByID: [String: String] = Dictionary(
        embedded.map { (id(ofFile: $0.file), $0.json) }, uniquingKeysWith: { first, _ in first })

    /// `aws/rds.mysql.json` → `aws.rds.mysql`.
    static func id(ofFile file: String) -> String {
        let name = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
        return String(name.map { $0 == "/" ? "." : $0 })
    }

    /// The ids of every preset, sorted.
    public static var ids: [String] { all.map(\.id) }

    /// The vendor prefixes of the presets (`aws`, `azure`, ..., `web`), sorted.
    public static var vendors: [String] { embeddedVendors.map(\.vendor).sorted() }

    /// The vendor of a preset id: its first dot-separated part.
    public static func vendor(of id: String) -> String {
        String(id.prefix { $0 != "." })
    }

    /// The presets of one vendor, sorted by id.
    public static func policies(vendor: String) -> [Policy] {
        all.filter { self.vendor(of: $0.id) == vendor }
    }

    /// The presets whose id, title or source contain every word of `words` (separated by
    /// white space), ignoring ASCII case; every preset for no words.
    public static func search(_ words: String) -> [Policy] {
        let terms = words.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { lowercasedASCII(String($0)) }
        return all.filter { policy in
            let haystack = lowercasedASCII([policy.id, policy.title ?? "", policy.source ?? ""].joined(separator: " "))
            return terms.allSatisfy { haystack.contains($0) }
        }
    }

    private static func lowercasedASCII(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32) ?? $0 : $0 }))
    }

    /// The existing preset id closest to `id` (edit distance), for "did you mean" messages.
    public static func nearestID(to id: String) -> String? {
        ids.min { editDistance($0, id) < editDistance($1, id) }
    }

    /// The preset files, byte for byte: (path under `policies/`, JSON text).
    static let embedded: [(file: String, json: String)] = embeddedVendors.flatMap { vendor in
        vendor.files.split(separator: fileSeparator).compactMap { record -> (String, String)? in
            guard let newline = record.firstIndex(of: "\n") else { return nil }
            return (String(record[..<newline]), String(record[record.index(after: newline)...]))
        }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
