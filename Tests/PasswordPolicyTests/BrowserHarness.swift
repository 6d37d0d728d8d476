import Foundation
@testable import PasswordPolicy

/// Runs generated pre-flight pages in headless Chromium (Debian's `chromium`, installed by
/// scripts/install-deps.sh) and reads back what the pages said.
///
/// One harness page holds every generated page in an `<iframe srcdoc>` (same origin as the
/// harness), with the passwords to type (hex) and the library's verdicts. For each password
/// the harness does what typing does: sets the field's value and dispatches an `input`
/// event; then it reads the page's violation list and the field's `checkValidity()`, and
/// writes a summary of the disagreements (preset, password index, both verdicts; never a
/// password) into the DOM, which `chromium --dump-dom` prints.
enum BrowserHarness {
    struct Case {
        var hex: String
        var valid: Bool
        var violations: [(code: String, message: String)]
    }

    struct Page {
        var id: String
        var html: String
        var checkPattern: Bool
        var cases: [Case]
    }

    static func chromium() -> String? {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    static func harness(_ pages: [Page]) -> String {
        func json(_ value: Any) -> String {
            let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
        }
        let data = pages.map { page -> [String: Any] in
            ["id": page.id, "checkPattern": page.checkPattern,
             "cases": page.cases.map { ["hex": $0.hex, "valid": $0.valid, "codes": $0.violations.map(\.code), "messages": $0.violations.map(\.message)] }]
        }
        let frames = pages.enumerated().map { index, page in
            "<iframe id=\"f\(index)\" srcdoc=\"\(escape(page.html))\"></iframe>"
        }.joined(separator: "\n")
        return """
        <!doctype html><html><head><meta charset="utf-8"></head><body>
        <pre id="result">pending</pre>
        \(frames)
        <script>
        const PAGES = \(json(data));
        \(script)
        </script></body></html>
        """
    }

    static let script = #"""
    function fromHex(hex) {
      const bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
    window.addEventListener("load", () => {
      const failures = [], generated = {};
      let typed = 0, patternChecked = 0;
      PAGES.forEach((page, p) => {
        const doc = document.getElementById("f" + p).contentDocument;
        const field = doc && doc.getElementById("password");
        if (!field) { failures.push({ preset: page.id, index: -1, what: "no password field (page did not load)" }); return; }
        page.cases.forEach((c, index) => {
          const password = fromHex(c.hex);
          field.value = password;
          if (field.value !== password) { failures.push({ preset: page.id, index, what: "the field changed the value" }); return; }
          field.dispatchEvent(new Event("input", { bubbles: true }));
          typed++;
          const items = Array.from(doc.getElementById("violations").children);
          const codes = items.map(li => li.dataset.code), messages = items.map(li => li.textContent);
          const pageValid = doc.getElementById("verdict").dataset.valid === "true";
          if (pageValid !== c.valid || JSON.stringify(codes) !== JSON.stringify(c.codes)) {
            failures.push({ preset: page.id, index, what: "verdict", library: c.valid + " " + c.codes.join(","), page: pageValid + " " + codes.join(",") });
          } else if (JSON.stringify(messages) !== JSON.stringify(c.messages)) {
            failures.push({ preset: page.id, index, what: "messages", library: c.messages.join(" | "), page: messages.join(" | ") });
          }
          if (page.checkPattern && password.length > 0) {
            patternChecked++;
            const browserValid = field.checkValidity();
            if (browserValid !== c.valid) failures.push({ preset: page.id, index, what: "pattern attribute", library: String(c.valid), page: String(browserValid) });
          }
        });
        const button = doc.getElementById("generate");
        if (button && !button.hidden) {
          const passwords = [];
          for (let i = 0; i < 20; i++) {
            button.click();
            passwords.push(Array.from(new TextEncoder().encode(field.value), b => b.toString(16).padStart(2, "0")).join(""));
          }
          generated[page.id] = { count: button.dataset.count, passwords };
        }
      });
      document.getElementById("result").textContent = JSON.stringify({ done: true, typed, patternChecked, generated, failures: failures.slice(0, 50), failureCount: failures.length });
    });
    """#

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Runs Chromium on `file` and returns the DOM it dumps.
    static func dumpDOM(_ chromium: String, file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("pwpolicy-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--dump-dom", file.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON summary the harness wrote, from the dumped DOM.
    static func result(fromDOM dom: String) -> [String: Any]? {
        guard let start = dom.range(of: "<pre id=\"result\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else { return nil }
        let text = unescape(String(dom[start.upperBound..<end.lowerBound]))
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
