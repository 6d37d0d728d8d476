// Fuzz target 7: the Vault password policy (HCL) reader on arbitrary text. Never crashes;
// a refused document is a ConversionError with a message and a position; a policy it reads
// compiles, and writing it back for its own length loses nothing and reads again.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVault(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let vault: VaultPasswordPolicy
    do { vault = try VaultPasswordPolicy(hcl: text) } catch {
        if error.message.isEmpty { fatalError("an error without a message") }
        if error.code == .syntax && error.line == nil && size <= Policy.maximumFileSize { fatalError("a syntax error without a position") }
        return 0
    }
    do {
        let export = try CompiledPolicy(vault.policy()).vaultPasswordPolicy(length: vault.length)
        if !export.losses.isEmpty || !export.isCompliant { fatalError("a Vault policy lost rules on its way back: \(export.losses)") }
        let again = try VaultPasswordPolicy(hcl: export.settings.hcl)
        if again.length != vault.length || again.charset != vault.charset { fatalError("the written HCL reads differently") }
    } catch {
        fatalError("a Vault policy that was read does not convert back: \(error)")
    }
    return 0
}
