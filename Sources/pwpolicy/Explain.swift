import ArgumentParser
import PasswordPolicy

/// `pwpolicy explain -p P...`: the policy, or the intersection of several, in plain
/// sentences.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a policy (or several at once) in plain sentences."
    )

    @OptionGroup var policyOptions: PolicyOptions

    func run() throws {
        let loaded = try policyOptions.load()
        var output = BufferedWriter()
        if loaded.policies.count == 1 {
            let policy = loaded.policies[0]
            try output.write(policy.title.map { "\(policy.id): \($0)\n" } ?? "\(policy.id)\n")
        } else {
            try output.write("All of \(loaded.names.joined(separator: ", ")) at once:\n")
        }
        for sentence in loaded.compiled.explanation {
            try output.write("  \(sentence)\n")
        }
        try output.flush()
    }
}
