/// im2col and its adjoint col2im (Caffe's `im2col_cpu`/`col2im_cpu`, Chellapilla et al. 2006): a convolution as one
/// matrix product.
///
/// Shapes, for one example: `image: [channels, height, width]` <-> `columns: (channels · kh · kw, outputHeight ·
/// outputWidth)` row-major. Row `r = (c · kh + ki) · kw + kj` holds, for every output position `(oh, ow)`, the input
/// cell that kernel offset `(ki, kj)` of channel `c` reads there, or 0 in the padding:
/// `columns[r][oh · OW + ow] = image[c][oh · sh - padTop + ki · dh][ow · sw - padLeft + kj · dw]`.
/// Rows are channel-major, so the rows of a group of channels are contiguous (grouped convolutions take a slice).
///
/// Both loops run along output columns, contiguous in `columns` (and in the image when the stride is 1, where the
/// runs are copied, cleared and added eight values at a time, `ShortRuns`); the padding is skipped by ranges
/// computed once per row (`SlidingWindow`), not tested per cell. col2im visits every channel with the same sequence
/// of operations (channel outermost, then kernel rows, kernel columns, output rows, output columns), so identical
/// channels of `columns` give bit-identical channels of the image: the tie-preserving promise of a
/// constant-initialized convolution (MatrixKernel.swift) holds through it.
///
/// Work: im2col writes each entry of `columns` once (zeros included) and col2im reads each at most once, so a kernel
/// far wider than the image costs what its columns hold, `C · kh · kw · OH · OW` per example; that count is held to
/// one tensor, 2³¹ − 1, by the validator (`GraphRules.columnsFit`, memory-limit) and by `Network.makeImageLayer`.
/// (The pools, which have no columns to fill, visit only the kernel columns that land on the image instead.)
extension SlidingWindow {
    /// Writes every entry of `columns` (padding as 0).
    func im2col(_ image: UnsafePointer<Float>, _ columns: UnsafeMutablePointer<Float>) {
        let plane = outputPlane, outW = outputWidth, strideW = window.strideWidth, strideH = window.strideHeight
        var row = columns
        for c in 0..<channels {
            let channel = image + c * inputPlane
            for ki in 0..<window.kernelHeight {
                let rowOffset = self.rowOffset(ki), rows = validOutputRows(ki)
                for kj in 0..<window.kernelWidth {
                    let columnOffset = self.columnOffset(kj), cols = validOutputColumns(kj)
                    ShortRuns.zero(row, count: rows.lowerBound * outW)
                    for oh in rows {
                        let target = row + oh * outW
                        let source = channel + (oh * strideH + rowOffset) * width
                        ShortRuns.zero(target, count: cols.lowerBound)
                        if strideW == 1 {
                            ShortRuns.copy(target + cols.lowerBound, from: source + (cols.lowerBound + columnOffset),
                                           count: cols.count)
                        } else {
                            for ow in cols { target[ow] = source[ow * strideW + columnOffset] }
                        }
                        ShortRuns.zero(target + cols.upperBound, count: outW - cols.upperBound)
                    }
                    ShortRuns.zero(row + rows.upperBound * outW, count: (outputHeight - rows.upperBound) * outW)
                    row += plane
                }
            }
        }
    }

    /// Adds every entry of `columns` into the image cell it was read from (padding entries are dropped): the
    /// gradient of `im2col`. The caller clears `image` first when it must be written rather than added to.
    func col2imAdding(_ columns: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        let plane = outputPlane, outW = outputWidth, strideW = window.strideWidth, strideH = window.strideHeight
        var row = columns
        for c in 0..<channels {
            let channel = image + c * inputPlane
            for ki in 0..<window.kernelHeight {
                let rowOffset = self.rowOffset(ki), rows = validOutputRows(ki)
                for kj in 0..<window.kernelWidth {
                    let columnOffset = self.columnOffset(kj), cols = validOutputColumns(kj)
                    for oh in rows {
                        let source = row + oh * outW
                        let target = channel + (oh * strideH + rowOffset) * width
                        if strideW == 1 {
                            ShortRuns.add(target + (cols.lowerBound + columnOffset), from: source + cols.lowerBound,
                                          count: cols.count)
                        } else {
                            for ow in cols { target[ow * strideW + columnOffset] += source[ow] }
                        }
                    }
                    row += plane
                }
            }
        }
    }
}
