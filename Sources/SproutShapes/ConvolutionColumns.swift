/// The unfolded input (im2col) a 2-D convolution multiplies, counted in float32 values: what SproutNN's `Conv2D`
/// allocates and what the memory estimate (SproutConfig's `ResourceRules`) charges for it, one formula for both.
///
/// One example's columns are a `(C · kh · kw, OH · OW)` matrix: every group's `C/G · kh · kw` rows side by side in one
/// buffer (each group's product reads its own rows), so
///
///     perExample = C · kh · kw · OH · OW          (not divided by the groups)
///
/// `Conv2D` holds two buffers of them:
/// - `columns`: the whole batch's, `batch · perExample`, when that is at most `keptLimit` (forward's columns are
///   kept for backward, not built twice); otherwise one example's, `perExample`, rebuilt in backward;
/// - `columnGradient`: one example's, `perExample` (backward's `dX` before col2im, example by example).
///
/// so `allocated(batch:)` = `(batch · perExample <= keptLimit ? batch · perExample : perExample) + perExample`.
public struct ConvolutionColumns: Sendable, Hashable {
    /// 16 Mi floats (64 MiB): the most columns of a batch kept from forward for backward. LeNet-5's first layer at
    /// batch 64 keeps 1.25 Mi; a 64-channel 3x3 layer on 32x32 images at batch 256 would need 151 Mi and rebuilds
    /// instead (the memory is worth more than the copy saved).
    public static let keptLimit = 16 << 20

    /// `C · kh · kw · OH · OW`: one example's columns, every group's rows.
    public let perExample: Int

    /// `channels` (C, all of them, whatever the groups) unfolded by a `kernelHeight` x `kernelWidth` kernel into
    /// `outputPlane` (OH · OW) columns. The caller has checked that the product fits (SproutNN's
    /// `Network+ImageBuild`, SproutConfig's `GraphRules.columnsFit`: at most 2³¹ − 1); past an Int it traps.
    public init(channels: Int, kernelHeight: Int, kernelWidth: Int, outputPlane: Int) {
        perExample = channels * kernelHeight * kernelWidth * outputPlane
    }

    /// Whether a batch's columns are kept whole: `batch · perExample <= limit` (false when the product overflows).
    /// `limit` is `keptLimit` but for tests, which lower it to force the rebuild.
    public func keepsBatch(_ batch: Int, limit: Int = Self.keptLimit) -> Bool {
        let (total, overflow) = batch.multipliedReportingOverflow(by: perExample)
        return !overflow && total <= limit
    }

    /// The `columns` buffer's size for `batch`: the whole batch's columns when kept, else one example's.
    public func columns(batch: Int, limit: Int = Self.keptLimit) -> Int {
        keepsBatch(batch, limit: limit) ? batch * perExample : perExample
    }

    /// Both buffers for `batch`, `columns(batch:)` + one example's `columnGradient`: the floats a convolution holds
    /// beyond its weights, its output and their gradients.
    public func allocated(batch: Int, limit: Int = Self.keptLimit) -> Int {
        columns(batch: batch, limit: limit) + perExample
    }
}
