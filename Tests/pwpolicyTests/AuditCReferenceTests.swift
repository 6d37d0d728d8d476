import Foundation
import Testing

/// `pwpolicy audit` against the streaming C reference of the benchmarks
/// (Benchmarks/C/stream_audit.c, built here with the system's C compiler): on a seeded
/// corpus with CRLF endings, empty lines, CR without LF, invalid UTF-8, non-ASCII,
/// 100 KiB lines and no final LF, both must find the same number of lines and of valid
/// passwords. The C program gets its table from PCRE2 and its rule from the preset file
/// (Benchmarks/scripts/c-rule-arguments.py), not from the library.
@Suite struct AuditCReferenceTests {
    /// Runs `executable arguments...` with standard input from `input` (a path), or none.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = CommandRunner.packageRoot
        let pipe = Foundation.Pipe()
        process.standardOutput = pipe
        if let input { process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input)) }
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func corpus() -> [UInt8] {
        var random = SystemLikeSplitMix(state: 14)
        let awkward: [[UInt8]] = [[], [0xFF], [0xC3], [0xED, 0xA0, 0x80], Array("é".utf8), [0x0D], [0x00]]
        var bytes: [UInt8] = []
        for index in 0..<3_000 {
            switch index % 13 {
            case 0: break
            case 1 where index % 390 == 1: bytes += [UInt8](repeating: 0x61, count: 100 * 1024 + index % 3)
            case 2: bytes += Array("Abc12345".utf8) + awkward[Int(random.next() % UInt64(awkward.count))] + Array("!x".utf8)
            default:
                let length = 4 + Int(random.next() % 21)
                for _ in 0..<length { bytes.append(0x20 + UInt8(random.next() % 95)) }
            }
            bytes += random.next() % 4 == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        bytes += Array("Abc12345!".utf8)   // no final LF
        return bytes
    }

    @Test(arguments: ["tencentcloud.cvm.linux", "huaweicloud.dms.kafka"])
    func auditAgreesWithTheCReference(_ preset: String) throws {
        let directory = try TemporaryDirectory()
        let program = directory.url.appendingPathComponent("stream_audit").path
        let source = CommandRunner.packageRoot.appendingPathComponent("Benchmarks/C/stream_audit.c").path
        var built = try AuditCReferenceTests.run("cc", ["-O1", "-o", program, source, "-lpcre2-8"])
        if built.status != 0 { built = try AuditCReferenceTests.run("clang", ["-O1", "-o", program, source, "-lpcre2-8"]) }
        try #require(built.status == 0, "cannot build Benchmarks/C/stream_audit.c with cc or clang")
        let parts = preset.split(separator: ".", maxSplits: 1).map(String.init)
        let rule = try AuditCReferenceTests.run("python3", ["Benchmarks/scripts/c-rule-arguments.py", "policies/\(parts[0])/\(parts[1]).json"])
        try #require(rule.status == 0, "the C reference cannot express \(preset)")
        let arguments = rule.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)

        let input = try directory.write("corpus.txt", "")
        try Data(AuditCReferenceTests.corpus()).write(to: URL(fileURLWithPath: input))
        let reference = try AuditCReferenceTests.run(program, arguments, input: input)
        #expect(reference.status == 0)
        let audit = try CommandRunner.run(["audit", "-p", preset, "--input", input, "--format", "json", "--jobs", "2"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdoutBytes)) as? [String: Any])
        #expect(reference.output == "total \(summary["total"] as? Int ?? -1)\nvalid \(summary["valid"] as? Int ?? -1)\n")
        #expect(summary["total"] as? Int == 3_001)
    }
}

/// SplitMix64 for the corpus (the tests' own copy: this target does not see the library's).
struct SystemLikeSplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
