extension Nonlinearity {
    /// The recommended gain, PyTorch's `torch.nn.init.calculate_gain`:
    ///
    /// | nonlinearity | gain | why |
    /// |---|---|---|
    /// | linear, sigmoid | 1 | linear: nothing to correct; sigmoid: PyTorch's table keeps 1 |
    /// | tanh | 5/3 | empirical value that keeps tanh activations' variance stable |
    /// | relu | sqrt(2) | ReLU zeroes half the inputs, halving the variance (He et al. 2015) |
    /// | leakyRelu(a) | sqrt(2 / (1 + a^2)) | the same argument with the negative half scaled by a |
    /// | selu | 3/4 | PyTorch's value, chosen for self-normalising nets with `kaiming_normal_`-style init |
    public var gain: Double {
        switch self {
        case .linear, .sigmoid: return 1
        case .tanh: return 5.0 / 3.0
        case .relu: return 2.0.squareRoot()
        case .leakyRelu(let slope): return (2.0 / (1.0 + slope * slope)).squareRoot()
        case .selu: return 3.0 / 4.0
        }
    }
}
