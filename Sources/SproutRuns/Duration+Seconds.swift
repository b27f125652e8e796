extension Duration {
    /// The duration in seconds, as metrics.csv's `seconds`, progress lines and the batch's clock use it.
    package var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
