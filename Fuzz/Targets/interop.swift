// Fuzz target 5: the readers and translators of Interop/ on arbitrary bytes. The first
// byte chooses: even, the AWS IAM settings reader; odd, the PCRE2-to-JavaScript pattern
// translator and the HTML exports of a policy using the pattern. Never crashes; a refused
// document is a ConversionError with a message, and a translation is never empty for a
// non-empty pattern.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterop(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text = String(decoding: bytes, as: UTF8.self)
    if data[0] & 1 == 0 {
        do {
            let settings = try AWSIAMPasswordPolicy(json: text)
            let compiled = try CompiledPolicy(settings.policy())
            let back = try AWSIAMPasswordPolicy(json: compiled.awsIAMPasswordPolicy().settings.json)
            if back.minimumLength != settings.minimumLength { fatalError("the minimum length changed on a round trip") }
        } catch let error as ConversionError {
            if error.message.isEmpty { fatalError("an error without a message") }
        } catch {
            fatalError("an IAM policy that does not compile: \(error)")
        }
    } else {
        if case .success(let translated) = JavaScriptRegex.translate(text), !text.isEmpty, translated.source.isEmpty, text != "(?i)" {
            fatalError("an empty translation")
        }
        let policy = Policy(id: "fuzz.interop", length: LengthRange(min: 1, max: 12), classes: [CharacterClass(name: "a", .set("a-z0-9"))],
                            forbidPatterns: [ForbiddenPattern(pattern: text, code: "p", message: "m")])
        if let compiled = try? CompiledPolicy(policy) {
            _ = compiled.htmlPage().html
        }
    }
    return 0
}
