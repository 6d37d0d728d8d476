// The harness of run.sh: one entry point of the library over 1,000,000 seeded passwords
// of printable ASCII (lengths 4 to 24), three passes, for a count of instructions.
// MODE=none builds the corpus only (the count run.sh subtracts); codes, isvalid or
// validate run that entry point. Arguments: preset ids.
import PasswordPolicy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64, the same seeded generator as the benchmark corpus.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

var random = SplitMix64(state: 42)
var bytes: [UInt8] = []
var offsets: [Int] = [0]
for _ in 0..<1_000_000 {
    let length = 4 + Int(random.next() % 21)
    for _ in 0..<length { bytes.append(UInt8(33 + random.next() % 94)) }
    offsets.append(bytes.count)
}
let mode = getenv("MODE").map { String(cString: $0) } ?? "none"

for id in CommandLine.arguments.dropFirst() {
    guard let policy = Presets.policy(id: id), let compiled = try? CompiledPolicy(policy) else {
        print("no preset \(id)")
        exit(1)
    }
    var sink = 0
    if mode != "none" {
        for _ in 0..<3 {
            bytes.withUnsafeBufferPointer { all in
                for index in 0..<1_000_000 {
                    let password = UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]])
                    switch mode {
                    case "codes": sink &+= Int(compiled.violationCodes(utf8: password).rawValue)
                    case "isvalid": sink &+= compiled.isValid(utf8: password) ? 1 : 0
                    default: sink &+= compiled.validate(utf8: password).count
                    }
                }
            }
        }
    }
    print(id, mode, sink)
}
