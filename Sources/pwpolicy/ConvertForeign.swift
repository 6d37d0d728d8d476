import PasswordPolicy

extension ConvertCommand {
    /// `--to aws-iam|vault|keycloak|okta`: the settings on standard output, then each loss
    /// on standard error; with --strict (--exact), exit 1 when anything was lost.
    func writeForeign(_ compiled: CompiledPolicy, to output: inout BufferedWriter) throws {
        if length != nil && target != .vault { throw CommandFailure("--length applies to --to vault only") }
        let text: String, losses: [ConversionLoss]
        switch target {
        case .vault:
            let export: VaultExport
            do { export = try compiled.vaultPasswordPolicy(length: length) } catch {
                throw CommandFailure("the policy cannot be written for Vault: \(error)")
            }
            (text, losses) = (export.settings.hcl, export.losses)
            if !export.isCompliant {
                StandardError.write("pwpolicy: note: some losses are looser: a password Vault generates may fail the policy\n")
            }
        case .keycloak:
            let export = compiled.keycloakPasswordPolicy()
            (text, losses) = (export.settings.text + "\n", export.losses)
        case .okta:
            let export = compiled.oktaPasswordComplexity()
            (text, losses) = (export.settings.json + "\n", export.losses)
        default:
            let export = compiled.awsIAMPasswordPolicy()
            (text, losses) = (export.settings.json + "\n", export.losses)
        }
        try output.write(text)
        try output.flush()
        for loss in losses { StandardError.write("pwpolicy: loss: \(loss)\n") }
        if exact && !losses.isEmpty {
            throw CommandFailure("\(losses.count) rule\(losses.count == 1 ? "" : "s") could not be carried over exactly (--strict)", exitCode: 1)
        }
    }
}
