// The "Using the library" example of README.md, verbatim between the markers.
// ReadmeExampleTests checks that README.md shows exactly this code and runs it.
import PasswordPolicy

func readmeExample() throws -> [String] {
    var printed: [String] = []
    func print(_ line: String) { printed.append(line) }
    // README-BEGIN
    // A built-in preset, or any policy file: try Policy(json: bytes)
    guard let preset = Presets.policy(id: "tencentcloud.cvm.windows") else { return [] }
    let windows = try CompiledPolicy(preset)    // compile once, share across threads

    let accepted = windows.isValid("abc123ABC!@#")   // true: the fast yes/no path

    for violation in windows.validate("/abc") {
        print("\(violation.code): \(violation.message)")
    }
    // length.short: too short: 4 characters, at least 12 required
    // classes.insufficient: needs characters from at least 3 of lower, upper, ...
    // leading.forbidden: must not start with /

    // Several rules at once: a batch of Linux and Windows instances.
    guard let linux = Presets.policy(id: "tencentcloud.cvm.linux") else { return [] }
    let batch = try CompiledPolicy(Policy.intersection([linux, preset]))
    let both = batch.isValid(utf8: Array("abc123ABC!@#".utf8))   // true
    // README-END
    if !accepted || !both { printed.append("unexpected verdict") }
    return printed
}
