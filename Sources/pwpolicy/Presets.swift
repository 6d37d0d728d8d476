import ArgumentParser
import PasswordPolicy

/// `pwpolicy presets [--format text|json]`: the built-in presets with their id, title,
/// length range and a one-line summary.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the built-in presets: id, title, length range, one-line summary."
    )

    @Option(help: "text for people, json for programs.")
    var format: OutputFormat = .text

    func run() throws {
        var output = BufferedWriter()
        let presets = Presets.all
        switch format {
        case .text:
            let idWidth = presets.map(\.id.count).max() ?? 0
            let rangeWidth = presets.map { PresetsCommand.range($0.length).count }.max() ?? 0
            func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            for policy in presets {
                try output.write("\(padded(policy.id, idWidth))  \(padded(PresetsCommand.range(policy.length), rangeWidth))  \(policy.title ?? "")\n")
                try output.write("    \(PresetsCommand.summary(policy))\n")
            }
        case .json:
            try output.write("{\n  \"presets\": [")
            for (index, policy) in presets.enumerated() {
                try output.write(index == 0 ? "\n    {" : ",\n    {")
                try output.write("\"id\": ")
                try output.write(jsonString: policy.id)
                try output.write(", \"title\": ")
                if let title = policy.title { try output.write(jsonString: title) } else { try output.write("null") }
                try output.write(", \"source\": ")
                if let source = policy.source { try output.write(jsonString: source) } else { try output.write("null") }
                try output.write(", \"length\": {\"min\": ")
                try output.write(decimal: policy.length.min)
                try output.write(", \"max\": ")
                if let max = policy.length.max { try output.write(decimal: max) } else { try output.write("null") }
                try output.write("}, \"summary\": ")
                try output.write(jsonString: PresetsCommand.summary(policy))
                try output.write("}")
            }
            try output.write(presets.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        }
        try output.flush()
    }

    /// "8-16", "8+" (no upper bound), "12" (exact).
    static func range(_ length: LengthRange) -> String {
        guard let max = length.max else { return "\(length.min)+" }
        return max == length.min ? "\(max)" : "\(length.min)-\(max)"
    }

    static func summary(_ policy: Policy) -> String {
        do {
            return try CompiledPolicy(policy).summary
        } catch {
            return "(does not compile: \(error.problems.map(\.description).joined(separator: "; ")))"
        }
    }
}
