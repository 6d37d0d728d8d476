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
    switch CompiledCache.intersection(of: [a, b]) {
    case .success(let both):
        if both.isValid(utf8: password, context: context) != expected { fatalError("intersection verdict differs from its parts") }
        if both.validate(utf8: password, context: context).isEmpty != expected { fatalError("intersection validate differs from its parts") }
    case .failure(let error):
        if error.problems.isEmpty { fatalError("empty intersection without a reason") }
        if expected { fatalError("intersection reported empty, but a password satisfies both") }
    }
    return 0
}
