import ArgumentParser
import PasswordPolicy

/// The policies a command works on: `-p/--policy`, repeatable.
///
/// Each value is a preset id (`pwpolicy presets` lists them) or a policy file: any value
/// that contains `/` or ends in `.json`. Several values mean all of them at once: their
/// intersection, as ``Policy/intersection(_:)`` computes it.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: [.customShort("p"), .customLong("policy")],
        help: ArgumentHelp(
            "A preset id, a policy file (a value containing / or ending in .json), rules: and a Password Rules string, or aws-iam:, vault:, keycloak: or okta: and that format's policy (inline or a file). Repeat it to require every policy at once.",
            valueName: "policy"
        )
    )
    var policies: [String] = []

    @Option(
        name: .customLong("forbid-list"),
        help: ArgumentHelp(
            "A file of passwords to refuse, one a line (a breached-password list, say): added to every policy as a forbidList entry. Repeatable.",
            valueName: "file"
        )
    )
    var forbidListFiles: [String] = []

    func validate() throws {
        if policies.isEmpty {
            throw ValidationError("give at least one -p/--policy: a preset id (see `pwpolicy presets`) or a policy file")
        }
    }

    /// The policies named, and the one compiled policy a password must satisfy.
    struct Loaded {
        /// Each policy as given, in order.
        var policies: [Policy]
        /// What the user wrote for each (a preset id or a path), for messages.
        var names: [String]
        /// The policy, or the intersection of all of them, compiled.
        var combined: Policy
        var compiled: CompiledPolicy
    }

    /// Reads, decodes and compiles every policy, then their intersection. Every failure
    /// names the preset or file, and for a file every problem with its key path.
    func load() throws(CommandFailure) -> Loaded {
        var decoded: [Policy] = []
        var compiled: [CompiledPolicy] = []
        for value in policies {
            let (policy, compiledPolicy) = try PolicyOptions.load(value, forbidListFiles: forbidListFiles)
            decoded.append(policy)
            compiled.append(compiledPolicy)
        }
        guard let first = decoded.first, let firstCompiled = compiled.first else {
            throw CommandFailure("give at least one -p/--policy: a preset id (see `pwpolicy presets`) or a policy file")
        }
        if compiled.count == 1 {
            return Loaded(policies: decoded, names: policies, combined: first, compiled: firstCompiled)
        }
        let together = PolicyOptions.quotedList(policies)
        do {
            // Compiled from the parts: each part's lists, and no second reading of its members.
            let combined = try CompiledPolicy(intersecting: compiled)
            return Loaded(policies: decoded, names: policies, combined: combined.policy, compiled: combined)
        } catch {
            throw CommandFailure("the policies \(together) cannot be combined:\n" + PolicyOptions.indented(error.problems, file: nil))
        }
    }

    /// Whether a `--policy` value names a file rather than a preset.
    static func isFilePath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".json")
    }

    /// One `--policy` value, decoded and compiled.
    static func load(_ value: String, forbidListFiles: [String] = []) throws(CommandFailure) -> (Policy, CompiledPolicy) {
        var policy: Policy
        if let foreign = try ForeignFormats.policy(value) {
            policy = foreign
        } else if let rules = passwordRulesText(value) {
            policy = try passwordRulesPolicy(rules)
        } else if isFilePath(value) {
            let bytes = try readFile(value, limit: Policy.maximumFileSize)
            do {
                policy = try Policy(json: bytes)
            } catch {
                throw CommandFailure("the policy file \(value) is not valid:\n" + indented(error.problems, file: value))
            }
        } else if let preset = Presets.policy(id: value) {
            policy = preset
        } else {
            throw CommandFailure(unknownPresetMessage(value))
        }
        policy.forbidLists += forbidListFiles.map { ForbiddenList(list: $0) }
        let policyFile = passwordRulesText(value) == nil && ForeignFormats.format(of: value) == nil && isFilePath(value) ? value : nil
        let (lists, listProblems) = BlocklistFiles.lists(for: policy, policyFile: policyFile)
        if !listProblems.isEmpty {
            throw CommandFailure("a list of \(policyFile.map { "the policy file \($0)" } ?? "the preset \(value)") cannot be read:\n" + indented(listProblems, file: policyFile))
        }
        do {
            return (policy, try CompiledPolicy(policy, blocklists: lists))
        } catch {
            let what = ForeignFormats.format(of: value).map { "the \($0) policy" }
                ?? (passwordRulesText(value) != nil ? "the Password Rules \"\(value.dropFirst(6))\"" : isFilePath(value) ? "the policy file \(value)" : "the preset \(value)")
            throw CommandFailure("\(what) cannot be compiled:\n" + indented(error.problems, file: policyFile))
        }
    }

    /// "unknown preset "x"; did you mean "y"? N presets are built in: `pwpolicy presets` lists them ..."
    static func unknownPresetMessage(_ id: String) -> String {
        var message = "unknown preset \"\(id)\""
        if let nearest = Presets.nearestID(to: id) {
            message += "; did you mean \"\(nearest)\"?"
        }
        let count = Presets.ids.count
        message += count == 0 ? " (no presets are built in)" : " \(count) presets are built in: `pwpolicy presets` lists them (`--search WORDS` finds one)."
        message += " A policy file is given as a path containing / or ending in .json."
        return message
    }

    /// One problem a line: `  file: key.path: message`.
    static func indented(_ problems: [PolicyProblem], file: String?) -> String {
        problems.map { problem in
            var parts: [String] = []
            if let file { parts.append(file) }
            if !problem.keyPath.isEmpty { parts.append(problem.keyPath) }
            parts.append(problem.message)
            return "  " + parts.joined(separator: ": ")
        }.joined(separator: "\n")
    }

    static func quotedList(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
