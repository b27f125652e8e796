extension UnionSchema {
    /// The noun in the plural, for "valid optimizers: …" and "valid losses: …".
    public var plural: String {
        noun.hasSuffix("s") || noun.hasSuffix("x") ? noun + "es" : noun + "s"
    }
}
