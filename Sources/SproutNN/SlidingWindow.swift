import SproutShapes

/// A `Window2D` placed over an image of known size: what convolutions and pools share.
///
/// Shapes: input `[channels, height, width]` -> output planes `[outputHeight, outputWidth]` (PyTorch's size formula,
/// `Window2D.output`). Output row `oh` reads input rows `oh · strideHeight - padTop + ki · dilationHeight` for kernel
/// rows `ki` (columns alike); rows outside `0 ..< height` are padding.
///
/// Loops never test a cell for padding: `validOutputs` gives, for one kernel offset, the range of outputs whose input
/// cell is real (im2col, col2im), and `kernelCells` the range of kernel offsets whose cell is real for one output
/// (the pools). Both are the same arithmetic: the `o` in `0 ..< count` with `0 <= o · step + offset < limit`.
struct SlidingWindow {
    let window: Window2D
    let channels: Int
    let height: Int
    let width: Int
    let outputHeight: Int
    let outputWidth: Int

    /// Nil when not one window fits (see `Window2D.output`).
    init?(window: Window2D, channels: Int, height: Int, width: Int) {
        guard channels > 0, let output = window.output(height: height, width: width) else { return nil }
        self.window = window
        self.channels = channels
        self.height = height
        self.width = width
        outputHeight = output.height
        outputWidth = output.width
    }

    var inputPlane: Int { height * width }
    var outputPlane: Int { outputHeight * outputWidth }

    /// The `o` in `0 ..< count` with `0 <= o · step + offset < limit` (step >= 1): an empty range when there is none.
    @inline(__always)
    static func inside(offset: Int, step: Int, limit: Int, count: Int) -> Range<Int> {
        let last = limit - 1 - offset
        guard last >= 0 else { return 0..<0 }
        let upper = min(count, last / step + 1)
        let lower = offset >= 0 ? 0 : min(upper, (step - 1 - offset) / step)
        return lower..<upper
    }

    /// Input row of output row 0 at kernel row `ki` (the row of output `oh` adds `oh · strideHeight`).
    @inline(__always) func rowOffset(_ ki: Int) -> Int { ki * window.dilationHeight - window.padTop }
    @inline(__always) func columnOffset(_ kj: Int) -> Int { kj * window.dilationWidth - window.padLeft }

    /// The output rows whose input row at kernel row `ki` is real.
    @inline(__always)
    func validOutputRows(_ ki: Int) -> Range<Int> {
        Self.inside(offset: rowOffset(ki), step: window.strideHeight, limit: height, count: outputHeight)
    }

    @inline(__always)
    func validOutputColumns(_ kj: Int) -> Range<Int> {
        Self.inside(offset: columnOffset(kj), step: window.strideWidth, limit: width, count: outputWidth)
    }

    /// The first input row of output row `oh`'s window (negative inside the padding).
    @inline(__always) func windowTop(_ oh: Int) -> Int { oh * window.strideHeight - window.padTop }
    @inline(__always) func windowLeft(_ ow: Int) -> Int { ow * window.strideWidth - window.padLeft }

    /// The kernel rows of output row `oh`'s window that fall on real input rows.
    @inline(__always)
    func kernelRows(_ oh: Int) -> Range<Int> {
        Self.inside(offset: windowTop(oh), step: window.dilationHeight, limit: height, count: window.kernelHeight)
    }

    @inline(__always)
    func kernelColumns(_ ow: Int) -> Range<Int> {
        Self.inside(offset: windowLeft(ow), step: window.dilationWidth, limit: width, count: window.kernelWidth)
    }

    /// `kernelRows(oh)` for every output row, flattened as `[lower₀, upper₀, lower₁, ...]`: the pools' table, built
    /// once per layer so that a pass divides nothing.
    func kernelRowTable() -> [Int] {
        (0..<outputHeight).flatMap { oh in [kernelRows(oh).lowerBound, kernelRows(oh).upperBound] }
    }

    func kernelColumnTable() -> [Int] {
        (0..<outputWidth).flatMap { ow in [kernelColumns(ow).lowerBound, kernelColumns(ow).upperBound] }
    }

    /// The kernel columns that land on a real input column for at least one output column: from the first real
    /// tap of the last window to the last real tap of the first one (a window further right has its real taps at
    /// smaller kernel indices, so `kernelColumns(ow)` slides down as `ow` grows). Empty when no window touches
    /// the image.
    ///
    /// Why: a pool's kernel can be far wider than its input (kernel 2³¹ − 1, padding 2³⁰ − 1, on a 4-wide image:
    /// every window holds the whole row), and the pools sweep kernel columns one at a time. Its length is at most
    /// `(W + (OW − 1) · sw) / dw + 2`, and a pool's padding is at most half its kernel (the network refuses more),
    /// so `(OW − 1) · sw <= W + 2 · pad − extent <= W`: at most `2 · W / dw + 2` columns, whatever the kernel.
    func touchedKernelColumns() -> Range<Int> {
        var lower = Int.max, upper = Int.min
        for ow in 0..<outputWidth {
            let columns = kernelColumns(ow)
            guard !columns.isEmpty else { continue }
            lower = min(lower, columns.lowerBound)
            upper = max(upper, columns.upperBound)
        }
        return lower < upper ? lower..<upper : 0..<0
    }

    /// `validOutputColumns(kj)` for every kernel column `kj` of `touchedKernelColumns()` (the others read no real
    /// cell), flattened as `[lower₀, upper₀, ...]` from its first: the pools sweep an output row one kernel offset at
    /// a time, along the outputs that offset reads inside the image. `O(W / dw)` values, never `O(kernel)`.
    func outputColumnTable(_ touched: Range<Int>) -> [Int] {
        touched.flatMap { kj in [validOutputColumns(kj).lowerBound, validOutputColumns(kj).upperBound] }
    }
}
