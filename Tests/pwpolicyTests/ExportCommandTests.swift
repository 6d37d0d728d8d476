import Foundation
import Testing

/// `pwpolicy export --to html|html-page`.
@Suite struct ExportCommandTests {
    @Test func htmlIsOneInputElement() throws {
        let result = try CommandRunner.run(["export", "-p", "tencentcloud.cvm.linux", "--to", "html"])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        let element = try #require(result.lines.first)
        #expect(element.hasPrefix("<input type=\"password\" "))
        for attribute in ["autocomplete=\"new-password\"", " required ", "minlength=\"8\"", "maxlength=\"16\"", "pattern=\"", "passwordrules=\""] {
            #expect(element.contains(attribute), "\(attribute)")
        }
        // The first-character rule becomes a lookahead; the length is also in the pattern.
        #expect(element.contains("pattern=\"(?![\\u{2f}])"))
        #expect(element.contains("{8,16}\""))
        // Losses (here only the passwordrules hint's) go to standard error.
        let losses = result.stderr.split(separator: "\n")
        #expect(!losses.isEmpty && losses.allSatisfy { $0.hasPrefix("pwpolicy: loss: ") && $0.contains("passwordrules: ") })
    }

    @Test func pageIsSelfContained() throws {
        let result = try CommandRunner.run(["export", "-p", "tencentcloud.cvm.linux", "--to", "html-page"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<!doctype html>"))
        #expect(result.stdout.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(!result.stdout.contains("src=\""), "no external script or image")
        #expect(!result.stdout.contains("http://") && !result.stdout.contains("https://"))
        #expect(result.stdout.contains("<li>Must not start with /</li>"))
    }

    @Test func strictFailsWhenSomethingIsLost() throws {
        // azure.sql.database forbids the user name: no page can check that.
        let result = try CommandRunner.run(["export", "-p", "azure.sql.database", "--to", "html-page", "--strict"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("pwpolicy: loss: forbidContext: "))
        #expect(result.stdout.hasPrefix("<!doctype html>"))
    }

    @Test func unknownTargetIsAUsageError() throws {
        let result = try CommandRunner.run(["export", "-p", "tencentcloud.cvm.linux", "--to", "vault"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}
