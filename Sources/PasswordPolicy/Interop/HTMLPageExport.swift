/// A policy as one self-contained HTML page: the password field (``HTMLInputExport``), the
/// policy in plain sentences (``CompiledPolicy/explanation``), and live violation messages
/// as the user types, computed in the page by a small JavaScript validator generated from
/// the compiled policy, with the library's codes and messages. The page loads nothing: no
/// network, no external script (its Content-Security-Policy forbids both).
///
/// ```swift
/// let page = try CompiledPolicy(Presets.policy(id: "aws.iam.default")!).htmlPage()
/// print(page.html)                       // <!doctype html> ...
/// page.losses.forEach { print($0) }      // what the page cannot check
/// ```
public struct HTMLPageExport: Sendable, Hashable {
    /// The page.
    public var html: String
    /// The page's input element, with its own losses.
    public var input: HTMLInputExport
    /// What the page's live check cannot decide (untranslatable patterns, context values);
    /// the page lists them too.
    public var losses: [ConversionLoss]
}

extension CompiledPolicy {
    /// The pre-flight page for this policy (see ``HTMLPageExport``).
    ///
    /// ```swift
    /// let html = try CompiledPolicy(policy).htmlPage(title: "Choose a password").html
    /// ```
    public func htmlPage(title: String? = nil) -> HTMLPageExport {
        let input = htmlInput()
        var losses: [ConversionLoss] = []
        var patterns: [JSONValue] = []
        for (index, rule) in policy.forbidPatterns.enumerated() {
            let message = JSONValue.string("\(rule.message) (\(rule.code))")
            switch JavaScriptRegex.translate(rule.pattern) {
            case .success(let translated):
                patterns.append(.object([("source", .string(translated.source)), ("flags", .string(translated.flags)), ("message", message)]))
            case .failure(let failure):
                patterns.append(.object([("source", .null), ("flags", .null), ("message", message)]))
                losses.append(ConversionLoss(keyPath: "forbidPatterns[\(index)]", message: "JavaScript cannot say \(failure.reason) exactly: the page does not check \"\(rule.code)\""))
            }
        }
        if !policy.forbidContext.isEmpty {
            losses.append(ConversionLoss(keyPath: "forbidContext", message: "the page does not know the \(Messages.list(policy.forbidContext)): not checked"))
        }
        losses += HTMLInputExport.unsupportedLosses(policy)
        let data = pageData(patterns: patterns).text(pretty: false).replacingScalar("<", with: "\\u003c")
        let heading = title ?? policy.title ?? policy.id
        let html = HTMLPageTemplate.page(
            heading: HTMLText.escape(heading), policyID: HTMLText.escape(policy.id), input: input.element,
            explanation: explanation.map { "<li>\(HTMLText.escape($0))</li>" }.joined(separator: "\n"),
            unchecked: losses.map { "<li>\(HTMLText.escape($0.description))</li>" }.joined(separator: "\n"),
            script: "const POLICY = \(data);\n" + HTMLPageScript.validator + "\n" + HTMLPageGenerator.script)
        return HTMLPageExport(html: html, input: input, losses: losses)
    }

    private func pageData(patterns: [JSONValue]) -> JSONValue {
        func ranges(_ set: ScalarSet) -> JSONValue {
            .array(set.ranges.map { .array([.integer(Int($0.lowerBound)), .integer(Int($0.upperBound))]) })
        }
        let classes = policy.classes.indices.map { index in
            JSONValue.object([("name", .string(policy.classes[index].name)), ("ranges", ranges(classMembers[index]))])
        }
        let atLeast = self.atLeast.map { requirement in
            JSONValue.object([
                ("count", .integer(requirement.count)),
                ("classes", .array(classMembers.indices.filter { requirement.mask & (UInt64(1) << UInt64($0)) != 0 }.map { .integer($0) })),
            ])
        }
        let counts = self.counts.map { requirement in
            JSONValue.object([("index", .integer(requirement.index)), ("min", .integer(requirement.min)),
                              ("max", requirement.max == Int.max ? .null : .integer(requirement.max))])
        }
        let leading = policy.forbidLeading.map { JSONValue.object([("ranges", ranges(forbiddenLeading)), ("message", .string(ViolationText.leading($0).message))]) }
        let trailing = policy.forbidTrailing.map { JSONValue.object([("ranges", ranges(forbiddenTrailing)), ("message", .string(ViolationText.trailing($0).message))]) }
        return .object([
            ("min", .integer(policy.length.min)),
            ("max", policy.length.max.map { .integer($0) } ?? .null),
            ("allowOther", .bool(policy.allowsOtherCharacters)),
            ("classes", .array(classes)),
            ("atLeast", .array(atLeast)),
            ("counts", .array(counts)),
            ("leading", leading ?? .null),
            ("trailing", trailing ?? .null),
            ("maxConsecutive", policy.maxConsecutive.map { .integer($0) } ?? .null),
            ("patterns", .array(patterns)),
            ("generator", HTMLPageGenerator.data(for: self) ?? .null),
        ])
    }
}

extension String {
    /// The string with every `scalar` replaced by `replacement`.
    fileprivate func replacingScalar(_ scalar: Unicode.Scalar, with replacement: String) -> String {
        var output = ""
        for each in unicodeScalars {
            if each == scalar { output += replacement } else { output.unicodeScalars.append(each) }
        }
        return output
    }
}

/// The page around the field and the script.
enum HTMLPageTemplate {
    static func page(heading: String, policyID: String, input: String, explanation: String, unchecked: String, script: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(heading)</title>
        <style>
        body { font: 16px/1.45 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
        h1 { font-size: 1.4rem; margin-bottom: .2rem; } .id { color: #666; font-family: ui-monospace, monospace; margin-top: 0; }
        label { display: block; font-weight: 600; margin: 1.2rem 0 .3rem; }
        button { margin-top: .6rem; font-size: 1rem; padding: .4rem .9rem; }
        input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: .5rem .6rem; border: 2px solid #999; border-radius: 6px; }
        input:valid { border-color: #2e7d32; } input:invalid { border-color: #c62828; }
        #verdict[data-valid=true] { color: #2e7d32; } #verdict[data-valid=false] { color: #c62828; }
        #violations li { color: #c62828; } .rules li { margin: .2rem 0; } .unchecked { color: #8a6d00; }
        </style>
        </head>
        <body>
        <h1>\(heading)</h1>
        <p class="id">\(policyID)</p>
        <form onsubmit="return false">
        <label for="password">Choose a password</label>
        \(input)
        <button type="button" id="generate" hidden>Generate a password</button>
        <p id="verdict" aria-live="polite"></p>
        <ul id="violations" aria-live="polite"></ul>
        </form>
        <h2>The policy</h2>
        <ul class="rules">
        \(explanation)
        </ul>
        \(unchecked.isEmpty ? "" : "<h2>Not checked on this page</h2>\n<ul class=\"unchecked\">\n\(unchecked)\n</ul>")
        <script>
        \(script)
        </script>
        </body>
        </html>

        """
    }
}
