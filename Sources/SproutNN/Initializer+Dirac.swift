/// PyTorch's `nn.init.dirac_(tensor, groups)`: the weight of a convolution that copies its input.
extension Initializer {
    /// For a weight `[out, inPerGroup, k...]` (any number of kernel dimensions, row-major): all 0, then for every
    /// group `g < groups` and `d < min(out / groups, inPerGroup)` a 1 at `[g · out/groups + d, d, k₀/2, k₁/2, ...]`,
    /// the centre of the kernel (the lower middle for an even size, PyTorch's `size // 2`). A 2-D tensor has a
    /// kernel of one cell, so it gets the (grouped) diagonal. Positions past the buffer are skipped, never written.
    static func fillDirac(_ buffer: UnsafeMutableBufferPointer<Float>, shape: [Int], groups: Int) {
        buffer.update(repeating: 0)
        guard shape.count >= 2, groups > 0 else { return }
        let out = shape[0], inPerGroup = shape[1]
        var field = 1, centre = 0
        for index in stride(from: shape.count - 1, through: 2, by: -1) {
            centre += shape[index] / 2 * field
            field *= shape[index]
        }
        let outPerGroup = out / groups
        for g in 0..<groups {
            for d in 0..<min(outPerGroup, inPerGroup) {
                let position = ((g * outPerGroup + d) * inPerGroup + d) * field + centre
                if position < buffer.count { buffer[position] = 1 }
            }
        }
    }
}
