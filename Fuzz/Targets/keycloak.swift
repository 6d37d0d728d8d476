// Fuzz target 8: the Keycloak password policy string reader on arbitrary text. Never
// crashes; a refused string is a ConversionError with a message and a column; a string it
// reads prints as text that reads back the same, and when its policy compiles, the string
// written for that policy reads again.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeycloak(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let keycloak: KeycloakPasswordPolicy
    do { keycloak = try KeycloakPasswordPolicy(text) } catch {
        if error.message.isEmpty { fatalError("an error without a message") }
        if error.column == nil && size <= Policy.maximumFileSize { fatalError("an error without a column") }
        return 0
    }
    do {
        if try KeycloakPasswordPolicy(keycloak.text) != keycloak { fatalError("the printed string reads differently") }
    } catch {
        fatalError("the printed string is refused: \(error)")
    }
    guard let compiled = try? CompiledPolicy(keycloak.policy()) else { return 0 }   // e.g. maxLength below length
    do {
        _ = try KeycloakPasswordPolicy(compiled.keycloakPasswordPolicy().settings.text)
    } catch {
        fatalError("the string written for a Keycloak policy is refused: \(error)")
    }
    return 0
}
