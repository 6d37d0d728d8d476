import Benchmark
import BenchmarkSupport
import PasswordPolicy

/// What non-ASCII input costs: one rule whose classes reach beyond ASCII (letters and
/// digits of any script, one of each required, 8 to 64 characters), judged on two corpora
/// of 1,000,000 passwords of the same lengths and seed: one drawn from ASCII letters and
/// digits (the byte-table path), one from a mix of ASCII and non-ASCII letters and digits
/// (2-, 3- and 4-byte UTF-8, the scalar path). The ratio is the cost; it is recorded, not
/// targeted.
enum NonASCIIBenchmarks {
    static let policyJSON = #"{"format":1,"id":"bench.letters","length":{"min":8,"max":64},"classes":[{"name":"letter","set":"\\p{L}"},{"name":"digit","set":"\\p{Nd}"}],"require":[{"atLeast":2}]}"#

    static let ascii: [Unicode.Scalar] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".unicodeScalars)
    /// ASCII letters and digits with é, ß, ω, Ж, 中, 한, Arabic-Indic ٣ and 𝐀 (4 bytes).
    static let mixed: [Unicode.Scalar] = ascii + Array("éßωЖ中한٣𝐀".unicodeScalars)

    static func register(configuration: Benchmark.Configuration, perCall: Benchmark.Configuration) {
        guard let policy = try? Policy(json: policyJSON), let compiled = try? CompiledPolicy(policy) else { return }
        // Compiling the rule: its `\p{L}` and `\p{Nd}` members come from the table of general
        // categories (PCRE2's own answers, used when the linked PCRE2 is the release that wrote them).
        Benchmark("compile letters+digits (\\p{L}, \\p{Nd})", configuration: perCall) { benchmark in
            blackHole(try? CompiledPolicy(policy))
        }
        for (name, alphabet) in [("ASCII", ascii), ("non-ASCII", mixed)] {
            let corpus = Corpus.random(count: corpusSize, lengths: 4...24, seed: 0x5EED_2024, alphabet: alphabet)
            let lines = BatchBenchmarks.lines(corpus)
            Benchmark("isValid UTF-8 letters+digits, \(name) corpus", configuration: configuration) { benchmark in
                var valid = 0
                corpus.withEachBuffer { if compiled.isValid(utf8: $0) { valid += 1 } }
                blackHole(valid)
            }
            Benchmark("batch summarizeLines letters+digits, \(name) corpus", configuration: configuration) { benchmark in
                blackHole(lines.withUnsafeBufferPointer { compiled.summarizeLines(in: $0).valid })
            }
        }
    }
}
