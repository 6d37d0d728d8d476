import ArgumentParser
import PasswordPolicy

/// `pwpolicy lint FILE...`: every problem of every policy file, one a line, as
/// `FILE: KEY.PATH: message` (`FILE: ok` for a clean file).
///
/// Exit status: 0 every file clean; 1 a file has problems; 2 a file cannot be read (the
/// other files are still checked and reported).
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check policy files: JSON, schema, PCRE2 syntax, contradictions.",
        discussion: """
        Prints FILE: KEY.PATH: PROBLEM for every problem, or FILE: ok. \
        Exit status: 0 all files clean, 1 problems found, 2 a file could not be read.
        """
    )

    @Argument(help: ArgumentHelp("Policy files to check.", valueName: "file"))
    var files: [String] = []

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
            let problems = Policy.lint(json: bytes)
            if problems.isEmpty {
                try output.write("\(file): ok\n")
            } else {
                problemsFound = true
                for problem in problems {
                    try output.write(oneLine(problem.keyPath.isEmpty ? "\(file): \(problem.message)" : "\(file): \(problem.keyPath): \(problem.message)") + "\n")
                }
            }
        }
        try output.flush()
        if unreadable { throw ExitCode(2) }
        if problemsFound { throw ExitCode(1) }
    }
}
