import PasswordPolicy

/// The batch half of `bench`: the corpus's passwords as one buffer of lines, judged by the
/// library's batch API (``CompiledPolicy/summarizeLines(in:context:)``), for throughput in
/// bytes and passwords per second.
struct BatchBenchmark {
    /// Every timed password followed by LF (CR LF when the password itself ends with CR,
    /// so that splitting gives back exactly the same passwords).
    let lines: [UInt8]
    let passwords: Int

    init(_ corpus: PasswordCorpus) {
        var lines: [UInt8] = []
        lines.reserveCapacity(corpus.bytes.count + corpus.timedCount * 2)
        for index in 0..<corpus.timedCount {
            let password = corpus.bytes[corpus.offsets[index]..<corpus.offsets[index + 1]]
            lines.append(contentsOf: password)
            if password.last == 0x0D { lines.append(0x0D) }
            lines.append(0x0A)
        }
        self.lines = lines
        passwords = corpus.timedCount
    }

    /// The valid count from the batch API.
    func countValid(_ compiled: CompiledPolicy) -> Int {
        lines.withUnsafeBufferPointer { compiled.summarizeLines(in: $0).valid }
    }

    /// ``measure(_:valid:minimum:)`` for `bench`'s output: megabytes and passwords per second.
    func measureTexts(_ compiled: CompiledPolicy, valid: Int) throws(CommandFailure) -> (megabytes: Decimal2, passwords: Decimal2) {
        let rates = try measure(compiled, valid: valid, minimum: BenchCommand.minimumMeasuringTime)
        return (Decimal2(rates.bytes / 1e6), Decimal2(rates.passwords.rounded(), digits: 0))
    }

    /// Measures for at least `minimum`; returns (bytes per second, passwords per second).
    /// Throws when a pass does not give `valid`, the per-password API's count.
    func measure(_ compiled: CompiledPolicy, valid: Int, minimum: Duration) throws(CommandFailure) -> (bytes: Double, passwords: Double) {
        if countValid(compiled) != valid { throw CommandFailure("the batch API's valid count differs from the per-password count", exitCode: 2) }
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = Duration.zero
        var passes = 0
        var sink = 0
        repeat {
            sink &+= countValid(compiled)
            passes += 1
            elapsed = clock.now - start
        } while elapsed < minimum && passwords > 0
        if sink != valid &* passes { throw CommandFailure("the valid count changed between passes", exitCode: 2) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > 0 else { return (0, 0) }
        return (Double(lines.count) * Double(passes) / seconds, Double(passwords) * Double(passes) / seconds)
    }
}
