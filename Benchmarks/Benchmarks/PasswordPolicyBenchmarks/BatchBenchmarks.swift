import Benchmark
import BenchmarkSupport
import CTableLoop
import PasswordPolicy

/// The batch API against the C references, same corpus, same run: the corpus's passwords
/// as one buffer of LF-ended lines (what `audit` hands its workers), judged by
/// `summarizeLines(in:)`, by the C table loop over the same lines split with memchr (the
/// streaming C audit's inner loop, in memory), and, for scale, the per-password C table
/// loop over the offsets. Each checks first that it finds the library's valid count.
enum BatchBenchmarks {
    static func lines(_ corpus: Corpus) -> [UInt8] {
        var lines: [UInt8] = []
        lines.reserveCapacity(corpus.bytes.count + corpus.count)
        for index in 0..<corpus.count {
            lines += corpus.bytes[corpus.offsets[index]..<corpus.offsets[index + 1]]
            lines.append(0x0A)
        }
        return lines
    }

    static func register(_ corpus: Corpus, ids: [String], configuration: Benchmark.Configuration) {
        let lines = BatchBenchmarks.lines(corpus)
        for id in ids {
            let compiled = compiledPreset(id)
            let expected = { corpus.strings.reduce(0) { $0 + (compiled.isValid($1) ? 1 : 0) } }
            Benchmark("batch summarizeLines \(id)", configuration: configuration) { benchmark in
                blackHole(lines.withUnsafeBufferPointer { compiled.summarizeLines(in: $0).valid })
            } setup: {
                try expectSameCount("batch \(id)", lines.withUnsafeBufferPointer { compiled.summarizeLines(in: $0).valid }, expected())
            }
            guard BaselineRule.isExpressible(compiled.policy) else { continue }
            let rule = BaselineRule.cRule(for: compiled)
            let streaming = {
                withUnsafePointer(to: rule) { rule in
                    lines.withUnsafeBufferPointer { buffer in
                        var total = 0
                        return tl_lines_count_valid(rule, buffer.baseAddress, buffer.count, &total)
                    }
                }
            }
            Benchmark("baseline C streaming lines \(id)", configuration: configuration) { benchmark in
                blackHole(streaming())
            } setup: {
                try expectSameCount("C streaming lines \(id)", streaming(), expected())
            }
        }
    }
}
