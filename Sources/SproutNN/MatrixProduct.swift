/// One kind of matrix product a training step makes, `count` times: row-major `C (m, n) = op(A) (m, k) · op(B) (k, n)`
/// (the arguments of `BLAS.sgemm`). A network lists its step's products (`Network.matrixProducts(batch:)`) so that a
/// benchmark can time `cblas_sgemm` alone on exactly those shapes (`SgemmCeiling`): the throughput a step would reach
/// if it did nothing but its products, at the speed OpenBLAS reaches on them hot, in a loop.
public struct MatrixProduct: Sendable, Hashable {
    /// What the product computes: the layer's output, its weight gradient, or its input gradient.
    public enum Role: Sendable, Hashable {
        case forward, weightGradient, inputGradient
    }

    public var role: Role
    public var transA: Bool
    public var transB: Bool
    public var m: Int
    public var n: Int
    public var k: Int
    /// How many times a step makes this product.
    public var count: Int

    public init(_ role: Role, transA: Bool, transB: Bool, m: Int, n: Int, k: Int, count: Int = 1) {
        (self.role, self.transA, self.transB, self.m, self.n, self.k, self.count) = (role, transA, transB, m, n, k, count)
    }

    /// `m · n · k · count`.
    public var multiplyAdds: Double { Double(m) * Double(n) * Double(k) * Double(count) }

    /// `2 · m · n · k` per product (a multiply and an add per term), times `count`.
    public var flops: Double { 2 * multiplyAdds }
}

extension Network {
    /// The matrix products of one training step (forward and backward) at this batch size, in execution order:
    /// every executed dense and conv2d layer's, the input gradient's left out for a layer reading the network input
    /// (backward skips it there).
    public func matrixProducts(batch: Int) -> [MatrixProduct] {
        steps.flatMap { step -> [MatrixProduct] in
            guard case .layer(let layer, let input) = step.operation else { return [] }
            return layer.matrixProducts(batch: batch, inputGradient: input != nil)
        }
    }
}

extension Network {
    /// The bias values of the executed dense layers: what the peers' `6 · parameters` FLOP count adds to the
    /// products' multiply-adds.
    public var denseBiasCount: Int {
        steps.reduce(0) { total, step in
            guard case .layer(let layer as Dense, _) = step.operation else { return total }
            return total + (layer.bias?.count ?? 0)
        }
    }
}

extension Layer {
    /// Most layers make no matrix product.
    func matrixProducts(batch: Int, inputGradient: Bool) -> [MatrixProduct] { [] }
}
