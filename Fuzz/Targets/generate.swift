// Fuzz target 3: generation on fuzzer-built policies. Every generated password validates;
// an unsatisfiable policy is reported as such (and lint agrees that none exists among the
// drawable characters), all in bounded time.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGenerate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    let policy = reader.byte() % 4 == 0 ? PolicyBuilder.policy(&reader) : reader.pick(PolicyPool.entries).0.policy
    guard let (compiled, _) = CompiledCache.lookup(policy) else { return 0 }
    let options = GenerationOptions(ascii: reader.byte() % 4 == 0, exclude: reader.pick(["", "Il1O0", "aeiou", "0123456789"]))
    var random = FuzzRandom(state: UInt64(reader.byte()) << 8 | UInt64(reader.byte()))
    let generator: PasswordGenerator
    do {
        generator = try PasswordGenerator(compiled, options: options)
    } catch {
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
        switch error {
        case .unsatisfiable, .rejectionLimit, .lengthOutOfRange:
            // No password of that length: the exact count must say so too (pattern and
            // context rejections aside).
            if case .unsatisfiable = error, let count = try? generator.count(length: length), !count.isZero {
                fatalError("reported unsatisfiable at a length with \(count) passwords")
            }
        default:
            if error.description.isEmpty { fatalError("generation error without a reason") }
        }
    }
    return 0
}

/// A small deterministic generator so that a crash input reproduces.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
