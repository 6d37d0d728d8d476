// Fuzz target 1: policy decoding and compiling from arbitrary bytes.
// Never crashes; the answer is a compiled policy or a PolicyError with at least one problem.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let policy = try Policy(json: bytes)
        do {
            let compiled = try CompiledPolicy(policy)
            // A compiled policy survives the file format and judges alike after it.
            let again = try CompiledPolicy(Policy(json: policy.jsonString()))
            for probe in ["", "aA1!", "ÀÉ€😀", String(repeating: "z", count: 40)] where compiled.isValid(probe) != again.isValid(probe) {
                fatalError("verdict changed after an encode/decode round trip")
            }
        } catch {
            if error.problems.isEmpty { fatalError("compile error without problems") }
        }
    } catch {
        if error.problems.isEmpty { fatalError("decode error without problems") }
        for problem in error.problems where problem.message.isEmpty { fatalError("empty message") }
    }
    return 0
}
