import ArgumentParser
import PasswordPolicy

/// `pwpolicy export -p P... --to html|html-page`: the policy for a browser, with what the
/// browser cannot check on standard error.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a policy for the browser: an <input> element, or a self-contained pre-flight page.",
        discussion: """
        --to html prints one <input type="password"> element: pattern (an exact JavaScript \
        translation of the policy where the v flag can say it), minlength and maxlength (only \
        when every allowed character is in the BMP), required, passwordrules and \
        autocomplete="new-password".

        --to html-page prints one self-contained page (no network, no external script): the \
        field, the policy in plain sentences, and live violation messages as the user types, \
        with the library's codes and messages.

        What cannot be carried over goes to standard error, one line each \
        ("pwpolicy: loss: KEY: what"). Exit status: 0 exported (even with losses, unless \
        --strict); 1 with --strict when something was lost; 2 a usage error or a policy that \
        cannot be loaded.
        """
    )

    enum Target: String, CaseIterable, ExpressibleByArgument {
        case html
        case htmlPage = "html-page"
    }

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("What to print: html (an <input> element) or html-page (a page).", valueName: "html|html-page"))
    var target: Target

    @Option(name: .customLong("title"), help: ArgumentHelp("The page's heading (--to html-page); default: the policy's title.", valueName: "text"))
    var title: String?

    @Flag(name: .customLong("strict"), help: "Exit with 1 when something could not be carried over.")
    var strict = false

    func run() throws {
        let compiled = try policyOptions.load().compiled
        var output = BufferedWriter()
        let losses: [ConversionLoss]
        switch target {
        case .html:
            let input = compiled.htmlInput()
            try output.write(input.element + "\n")
            losses = input.losses
        case .htmlPage:
            let page = compiled.htmlPage(title: title)
            try output.write(page.html)
            losses = page.losses + page.input.losses.filter { loss in !page.losses.contains { $0.keyPath == loss.keyPath } }
        }
        try output.flush()
        for loss in losses { StandardError.write("pwpolicy: loss: \(loss)\n") }
        if strict && !losses.isEmpty {
            throw CommandFailure("\(losses.count) rule\(losses.count == 1 ? "" : "s") could not be carried over (--strict)", exitCode: 1)
        }
    }
}
