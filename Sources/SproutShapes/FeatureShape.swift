/// The shape of one example's features as a node outputs them: a flat vector, or an image stored channel-major
/// (NCHW with the batch dimension left out, as PyTorch lays out `(batch, channels, height, width)`).
///
/// Every buffer of the engine stays a row-major `(batch, count)` matrix; an image's `count` values per example are
/// `channels × height × width` in that order, so flattening an image is free (the same values, read as a vector),
/// exactly as `torch.flatten(x, 1)`.
public enum FeatureShape: Sendable, Hashable, Codable {
    case flat(Int)
    case image(channels: Int, height: Int, width: Int)

    /// The values per example.
    public var count: Int {
        switch self {
        case .flat(let width): return width
        case .image(let channels, let height, let width): return channels * height * width
        }
    }

    /// The dimensions as PyTorch writes them without the batch: `[64]` or `[1, 28, 28]`.
    public var dimensions: [Int] {
        switch self {
        case .flat(let width): return [width]
        case .image(let channels, let height, let width): return [channels, height, width]
        }
    }

    /// `[64]` or `[1, 28, 28]`: how diagnostics and `sprout show` print a shape.
    public var description: String { "[" + dimensions.map(String.init).joined(separator: ", ") + "]" }

    public var isImage: Bool {
        if case .image = self { return true }
        return false
    }

    /// The shape with these dimensions: one is flat, three an image; any other count, or a dimension below 1, is
    /// nil.
    public init?(dimensions: [Int]) {
        guard dimensions.allSatisfy({ $0 > 0 }) else { return nil }
        switch dimensions.count {
        case 1: self = .flat(dimensions[0])
        case 3: self = .image(channels: dimensions[0], height: dimensions[1], width: dimensions[2])
        default: return nil
        }
    }
}
