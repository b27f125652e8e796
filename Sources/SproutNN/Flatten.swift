/// An image read as a flat vector, `torch.flatten(x, 1)`: the same values in the same (NCHW) order, so a dense
/// layer can follow a convolution.
///
/// Shapes: `x: (batch, C · H · W) -> y: (batch, C · H · W)` (image `[C, H, W]` -> flat `[C · H · W]`); no
/// parameters. Forward copies `x` into the node's own buffer (every node owns its output); backward copies `dy`
/// into `dx`, or adds it when `accumulate`.
final class Flatten: Layer {
    let width: Int

    init(width: Int) { self.width = width }

    var outputWidth: Int { width }
    var parameters: [Parameter] { [] }

    func initialize(seed: UInt64) {}

    func reserve(batch: Int) {}

    /// `x: (batch, C · H · W) -> y: (batch, C · H · W)`, `y = x`.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        y.update(from: x, count: batch * width)
    }

    /// `dy: (batch, C · H · W) -> dx: (batch, C · H · W)`, `dx = dy` (or `dx += dy`).
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        ActivationKernels.identityBackward(dy, dx, batch * width, accumulate)
    }
}
