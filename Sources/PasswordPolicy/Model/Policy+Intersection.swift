extension Policy {
    /// The single policy whose passwords are exactly those that satisfy every one of
    /// `policies`. Throws, saying why, when no password can satisfy them all.
    public static func intersection(_ policies: [Policy]) throws(PolicyError) -> Policy {
        guard let first = policies.first else { throw PolicyError(keyPath: "", "no policy given") }
        if policies.count == 1 { return first }
        throw PolicyError(keyPath: "", "intersection not implemented yet")
    }
}
