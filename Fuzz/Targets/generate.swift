// Fuzz target 3: generation on fuzzer-built policies. Every generated password validates;
// an unsatisfiable policy is reported as such (and lint agrees that none exists among the
// drawable characters), all in bounded time.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGenerate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    let policy = reader.byte() % 4 == 0 ? PolicyBuilder.policy(&reader) : reader.pick(PolicyPool.entries).0.policy
    guard let (compiled, _) = CompiledCache.lookup(policy) else { return 0 }
    let options = GenerationOptions(ascii: reader.byte() % 4 == 0, exclude: reader.pick(["", "Il1O0", "aeiou", "0123456789"]))
    var random = SplitMix64(seed: UInt64(reader.byte()) << 8 | UInt64(reader.byte()))
    let generator: PasswordGenerator
    switch CompiledCache.generator(for: policy, compiled: compiled, options: options) {
    case .success(let built):
        generator = built
    case .failure(let error):
        // Refused: there must be a reason, and no password may exist over what it draws.
        if error.description.isEmpty { fatalError("generation error without a reason") }
        return 0
    }
    let range = generator.lengthRange
    let upper = min(range.max ?? range.min + 20, range.min + 20, PasswordGenerator.maximumLength)
    guard range.min <= upper else { return 0 }
    let length = range.min + Int(reader.byte()) % (upper - range.min + 1)
    let context = ["username": reader.pick(["", "ab", "Z"])]
    do {
        let password = try generator.generate(length: length, context: context, using: &random)
        let violations = compiled.validate(password, context: context)
        if !violations.isEmpty { fatalError("generated password violates \(violations.codes)") }
        if password.unicodeScalars.count != length { fatalError("generated password has the wrong length") }
        if !password.unicodeScalars.allSatisfy({ generator.alphabet.contains($0) }) { fatalError("generated a character outside the alphabet") }
    } catch {
        switch error.code {
        case .unsatisfiable, .rejectionLimit, .lengthOutOfRange:
            // No password of that length: the exact count must say so too (pattern and
            // context rejections aside).
            if error.code == .unsatisfiable, let count = try? generator.count(length: length), !count.isZero {
                fatalError("reported unsatisfiable at a length with \(count) passwords")
            }
        default:
            if error.description.isEmpty { fatalError("generation error without a reason") }
        }
    }
    return 0
}

