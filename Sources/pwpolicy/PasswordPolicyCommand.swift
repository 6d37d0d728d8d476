import ArgumentParser

/// `pwpolicy`: the command over the PasswordPolicy library (`shared/spec/cli.md`).
///
/// Exit status, for every subcommand: 0 success (every password valid, every file clean);
/// 1 a verdict against (a password invalid, a policy file with problems); 2 a usage error
/// or a policy that cannot be loaded, with the reason on standard error.
@main
struct PasswordPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pwpolicy",
        abstract: "Validate passwords against declarative password policies.",
        discussion: """
        A policy is a preset id (see `pwpolicy presets`) or a policy file: any value that \
        contains / or ends in .json. Several -p/--policy options mean all of them at once.

        Exit status: 0 success; 1 a password is invalid or a policy file has problems; \
        2 a usage error or a policy that cannot be loaded (the reason on standard error).
        """,
        version: "1",
        // Add new subcommands to this list; the order is the order of `pwpolicy help`.
        subcommands: [
            PresetsCommand.self,
            ExplainCommand.self,
            CheckCommand.self,
            LintCommand.self,
            GenerateCommand.self,
            ConvertCommand.self,
            ExportCommand.self,
            BenchCommand.self,
            AuditCommand.self,
            BlocklistCommand.self,
        ]
    )

    /// Runs the command line. Usage errors exit with 2 (ArgumentParser's own default is
    /// 64, EX_USAGE), as the command's contract says.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            StandardError.write("pwpolicy: error: \(failure.message)\n")
            terminate(failure.exitCode)
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.write(fullMessage(for: error) + "\n")
                terminate(2)
            }
            exit(withError: error)
        }
    }
}
