/// `log:`: what is logged and how often.
extension ExperimentSchema {
    public static let log = ObjectSchema("What is logged, and how often.", [
        // 1: small experiments want every epoch; epoch 0 and the last are always logged.
        Field("every", .integer(1...Int(Int32.max)), .defaultValue(.integer(1)),
              "Log every N epochs (epoch 0 and the last epoch always)."),
    ])
}
