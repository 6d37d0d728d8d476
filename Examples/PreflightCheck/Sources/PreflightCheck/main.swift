// Pre-flight check: read a policy (a preset id or a policy file), read one password from
// standard input, and say whether the service will accept it, with every reason. Then
// propose a compliant password. Uses the public API only.
//
//   printf 'abc123ABC!@#\n' | swift run PreflightCheck tencentcloud.cvm.windows
import PasswordPolicy

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    let line = Array("PreflightCheck: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

/// A preset by id, or a policy file by path, decoded with `Policy(json:)`.
func loadPolicy(_ name: String) -> Policy {
    if let preset = Presets.policy(id: name) { return preset }
    guard let file = fopen(name, "rb") else { fail("no preset or file named \(name)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let read = fread(&chunk, 1, chunk.count, file)
        if read <= 0 { break }
        bytes += chunk[0..<read]
        if bytes.count > Policy.maximumFileSize { break }
    }
    do {
        return try Policy(json: bytes)
    } catch {
        fail(error.problems.map(\.description).joined(separator: "\n"))
    }
}

let arguments = CommandLine.arguments.dropFirst()
let policy = loadPolicy(arguments.first ?? "tencentcloud.cvm.linux")
let compiled: CompiledPolicy
do {
    compiled = try CompiledPolicy(policy)
} catch {
    fail(error.description)
}

print("\(policy.id): \(policy.length) characters, \(policy.requirements.count) requirement(s), \(policy.allowsOtherCharacters ? "other characters allowed" : "declared classes only")\(policy.isOptional ? ", may be left out" : "")")

// The password comes from standard input, never from the command line.
if let line = readLine(strippingNewline: true) {
    if compiled.isValid(line) {
        print("accepted")
    } else {
        for violation in compiled.validate(line) { print("rejected: \(violation.code): \(violation.message)") }
    }
}

do {
    let generator = try PasswordGenerator(compiled)
    let count = try generator.count(length: generator.defaultLength)
    print("a compliant password of \(generator.defaultLength) characters: one of \(count) (\(Int(count.log2)) bits)")
    print(try generator.generate())
} catch {
    if error.code == .unsatisfiable { fail("no password satisfies \(policy.id): \(error)") }
    fail(error.description)
}
