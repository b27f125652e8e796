import Testing
@testable import SproutNN

/// `Network.buffers`: batch_norm's running statistics and counter under PyTorch's state_dict names, read and written
/// back, so that a network given another's buffers evaluates exactly as that one does.
@Suite struct NetworkBufferTests {
    static let x: [Float] = [1, 2, 4, -1, 0, 3, 2, 2, 5]  // (batch 3, width 3)

    static func network() throws -> Network {
        let network = try Network(inputWidth: 3, nodes: [
            NodeSpec(name: "hidden", operation: .dense(units: 2, bias: true, weightInit: .ones, biasInit: .zeros)),
            NodeSpec(name: "bn", operation: .batchNorm(momentum: 0.1, eps: 1e-5, affine: true), inputs: ["hidden"]),
        ], output: "bn")
        network.initialize(seed: 0)
        return network
    }

    @Test func namesShapesAndDtypesArePyTorchs() throws {
        let buffers = try Self.network().buffers
        #expect(buffers.map(\.name) == ["bn.running_mean", "bn.running_var", "bn.num_batches_tracked"])
        #expect(buffers.map(\.shape) == [[2], [2], []])
        #expect(buffers.map(\.dtype) == ["F32", "F32", "I64"])
        #expect(buffers.map(\.values) == [.float32([0, 0]), .float32([1, 1]), .int64([0])])
        #expect(try Network(inputWidth: 2, nodes: [NodeSpec(name: "a", operation: .activation(.relu))], output: "a")
            .buffers.isEmpty)
    }

    /// Two training passes: the counter is 2 and the running mean is what momentum 0.1 makes of the dense outputs'
    /// batch means (each row's sum: 7, 2, 9, mean 6, the same in both units), worked by hand: 0.1·6 = 0.6, then
    /// 0.9·0.6 + 0.1·6 = 1.14.
    @Test func trainingUpdatesWhatTheBuffersRead() throws {
        let network = try Self.network()
        try network.forward(Self.x, batch: 3, mode: .training)
        try network.forward(Self.x, batch: 3, mode: .training)
        let buffers = network.buffers
        guard case .float32(let mean) = buffers[0].values else { Issue.record("not float32"); return }
        #expect(mean.allSatisfy { abs($0 - 1.14) < 1e-6 })
        #expect(buffers[2].values == .int64([2]))
        try network.forward(Self.x, batch: 3)
        #expect(network.buffers[2].values == .int64([2]))
    }

    @Test func loadedBuffersReproduceEvaluation() throws {
        let trained = try Self.network()
        try trained.forward(Self.x, batch: 3, mode: .training)
        let expected = Array(try trained.forward(Self.x, batch: 3))
        let fresh = try Self.network()
        #expect(Array(try fresh.forward(Self.x, batch: 3)) != expected)
        for (target, source) in zip(fresh.buffers, trained.buffers) { try target.load(source.values) }
        #expect(Array(try fresh.forward(Self.x, batch: 3)) == expected)
        #expect(fresh.buffers[2].values == .int64([1]))
    }

    @Test func wrongCountOrDtypeIsRefusedAndChangesNothing() throws {
        let network = try Self.network()
        let mean = network.buffers[0]
        #expect(throws: ParameterError.bufferMismatch(name: "bn.running_mean", expected: "F32 × 2", actual: "F32 × 3")) {
            try mean.load(.float32([1, 2, 3]))
        }
        #expect(throws: ParameterError.self) { try mean.load(.int64([1, 2])) }
        #expect(throws: ParameterError.self) { try network.buffers[2].load(.float32([1])) }
        #expect(mean.values == .float32([0, 0]))
    }
}
