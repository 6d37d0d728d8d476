import ArgumentParser
import PasswordPolicy

/// `--context NAME=VALUE` (repeatable): the values a policy's `forbidContext` names, for
/// `check` and `generate`.
struct ContextOptions: ParsableArguments {
    @Option(
        name: .customLong("context"),
        help: ArgumentHelp(
            "A value the password must not contain when the policy lists its name in forbidContext, e.g. username=alice. Repeatable.",
            valueName: "name=value"
        )
    )
    var values: [String] = []

    func validate() throws {
        _ = try context()
    }

    /// The values by name; a malformed or repeated name is a usage error.
    func context() throws(ValidationError) -> [String: String] {
        var context: [String: String] = [:]
        for item in values {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--context takes NAME=VALUE, e.g. --context username=alice; one was given without a name or '='")
            }
            let name = String(item[..<equals])
            if context[name] != nil { throw ValidationError("--context \(name) is given twice") }
            context[name] = String(item[item.index(after: equals)...])
        }
        return context
    }

    /// The values by name, after warning (on standard error, never with the value) about
    /// every name that `policy` does not forbid.
    func context(for policy: Policy) throws(ValidationError) -> [String: String] {
        let context = try context()
        let used = Set(policy.forbidContext)
        for name in context.keys.sorted() where !used.contains(name) {
            StandardError.warn(used.isEmpty
                ? "--context \(name) is ignored: the policy forbids no context values"
                : "--context \(name) is ignored: the policy forbids only \(used.sorted().joined(separator: ", "))")
        }
        return context
    }
}
