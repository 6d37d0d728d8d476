// Compiling a policy reads PCRE2's answer for every Unicode scalar of each `set`, which
// costs milliseconds; the fuzzer mostly mutates the password, so compiled policies are kept.

/// Compiled policies (and their references) by policy value, bounded in size.
enum CompiledCache {
    nonisolated(unsafe) private static var compiled: [Policy: (CompiledPolicy, ReferenceValidator)?] = [:]
    nonisolated(unsafe) private static var compiledOnly: [Policy: CompiledPolicy?] = [:]

    /// The compiled policy alone, for targets that need no reference validator for it.
    static func compiledPolicy(_ policy: Policy) -> CompiledPolicy? {
        if let hit = compiledOnly[policy] { return hit }
        if compiledOnly.count > 2_000 { compiledOnly.removeAll() }
        let entry = try? CompiledPolicy(policy)
        compiledOnly[policy] = entry
        return entry
    }

    /// By the parts' storage objects, each entry keeping its parts alive (so an object
    /// cannot be freed and its address reused by another policy while the entry is kept):
    /// hashing two whole policies a call cost more than the validation.
    nonisolated(unsafe) private static var intersections: [[ObjectIdentifier]: (parts: [CompiledPolicy], result: Result<CompiledPolicy, PolicyError>)] = [:]

    /// `CompiledPolicy(intersecting: parts)`, kept by its parts: the same parts come back
    /// with many passwords. `isNew` when it was computed by this call.
    static func intersection(of parts: [CompiledPolicy]) -> (result: Result<CompiledPolicy, PolicyError>, isNew: Bool) {
        let key = parts.map { ObjectIdentifier($0.storage) }
        if let hit = intersections[key] { return (hit.result, false) }
        if intersections.count > 2_000 { intersections.removeAll() }
        let result: Result<CompiledPolicy, PolicyError>
        do { result = .success(try CompiledPolicy(intersecting: parts)) } catch { result = .failure(error) }
        intersections[key] = (parts, result)
        return (result, true)
    }

    struct GeneratorKey: Hashable {
        var policy: Policy
        var options: GenerationOptions
    }

    nonisolated(unsafe) private static var generators: [GeneratorKey: Result<PasswordGenerator, GenerationError>] = [:]

    /// `PasswordGenerator(compiled, options:)` (`compiled` is `policy` compiled), kept by
    /// policy and options: building one is the costly part, and they come back with many
    /// lengths and seeds.
    static func generator(for policy: Policy, compiled: CompiledPolicy, options: GenerationOptions) -> Result<PasswordGenerator, GenerationError> {
        let key = GeneratorKey(policy: policy, options: options)
        if let hit = generators[key] { return hit }
        if generators.count > 2_000 { generators.removeAll() }
        let result: Result<PasswordGenerator, GenerationError>
        do { result = .success(try PasswordGenerator(compiled, options: options)) } catch { result = .failure(error) }
        generators[key] = result
        return result
    }

    static func lookup(_ policy: Policy) -> (CompiledPolicy, ReferenceValidator)? {
        if let hit = compiled[policy] { return hit }
        if compiled.count > 2_000 { compiled.removeAll() }
        var entry: (CompiledPolicy, ReferenceValidator)?
        if let fast = try? CompiledPolicy(policy), let slow = ReferenceValidator(policy) { entry = (fast, slow) }
        compiled[policy] = entry
        return entry
    }
}

/// Policies compiled once at start-up, so that most inputs spend their time validating:
/// the presets and 64 policies built from fixed byte strings.
enum PolicyPool {
    static let entries: [(CompiledPolicy, ReferenceValidator)] = {
        var entries = Presets.all.compactMap { CompiledCache.lookup($0) }
        var state: UInt64 = 0x5EED
        for _ in 0..<64 {
            let bytes: [UInt8] = (0..<48).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            var reader = ByteReader(bytes)
            if let entry = CompiledCache.lookup(PolicyBuilder.policy(&reader)) { entries.append(entry) }
        }
        return entries
    }()
}
