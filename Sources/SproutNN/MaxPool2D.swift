/// Max pooling, PyTorch's `nn.MaxPool2d(kernel, stride, padding, dilation, ceil_mode=False)`: the largest value of
/// each window, channel by channel.
///
/// Shapes: `x: (batch, C · H · W) -> y: (batch, C · OH · OW)` (`[C, H, W]` -> `[C, OH, OW]`, PyTorch's size
/// formula); no parameters.
///
/// Forward: `y[c, oh, ow] = max x[c, oh · sh - padTop + ki · dh, ow · sw - padLeft + kj · dw]` over the window's
/// cells. Padding counts as -infinity, so the maximum is taken over the real cells only (their ranges come from
/// tables built once, `SlidingWindow.kernelRowTable` and `outputColumnTable`). Cells are visited in window order
/// (kernel row, then column) and a value replaces the best only when greater, or NaN, exactly PyTorch's test
/// `(val > maxval) || isnan(val)`: ties go to the first maximum and a NaN propagates (without padding the hot loop
/// compiles to `maxss` and `cmov`, no branch). The winner's position in the example (`c · H · W + ih · W + iw`) is
/// kept in `argmax`, sized in `reserve(batch:)`; it starts at the window's first real cell (PyTorch's
/// `maxindex`), so a window of -infinity sends its gradient there too. A window without any real cell (possible
/// only with dilation and padding) gives -infinity and index -1: no gradient.
///
/// Backward: `dx[argmax[o]] += dy[o]` for every output `o` (overlapping windows add), after clearing `dx` unless
/// `accumulate`.
final class MaxPool2D: Layer {
    let geometry: SlidingWindow
    /// `kernelRows(oh)` per output row, `kernelColumns(ow)` per output column and `validOutputColumns(kj)` per kernel
    /// column of `touchedColumns` (the kernel columns that read a real cell somewhere), built once (the padded
    /// sweep): `O(OH + OW + W)` values, whatever the kernel.
    private let rowTable: [Int]
    private let columnTable: [Int]
    private let touchedColumns: Range<Int>
    private let outputColumnTable: [Int]
    /// No padding: every window lies inside the image (`forwardWholeWindows`).
    private let unpadded: Bool
    let argmax = IndexBuffer(capacity: 1)

    init(geometry: SlidingWindow) {
        self.geometry = geometry
        let window = geometry.window
        unpadded = window.padTop == 0 && window.padBottom == 0 && window.padLeft == 0 && window.padRight == 0
        rowTable = geometry.kernelRowTable()
        columnTable = geometry.kernelColumnTable()
        touchedColumns = geometry.touchedKernelColumns()
        outputColumnTable = geometry.outputColumnTable(touchedColumns)
    }

    var inputWidth: Int { geometry.channels * geometry.inputPlane }
    var outputWidth: Int { geometry.channels * geometry.outputPlane }
    var parameters: [Parameter] { [] }

    func initialize(seed: UInt64) {}

    func reserve(batch: Int) { argmax.reserve(batch * outputWidth) }

    /// `x: (batch, C · H · W) -> y: (batch, C · OH · OW)`, the maximum of each window; its position into `argmax`.
    ///
    /// Without padding, `forwardWholeWindows`. With padding, an output row is swept one kernel offset `(ki, kj)` at
    /// a time, in window order, along the outputs whose cell at that offset is real (the inner loop runs over output
    /// columns, contiguous in `y` and `argmax`), so every output still sees its cells in PyTorch's order. Only the
    /// kernel rows and columns that land on the image are visited (`kernelRows(oh)`, `touchedColumns`): a kernel
    /// far wider than the padded image costs what its real cells cost, `O(input + output · real cells)`. Each
    /// output starts at its window's first real cell with -infinity (index -1 when the window has none) and takes
    /// any greater value or NaN (`(value > best) != (value != value)`: the two are never both true, so this is
    /// PyTorch's `||`, without a short circuit).
    func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, mode: ForwardMode) {
        if unpadded {
            forwardWholeWindows(x: x, y: y, batch: batch)
            return
        }
        let g = geometry, inPlane = g.inputPlane, outPlane = g.outputPlane, outW = g.outputWidth
        let dh = g.window.dilationHeight, dw = g.window.dilationWidth, sw = g.window.strideWidth
        let touched = touchedColumns
        rowTable.withUnsafeBufferPointer { rowBounds in
            columnTable.withUnsafeBufferPointer { kernelColumns in
                outputColumnTable.withUnsafeBufferPointer { columnBounds in
                    for plane in 0..<(batch * g.channels) {
                        let channelStart = (plane % g.channels) * inPlane
                        let input = x + plane * inPlane
                        for oh in 0..<g.outputHeight {
                            let best = y + plane * outPlane + oh * outW, at = argmax.base + plane * outPlane + oh * outW
                            let top = g.windowTop(oh), rowLower = rowBounds[2 * oh], rowUpper = rowBounds[2 * oh + 1]
                            for ow in 0..<outW {  // the window's first real cell, -1 when it has none
                                let columnLower = kernelColumns[2 * ow], columnUpper = kernelColumns[2 * ow + 1]
                                let first = channelStart + (top + rowLower * dh) * g.width + g.windowLeft(ow)
                                    + columnLower * dw
                                best[ow] = -.infinity
                                at[ow] = rowLower < rowUpper && columnLower < columnUpper
                                    ? Int32(truncatingIfNeeded: first) : -1
                            }
                            for ki in rowLower..<rowUpper {
                                let rowStart = (top + ki * dh) * g.width
                                for kj in touched {
                                    let offset = rowStart + g.columnOffset(kj), entry = 2 * (kj - touched.lowerBound)
                                    for ow in columnBounds[entry]..<columnBounds[entry + 1] {
                                        let cell = offset + ow * sw
                                        let value = input[cell], current = best[ow]
                                        let take = (value > current) != (value != value)
                                        best[ow] = take ? value : current
                                        at[ow] = take ? Int32(truncatingIfNeeded: channelStart + cell) : at[ow]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `forward` without padding (every window lies inside the image, the usual pool): each output's window in
    /// registers, kernel row by kernel row, with no table and no memory round trip. The hot loop takes a value when
    /// it is greater (one float compare, which compiles to `maxss` and a `cmov`, no branch) and adds the values up
    /// on the side; only a window whose sum is NaN (it holds a NaN, or +inf and -inf) is scanned again with the
    /// NaN rule (`exactWindow`). The XOR form of PyTorch's test compiled to a branch per cell, mispredicted half the
    /// time on random values: this made LeNet-5's pools more than twice as fast.
    private func forwardWholeWindows(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int) {
        let g = geometry, window = g.window, inPlane = g.inputPlane, outPlane = g.outputPlane
        let sh = window.strideHeight, sw = window.strideWidth, kh = window.kernelHeight, kw = window.kernelWidth
        let rowStep = window.dilationHeight * g.width, dw = window.dilationWidth
        for plane in 0..<(batch * g.channels) {
            let channelStart = (plane % g.channels) * inPlane
            let input = x + plane * inPlane, output = y + plane * outPlane, index = argmax.base + plane * outPlane
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    let origin = oh * sh * g.width + ow * sw
                    var best = -Float.infinity, at = origin, check: Float = 0
                    for ki in 0..<kh {
                        let rowStart = origin + ki * rowStep
                        for kj in 0..<kw {
                            let cell = rowStart + kj * dw
                            let value = input[cell]
                            let take = value > best
                            best = take ? value : best
                            at = take ? cell : at
                            check += value
                        }
                    }
                    if check != check { (best, at) = exactWindow(input, origin: origin) }
                    output[oh * g.outputWidth + ow] = best
                    index[oh * g.outputWidth + ow] = Int32(truncatingIfNeeded: channelStart + at)
                }
            }
        }
    }

    /// One whole window by PyTorch's test `(val > maxval) || isnan(val)`, the first cell as the start.
    private func exactWindow(_ input: UnsafePointer<Float>, origin: Int) -> (Float, Int) {
        let window = geometry.window, rowStep = window.dilationHeight * geometry.width
        var best = -Float.infinity, at = origin
        for ki in 0..<window.kernelHeight {
            for kj in 0..<window.kernelWidth {
                let cell = origin + ki * rowStep + kj * window.dilationWidth
                let value = input[cell]
                if value > best || value.isNaN {
                    best = value
                    at = cell
                }
            }
        }
        return (best, at)
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
