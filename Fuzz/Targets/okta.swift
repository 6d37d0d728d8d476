// Fuzz target 9: the Okta complexity settings (JSON) reader on arbitrary bytes. Never
// crashes; a refused document is a ConversionError with a message; settings it reads print
// as JSON that reads back the same, and their policy compiles and converts back unchanged.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOkta(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var okta: OktaPasswordComplexity
    do { okta = try OktaPasswordComplexity(json: text) } catch {
        if error.message.isEmpty { fatalError("an error without a message") }
        return 0
    }
    okta.otherSettings = []
    do {
        if try OktaPasswordComplexity(json: okta.json) != okta { fatalError("the printed settings read differently") }
        let export = try CompiledPolicy(okta.policy()).oktaPasswordComplexity()
        if export.losses.isEmpty, export.settings.minLength != okta.minLength || export.settings.minSymbol != okta.minSymbol {
            fatalError("settings changed on a lossless round trip")
        }
    } catch {
        fatalError("settings that were read do not convert back: \(error)")
    }
    return 0
}
