/// Max pooling, PyTorch's `nn.MaxPool2d(kernel, stride, padding, dilation, ceil_mode=False)`: the largest value of
/// each window, channel by channel.
///
/// Shapes: `x: (batch, C · H · W) -> y: (batch, C · OH · OW)` (`[C, H, W]` -> `[C, OH, OW]`, PyTorch's size
/// formula); no parameters.
///
/// Forward: `y[c, oh, ow] = max x[c, oh · sh - padTop + ki · dh, ow · sw - padLeft + kj · dw]` over the window's
/// cells. Padding counts as -infinity, so the maximum is taken over the real cells only (their ranges come from a
/// table built once, `SlidingWindow.kernelRowTable`). Cells are visited in window order (kernel row, then column)
/// and a value replaces the best only when greater, or NaN, exactly PyTorch's test `(val > maxval) || isnan(val)`:
/// ties go to the first maximum and a NaN propagates. The select is branch-free. The winner's position in the
/// example (`c · H · W + ih · W + iw`) is kept in `argmax`, sized in `reserve(batch:)`; it starts at the window's
/// first real cell (PyTorch's `maxindex`), so a window of -infinity sends its gradient there too. A window without
/// any real cell (possible only with dilation and padding) gives -infinity and index -1: no gradient.
///
/// Backward: `dx[argmax[o]] += dy[o]` for every output `o` (overlapping windows add), after clearing `dx` unless
/// `accumulate`.
final class MaxPool2D: Layer {
    let geometry: SlidingWindow
    private let rowTable: [Int]
    private let columnTable: [Int]
    let argmax = IndexBuffer(capacity: 1)

    init(geometry: SlidingWindow) {
        self.geometry = geometry
        rowTable = geometry.kernelRowTable()
        columnTable = geometry.kernelColumnTable()
    }

    var inputWidth: Int { geometry.channels * geometry.inputPlane }
    var outputWidth: Int { geometry.channels * geometry.outputPlane }
    var parameters: [Parameter] { [] }

    func initialize(seed: UInt64) {}

    func reserve(batch: Int) { argmax.reserve(batch * outputWidth) }

    /// `x: (batch, C · H · W) -> y: (batch, C · OH · OW)`, the maximum of each window; its position into `argmax`.
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        let g = geometry, window = g.window, inPlane = g.inputPlane, outPlane = g.outputPlane
        let dh = window.dilationHeight, dw = window.dilationWidth
        rowTable.withUnsafeBufferPointer { rowBounds in
            columnTable.withUnsafeBufferPointer { columnBounds in
                for plane in 0..<(batch * g.channels) {
                    let channelStart = (plane % g.channels) * inPlane
                    let input = x + plane * inPlane, output = y + plane * outPlane
                    let index = argmax.base + plane * outPlane
                    for oh in 0..<g.outputHeight {
                        let top = g.windowTop(oh), rowLower = rowBounds[2 * oh], rowUpper = rowBounds[2 * oh + 1]
                        for ow in 0..<g.outputWidth {
                            let left = g.windowLeft(ow)
                            let columnLower = columnBounds[2 * ow], columnUpper = columnBounds[2 * ow + 1]
                            var best = -Float.infinity
                            var at: Int32 = rowLower < rowUpper && columnLower < columnUpper
                                ? Int32(truncatingIfNeeded: channelStart + (top + rowLower * dh) * g.width + left
                                        + columnLower * dw)
                                : -1
                            for ki in rowLower..<rowUpper {
                                let rowStart = (top + ki * dh) * g.width + left
                                for kj in columnLower..<columnUpper {
                                    let cell = rowStart + kj * dw
                                    let value = input[cell]
                                    let take = value > best || value != value
                                    best = take ? value : best
                                    at = take ? Int32(truncatingIfNeeded: channelStart + cell) : at
                                }
                            }
                            output[oh * g.outputWidth + ow] = best
                            index[oh * g.outputWidth + ow] = at
                        }
                    }
                }
            }
        }
    }

    /// `dy: (batch, C · OH · OW) -> dx: (batch, C · H · W)`: each output's gradient to the cell that won its window.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, accumulate: Bool, batch: Int) {
        guard let dx else { return }
        let inWidth = inputWidth, outWidth = outputWidth
        if !accumulate { dx.update(repeating: 0, count: batch * inWidth) }
        for n in 0..<batch {
            let dxn = dx + n * inWidth, dyn = dy + n * outWidth, index = argmax.base + n * outWidth
            for o in 0..<outWidth {
                let cell = Int(index[o])
                if cell >= 0 { dxn[cell] += dyn[o] }
            }
        }
    }
}
