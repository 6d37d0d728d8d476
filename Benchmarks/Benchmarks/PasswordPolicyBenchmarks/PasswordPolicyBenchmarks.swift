import Benchmark
import BenchmarkSupport
import Foundation
import PasswordPolicy

// Every per-password benchmark runs over the same corpus: 1,000,000 passwords of random
// printable ASCII, lengths 4 to 24, from a seeded generator (BenchmarkSupport/Corpus.swift).
// One iteration checks the whole corpus once; with `scalingFactor: .mega` the results
// are printed per password (metrics marked `*`).
let corpusSize = 1_000_000
let corpus = Corpus.random(count: corpusSize)

/// The rules the baselines are measured on (the issue's reference rule first).
let baselineIDs = ["tencentcloud.cvm.linux", "tencentcloud.cvm.windows"]
/// The presets benchmarked one by one: the six seed rules (the catalogue has many more, of
/// the same few shapes).
let seedIDs = ["huaweicloud.dcs", "huaweicloud.dms.kafka", "tencentcloud.cvm.linux", "tencentcloud.cvm.windows", "tencentcloud.mongodb", "tencentcloud.redis"]
/// Two presets whose intersection is benchmarked (a real combination: a Redis instance
/// and a DCS instance sharing one password).
let intersectionIDs = ["tencentcloud.redis", "huaweicloud.dcs"]

struct BaselineFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fails the benchmark when two ways of judging the corpus disagree on how many
/// passwords are valid: a baseline must measure the same rule.
func expectSameCount(_ name: String, _ count: Int, _ expected: Int) throws {
    if count != expected { throw BaselineFailure("\(name): \(count) valid, but the library says \(expected)") }
}

func compiledPreset(_ id: String) -> CompiledPolicy {
    guard let policy = Presets.policy(id: id), let compiled = try? CompiledPolicy(policy) else {
        FileHandle.standardError.write(Data("cannot compile preset \(id)\n".utf8))
        exit(1)
    }
    return compiled
}

let benchmarks: @Sendable () -> Void = {
    precondition(corpus.count == BenchmarkScalingFactor.mega.rawValue)

    let perPassword = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 50
    )
    /// For the slow baselines (about a second per pass over the corpus).
    let slowPerPassword = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 0,
        scalingFactor: .mega,
        maxDuration: .seconds(4),
        maxIterations: 3
    )
    let perThousand = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1000
    )
    let perCall = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 1000
    )

    var targets: [(name: String, compiled: CompiledPolicy)] = seedIDs.map { ($0, compiledPreset($0)) }
    if let both = try? Policy.intersection(intersectionIDs.compactMap(Presets.policy(id:))), let compiled = try? CompiledPolicy(both) {
        targets.append((intersectionIDs.joined(separator: "+"), compiled))
    }

    for (name, compiled) in targets {
        Benchmark("isValid String \(name)", configuration: perPassword) { benchmark in
            var valid = 0
            for password in corpus.strings where compiled.isValid(password) { valid += 1 }
            blackHole(valid)
        }
        Benchmark("isValid UTF-8 \(name)", configuration: perPassword) { benchmark in
            var valid = 0
            corpus.withEachBuffer { if compiled.isValid(utf8: $0) { valid += 1 } }
            blackHole(valid)
        }
        Benchmark("validate String \(name)", configuration: perPassword) { benchmark in
            var violations = 0
            for password in corpus.strings { violations &+= compiled.validate(password).count }
            blackHole(violations)
        }
        Benchmark("validate UTF-8 \(name)", configuration: perPassword) { benchmark in
            var violations = 0
            corpus.withEachBuffer { violations &+= compiled.validate(utf8: $0).count }
            blackHole(violations)
        }
        // The codes alone (what `pwpolicy audit` counts), no messages.
        Benchmark("violationCodes UTF-8 \(name)", configuration: perPassword) { benchmark in
            var codes: UInt16 = 0
            corpus.withEachBuffer { codes |= compiled.violationCodes(utf8: $0).rawValue }
            blackHole(codes)
        }
        // Generation: 1,000 passwords of 16 characters per iteration, exactly uniform,
        // from the operating system's randomness through one long-lived buffered source,
        // the way to generate many (results per password).
        if let generator = try? compiled.generator() {
            Benchmark("generate 16 \(name)", configuration: perThousand) { benchmark in
                var source = SystemRandomSource()
                for _ in benchmark.scaledIterations {
                    blackHole(try? generator.generate(length: 16, using: &source))
                }
            }
            if name == baselineIDs[0] {
                // One call, one password: a new OS source (and system call) each time.
                Benchmark("generate 16 one-shot \(name)", configuration: perThousand) { benchmark in
                    for _ in benchmark.scaledIterations {
                        blackHole(try? generator.generate(length: 16))
                    }
                }
            }
            // The same with a seeded SplitMix64 instead of the OS: the generator's own cost.
            Benchmark("generate 16 SplitMix64 \(name)", configuration: perThousand) { benchmark in
                var random = SplitMix64(seed: 16)
                for _ in benchmark.scaledIterations {
                    blackHole(try? generator.generate(length: 16, using: &random))
                }
            }
        }
        // The valid path alone: the corpus's valid passwords, cycled to 1,000,000 (made
        // when the benchmark runs, not when the suite is listed).
        Benchmark("validate String, valid only \(name)", configuration: perPassword) { (benchmark: Benchmark, valid: Corpus) in
            var violations = 0
            for password in valid.strings { violations &+= compiled.validate(password).count }
            blackHole(violations)
        } setup: {
            corpus.cycling(count: corpusSize) { compiled.isValid($0) }
        }
        Benchmark("validate UTF-8, valid only \(name)", configuration: perPassword) { (benchmark: Benchmark, valid: Corpus) in
            var violations = 0
            valid.withEachBuffer { violations &+= compiled.validate(utf8: $0).count }
            blackHole(violations)
        } setup: {
            corpus.cycling(count: corpusSize) { compiled.isValid($0) }
        }
    }

    // Baselines, same corpus, same run. Each checks first that it accepts exactly the
    // passwords the library accepts.
    for id in baselineIDs {
        let compiled = compiledPreset(id)
        guard BaselineRule.isExpressible(compiled.policy) else { continue }
        let pattern = BaselineRule.pattern(for: compiled)
        let expected = { corpus.strings.reduce(0) { $0 + (compiled.isValid($1) ? 1 : 0) } }

        Benchmark("baseline C table loop \(id)", configuration: perPassword) { (benchmark: Benchmark, cLoop: CTableBaseline) in
            blackHole(cLoop.countValid(corpus))
        } setup: {
            let cLoop = CTableBaseline(compiled)
            try expectSameCount("C table loop \(id)", cLoop.countValid(corpus), expected())
            return cLoop
        }

        Benchmark("baseline PCRE2 JIT \(id)", configuration: perPassword) { (benchmark: Benchmark, pcre2: PCRE2Baseline) in
            blackHole(pcre2.countValid(corpus))
        } setup: {
            guard let pcre2 = PCRE2Baseline(pattern: pattern) else { throw BaselineFailure("PCRE2 cannot compile \(pattern)") }
            guard pcre2.jit else { throw BaselineFailure("PCRE2 has no JIT here") }
            try expectSameCount("PCRE2 \(id)", pcre2.countValid(corpus), expected())
            return pcre2
        }

        Benchmark("baseline NSRegularExpression \(id)", configuration: slowPerPassword) { (benchmark: Benchmark, regex: NSRegularExpression) in
            var valid = 0
            for password in corpus.strings where regex.firstMatch(in: password, range: NSRange(location: 0, length: password.utf16.count)) != nil {
                valid += 1
            }
            blackHole(valid)
        } setup: {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { throw BaselineFailure("NSRegularExpression cannot compile \(pattern)") }
            let sample = Array(corpus.strings.prefix(20_000))
            let valid = sample.filter { regex.firstMatch(in: $0, range: NSRange(location: 0, length: $0.utf16.count)) != nil }.count
            try expectSameCount("NSRegularExpression \(id) (first 20,000)", valid, sample.filter { compiled.isValid($0) }.count)
            return regex
        }
    }

    // Long input: a 1 MiB password is rejected for its length without being scanned.
    let cvm = compiledPreset("tencentcloud.cvm.linux")
    let huge = String(repeating: "aB3!", count: 1 << 18)
    let hugeBytes = Array(huge.utf8)
    Benchmark("isValid String 1 MiB tencentcloud.cvm.linux", configuration: perCall) { benchmark in
        blackHole(cvm.isValid(huge))
    }
    Benchmark("isValid UTF-8 1 MiB tencentcloud.cvm.linux", configuration: perCall) { benchmark in
        blackHole(cvm.isValid(utf8: hugeBytes))
    }
    Benchmark("validate String 1 MiB tencentcloud.cvm.linux", configuration: perCall) { benchmark in
        blackHole(cvm.validate(huge))
    }

    // Rules that run PCRE2 on every password: forbidden patterns, and a context value. A
    // valid password allocates nothing once warm (pooled match data, the context value
    // compiled once per compiled policy).
    for (name, policy, context) in RuleBenchmarks.patternAndContext() {
        guard let compiled = try? CompiledPolicy(policy) else { continue }
        Benchmark("isValid String, valid only \(name)", configuration: perPassword) { (benchmark: Benchmark, valid: Corpus) in
            var count = 0
            for password in valid.strings where compiled.isValid(password, context: context) { count += 1 }
            blackHole(count)
        } setup: {
            corpus.cycling(count: corpusSize) { compiled.isValid($0, context: context) }
        }
        Benchmark("validate UTF-8, valid only \(name)", configuration: perPassword) { (benchmark: Benchmark, valid: Corpus) in
            var violations = 0
            valid.withEachBuffer { violations &+= compiled.validate(utf8: $0, context: context).count }
            blackHole(violations)
        } setup: {
            corpus.cycling(count: corpusSize) { compiled.isValid($0, context: context) }
        }
    }

    BatchBenchmarks.register(corpus, ids: baselineIDs, configuration: perPassword)
    NonASCIIBenchmarks.register(configuration: perPassword, perCall: perCall)
    BlocklistBenchmarks.register(corpus, perPassword: perPassword)

    // Compilation and intersection.
    for policy in seedIDs.compactMap(Presets.policy(id:)) {
        Benchmark("compile \(policy.id)", configuration: perCall) { benchmark in
            blackHole(try? CompiledPolicy(policy))
        }
    }
    let pair = intersectionIDs.compactMap(Presets.policy(id:))
    Benchmark("intersection \(intersectionIDs.joined(separator: "+"))", configuration: perCall) { benchmark in
        blackHole(try? Policy.intersection(pair))
    }
}
