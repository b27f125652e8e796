/// Global average pooling: the mean of each channel over its height and width (PyTorch's
/// `nn.AdaptiveAvgPool2d(1)` followed by `flatten(1)`, Keras' `GlobalAveragePooling2D`).
///
/// Shapes: `x: (batch, C · H · W) -> y: (batch, C)` (image `[C, H, W]` -> flat `[C]`); no parameters.
/// Forward: `y[c] = (Σ_s x[c, s]) / S`, `S = H · W`, summed in storage order.
/// Backward: `dx[c, s] = dy[c] / S` for every cell (written, or added when `accumulate`).
final class GlobalAvgPool: Layer {
    let channels: Int
    /// `S = H · W`, the cells of one channel.
    let planeSize: Int

    init(channels: Int, planeSize: Int) {
        self.channels = channels
        self.planeSize = planeSize
    }

    var outputWidth: Int { channels }
    var parameters: [Parameter] { [] }

    func initialize(seed: UInt64) {}

    func reserve(batch: Int) {}

    /// `x: (batch, C · S) -> y: (batch, C)`, each channel's mean.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let size = Float(planeSize)
        for plane in 0..<(batch * channels) {
            let cells = x + plane * planeSize
            var sum: Float = 0
            for s in 0..<planeSize { sum += cells[s] }
            y[plane] = sum / size
        }
    }

    /// `dy: (batch, C) -> dx: (batch, C · S)`, `dy / S` to every cell of the channel.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let size = Float(planeSize)
        for plane in 0..<(batch * channels) {
            let cells = dx + plane * planeSize, share = dy[plane] / size
            if accumulate {
                for s in 0..<planeSize { cells[s] += share }
            } else {
                cells.update(repeating: share, count: planeSize)
            }
        }
    }
}
