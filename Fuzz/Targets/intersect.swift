// Fuzz target 4: intersection. A password is valid for the intersection exactly when it
// is valid for each part; an empty intersection is reported with reasons. The intersection
// is compiled by `CompiledPolicy(intersecting:)`, as a program that validates with it would.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntersect(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    // One part from the pool (presets and prebuilt policies), the other from the pool or
    // built from the input.
    // The pool's parts are compiled already; a built one is compiled once (no reference
    // validator: only the compiled verdicts are compared here).
    let a = reader.pick(PolicyPool.entries).0
    var b = reader.pick(PolicyPool.entries).0
    if reader.byte() % 4 == 0 {
        guard let built = CompiledCache.compiledPolicy(PolicyBuilder.policy(&reader, id: "fuzz.b")) else { return 0 }
        b = built
    }
    let password = reader.rest()
    let context = ["username": "ab"]
    let expected = a.isValid(utf8: password, context: context) && b.isValid(utf8: password, context: context)
    let (result, isNew) = CompiledCache.intersection(of: [a, b])
    switch result {
    case .success(let both):
        if isNew { checkAgainstPCRE2(both) }
        if both.isValid(utf8: password, context: context) != expected { fatalError("intersection verdict differs from its parts") }
        if both.validate(utf8: password, context: context).isEmpty != expected { fatalError("intersection validate differs from its parts") }
    case .failure(let error):
        if error.problems.isEmpty { fatalError("empty intersection without a reason") }
        if expected { fatalError("intersection reported empty, but a password satisfies both") }
    }
    return 0
}

/// Counts new intersections, so that one in 32 is checked even when the check is slow.
nonisolated(unsafe) private var newIntersections = 0

/// The intersection's members came from its parts; compiled from its own text, PCRE2 must
/// read the same. Reading a class that reaches 3- and 4-byte scalars costs milliseconds, so
/// such intersections are checked one in 32 (the first one always, so a saved input
/// reproduces), the others every time.
private func checkAgainstPCRE2(_ both: CompiledPolicy) {
    defer { newIntersections += 1 }
    let wide = (both.classMembers + [both.forbiddenLeading, both.forbiddenTrailing]).contains { ($0.ranges.last?.upperBound ?? 0) > 0x7FF }
    guard !wide || newIntersections % 32 == 0 else { return }
    guard let fresh = try? CompiledPolicy(both.policy, blocklists: both.storage.listsByName) else {
        fatalError("the intersection's policy does not compile from its text")
    }
    if fresh.classMembers != both.classMembers || fresh.forbiddenLeading != both.forbiddenLeading || fresh.forbiddenTrailing != both.forbiddenTrailing {
        fatalError("the intersection's members differ from PCRE2's reading of its text")
    }
}
