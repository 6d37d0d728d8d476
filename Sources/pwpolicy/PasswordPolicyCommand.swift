import ArgumentParser

@main
struct PasswordPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pwpolicy",
        abstract: "Validate passwords against declarative password policies."
    )
}
