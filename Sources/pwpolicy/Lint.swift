import ArgumentParser
import PasswordPolicy

/// `pwpolicy lint [--verbose] FILE...`: every problem of every policy file, one a line, as
/// `FILE: KEY.PATH: message` (`FILE: ok` for a clean file); warnings as
/// `FILE: warning: KEY.PATH: message`; with `--verbose`, the satisfiability verdict and the
/// exact number of accepted passwords per length.
///
/// Exit status: 0 every file clean (warnings allowed); 1 a file has problems (including no
/// password satisfying it); 2 a file cannot be read (the other files are still checked).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check policy files: JSON, schema, PCRE2 syntax, contradictions, satisfiability.",
        discussion: """
        Prints FILE: KEY.PATH: PROBLEM for every problem, or FILE: ok; warnings (rules that \
        never apply, overlapping classes) as FILE: warning: KEY.PATH: MESSAGE. Whether any \
        password satisfies the policy is decided by exact counting (forbidPatterns and \
        forbidContext are not counted); --verbose prints the verdict and the number of \
        accepted passwords per length. \
        Exit status: 0 all files clean (warnings allowed), 1 problems found, 2 a file could not be read.
        """
    )

    @Argument(help: ArgumentHelp("Policy files to check.", valueName: "file"))
    var files: [String] = []

    @Flag(name: [.short, .long], help: "Also print the satisfiability verdict and the number of accepted passwords per length.")
    var verbose = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one policy file to lint") }
    }

    func run() throws {
        var output = BufferedWriter()
        var unreadable = false
        var problemsFound = false
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try readFile(file, limit: Policy.maximumFileSize)
            } catch {
                try output.flush()
                StandardError.write("pwpolicy: error: \(error.message)\n")
                unreadable = true
                continue
            }
            let report = BlocklistFiles.lintReport(json: bytes, file: file)
            if report.errors.isEmpty {
                try output.write("\(file): ok\n")
            } else {
                problemsFound = true
                for problem in report.errors {
                    try output.write(oneLine(problem.keyPath.isEmpty ? "\(file): \(problem.message)" : "\(file): \(problem.keyPath): \(problem.message)") + "\n")
                }
            }
            for warning in report.warnings {
                try output.write(oneLine(warning.keyPath.isEmpty ? "\(file): warning: \(warning.message)" : "\(file): warning: \(warning.keyPath): \(warning.message)") + "\n")
            }
            if verbose { try writeVerbose(report, file: file, to: &output) }
        }
        try output.flush()
        if unreadable { throw ExitCode(2) }
        if problemsFound { throw ExitCode(1) }
    }

    private func writeVerbose(_ report: PolicyLintReport, file: String, to output: inout BufferedWriter) throws {
        switch report.satisfiability {
        case .satisfiable(let shortest)?:
            try output.write("\(file): satisfiable: the shortest accepted password has \(shortest) characters\n")
        case .unsatisfiable(let reason)?:
            try output.write(oneLine("\(file): unsatisfiable: \(reason)") + "\n")
        case .undecided(let reason)?:
            try output.write(oneLine("\(file): undecided: \(reason)") + "\n")
        case nil:
            return
        }
        for (length, count) in report.countsByLength.map({ ($0.length, $0.count) }) {
            try output.write("\(file): length \(length): \(count) passwords (\(formatBits(count.log2)) bits)\n")
        }
    }

    private func formatBits(_ bits: Double) -> String {
        guard bits.isFinite else { return "-" }
        let tenths = Int((bits * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
