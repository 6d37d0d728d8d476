// Fuzz target 2: validation of arbitrary bytes against each preset and against
// fuzzer-built policies. Never crashes; isValid equals validate(...).isEmpty; the
// table-driven verdict equals the slow reference that asks PCRE2 about every character.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    let compiled: CompiledPolicy
    let reference: ReferenceValidator
    // Mostly a policy from the pool (presets and prebuilt ones); one input in 32 builds
    // its own policy, which costs a compile the first time it is seen.
    if reader.byte() % 32 != 0 {
        (compiled, reference) = reader.pick(PolicyPool.entries)
    } else {
        guard let (built, slow) = CompiledCache.lookup(PolicyBuilder.policy(&reader)) else { return 0 }
        compiled = built
        reference = slow
    }
    let context = ["username": reader.pick(["", "ab", "É", "z"])]
    let password = reader.rest()
    let violations = compiled.validate(utf8: password, context: context)
    if compiled.isValid(utf8: password, context: context) != violations.isEmpty { fatalError("isValid disagrees with validate") }
    let codes = violations.codes.map(\.rawValue)
    if codes != reference.codes(utf8: password, context: context) { fatalError("table-driven codes \(codes) disagree with the PCRE2 reference") }
    if let text = String(validating: password, as: UTF8.self) {
        if compiled.validate(text, context: context).codes != violations.codes { fatalError("String and byte APIs disagree") }
        // Messages are made of words and numbers, so a short password can be a substring of
        // one by chance ("racter" in "characters"); long ones cannot.
        if text.unicodeScalars.count >= 12 {
            for violation in violations where violation.message.contains(text) { fatalError("a message contains the password") }
        }
    }
    return 0
}
