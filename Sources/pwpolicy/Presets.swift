import ArgumentParser
import PasswordPolicy

/// `pwpolicy presets [--vendor NAME] [--search WORDS] [--all] [--format text|json]`: the
/// built-in presets with their id, title, length range and a one-line summary, grouped by
/// vendor. Website rules (`web.*`, several hundred) are listed only with `--vendor web` or
/// `--all`; `-p web.example.com` works everywhere regardless.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the built-in presets: id, title, length range, one-line summary.",
        discussion: "Grouped by vendor (aws, azure, ...). Website rules imported from Apple's password-manager-resources (web.*) are listed only with --vendor web or --all."
    )

    @Option(help: "Only this vendor's presets (the first part of the id: aws, azure, tencentcloud, web, ...).")
    var vendor: String?

    @Option(help: "Only presets whose id, title or source contain every one of these words (case-insensitive).")
    var search: String?

    @Flag(help: "Include the website rules (web.*).")
    var all = false

    @Option(help: "text for people, json for programs.")
    var format: OutputFormat = .text

    func run() throws {
        if let vendor, !Presets.vendors.contains(vendor) {
            throw ValidationError("no vendor \"\(vendor)\"; the vendors are \(Presets.vendors.joined(separator: ", "))")
        }
        var presets = search.map(Presets.search) ?? Presets.all
        if let vendor {
            presets = presets.filter { Presets.vendor(of: $0.id) == vendor }
        } else if !all {
            presets = presets.filter { Presets.vendor(of: $0.id) != "web" }
        }
        switch format {
        case .text: try PresetsCommand.writeText(presets)
        case .json: try PresetsCommand.writeJSON(presets)
        }
    }

    /// A heading per vendor, then two lines a preset: id, length range and title in
    /// columns, then the summary.
    static func writeText(_ presets: [Policy]) throws(CommandFailure) {
        var output = BufferedWriter()
        let idWidth = presets.map(\.id.count).max() ?? 0
        let rangeWidth = presets.map { range($0.length).count }.max() ?? 0
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var vendor: String?
        for policy in presets {
            let next = Presets.vendor(of: policy.id)
            if next != vendor {
                try output.write("\(vendor == nil ? "" : "\n")\(next):\n")
                vendor = next
            }
            try output.write("  \(padded(policy.id, idWidth))  \(padded(range(policy.length), rangeWidth))  \(policy.title ?? "")\n")
            try output.write("      \(summary(policy))\n")
        }
        if presets.isEmpty { try output.write("no preset matches\n") }
        try output.flush()
    }

    /// `{"presets": [...]}`, one preset a line.
    static func writeJSON(_ presets: [Policy]) throws(CommandFailure) {
        var json = JSONWriter(expandedDepth: 2)
        try json.beginObject()
        try json.key("presets")
        try json.beginArray()
        for policy in presets {
            try json.beginObject()
            try json.key("id")
            try json.string(policy.id)
            try json.key("title")
            try json.string(policy.title)
            try json.key("source")
            try json.string(policy.source)
            try json.key("length")
            try json.beginObject()
            try json.key("min")
            try json.number(policy.length.min)
            try json.key("max")
            try json.number(policy.length.max)
            try json.endObject()
            try json.key("summary")
            try json.string(summary(policy))
            try json.endObject()
        }
        try json.endArray()
        try json.endObject()
        try json.endDocument()
        try json.flush()
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
