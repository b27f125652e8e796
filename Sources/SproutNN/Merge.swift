/// The elementwise sum of several inputs of one width, as `a + b` in a PyTorch `forward` (a residual connection):
/// `x_k: (batch, width) -> y: (batch, width)`, `y = Σ_k x_k`, and `dx_k = dy` for every input.
final class AddMerge: MergeLayer {
    let width: Int

    init(width: Int) { self.width = width }

    var outputWidth: Int { width }

    func forward(input index: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int) {
        let count = batch * width
        if index == 0 {
            y.update(from: x, count: count)
        } else {
            for i in 0..<count { y[i] += x[i] }
        }
    }

    func backward(input index: Int, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, accumulate: Bool,
                  batch: Int) {
        ActivationKernels.identityBackward(dy, dx, batch * width, accumulate)
    }
}

/// The inputs side by side, `torch.cat(inputs, dim=1)`: `x_k: (batch, w_k) -> y: (batch, Σ w_k)`, input `k` in
/// columns `offset_k ..< offset_k + w_k` (`offset_k = Σ_{j<k} w_j`); `dx_k` is those columns of `dy`.
final class ConcatMerge: MergeLayer {
    let widths: [Int]
    let offsets: [Int]
    let outputWidth: Int

    init(widths: [Int]) {
        self.widths = widths
        var offsets = [Int](), total = 0
        for width in widths {
            offsets.append(total)
            total += width
        }
        self.offsets = offsets
        outputWidth = total
    }

    func forward(input index: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int) {
        let width = widths[index], offset = offsets[index]
        for row in 0..<batch {
            (y + row * outputWidth + offset).update(from: x + row * width, count: width)
        }
    }

    func backward(input index: Int, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, accumulate: Bool,
                  batch: Int) {
        let width = widths[index], offset = offsets[index]
        for row in 0..<batch {
            ActivationKernels.identityBackward(dy + row * outputWidth + offset, dx + row * width, width, accumulate)
        }
    }
}
