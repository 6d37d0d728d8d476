/// The built-in presets: one policy per service rule, from `policies/*.json`.
///
/// ```swift
/// let ids = Presets.all.map(\.id)          // ["huaweicloud.dcs", ...]
/// if let cvm = Presets.policy(id: "tencentcloud.cvm.linux") {
///     let compiled = try CompiledPolicy(cvm)
/// }
/// Presets.nearestID(to: "tencentcloud.cvm")  // "tencentcloud.cvm.linux"
/// ```
public enum Presets {
    /// Every preset, sorted by id.
    public static let all: [Policy] = embedded.compactMap { try? Policy(json: $0.json) }.sorted { $0.id < $1.id }

    /// The preset with this id, or nil.
    public static func policy(id: String) -> Policy? { all.first { $0.id == id } }

    /// The ids of every preset, sorted.
    public static var ids: [String] { all.map(\.id) }

    /// The existing preset id closest to `id` (edit distance), for "did you mean" messages.
    public static func nearestID(to id: String) -> String? {
        ids.min { editDistance($0, id) < editDistance($1, id) }
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
