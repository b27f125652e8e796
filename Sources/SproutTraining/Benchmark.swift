import SproutNN
import SproutConfig
import SproutRuns

/// Training throughput of one config, measured the way ../shared/bench/README.md measures the peers (JAX, PyTorch):
/// only the training loop is timed (not the data generation, the network build or any evaluation), one warm-up run,
/// then the median of several timed runs, each from a fresh network initialised from the seed.
public struct BenchmarkResult: Sendable {
    public var name: String
    public var epochs: Int
    public var samples: Int
    /// Trainable parameters, for the usual dense estimate `6 · parameters · samples/s` FLOP/s (2 for the forward
    /// product, 4 for the two backward products).
    public var parameters: Int
    /// The forward pass's multiply-adds per sample: each dense layer's parameters (weights and biases, as the peers
    /// count them), each conv2d's weights times its output positions (a convolution reuses its weights at every
    /// position: LeNet-5's 416,520, ../shared/bench/README.md). GFLOP/s = 6 × this × samples/s.
    public var forwardMultiplyAdds: Double
    /// `cblas_sgemm` alone on one full batch's products, hot (`SgemmCeiling`): the throughput no trainer on this
    /// OpenBLAS can beat; nil when the network makes no matrix product.
    public var ceiling: SgemmCeiling?
    public var batchSize: Int
    /// Samples per second of every timed run, in run order.
    public var rates: [Double]
    /// The mean training loss of the last epoch of the last run (batch losses weighted by batch size, before each
    /// update): the same number the peers print as `final_loss`, to see that both trained the same problem.
    public var finalLoss: Double

    public var median: Double {
        let sorted = rates.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `median · 6 · forward multiply-adds` in GFLOP/s (`6 · parameters` for a dense network, as the peers print).
    public var gigaflops: Double { median * 6 * forwardMultiplyAdds * 1e-9 }

    /// Samples per second if a step took only its matrix products' time at the ceiling's speed.
    public var ceilingSamplesPerSecond: Double? {
        guard let ceiling, ceiling.secondsPerStep > 0 else { return nil }
        return Double(batchSize) / ceiling.secondsPerStep
    }
}

public enum Benchmark {
    /// Trains `spec` `warmups + runs` times for its configured epochs (or `epochs`), timing the training loop of
    /// the last `runs`. A divergence is an error: its throughput would be meaningless.
    public static func measure(_ spec: ExperimentSpec, epochs: Int? = nil, warmups: Int = 1,
                               runs: Int = 3) throws -> BenchmarkResult {
        var spec = spec
        if let epochs { spec.train.epochs = epochs }
        let clock = ContinuousClock()
        var rates: [Double] = []
        var finalLoss = Double.nan
        var samples = 0, parameters = 0, forward = 0.0
        var products: [MatrixProduct] = []
        let batch = spec.train.batchSize
        for run in 0..<(warmups + max(1, runs)) {
            let trainer = try Trainer(spec: spec)
            samples = trainer.data.count
            parameters = trainer.network.parameters.reduce(0) { $0 + $1.count }
            products = trainer.network.matrixProducts(batch: min(batch, samples))
            forward = forwardMultiplyAdds(trainer.network, batch: min(batch, samples))
            var lastLoss = Double.nan
            let start = clock.now
            for epoch in 1...max(1, spec.train.epochs) {
                switch try trainer.trainEpoch(epoch, measuringGradientNorm: false) {
                case .trained(let meanLoss, _): lastLoss = meanLoss
                case .diverged(let loss): throw RunError.benchmarkDiverged(name: spec.runPath, epoch: epoch, loss: loss)
                case .interrupted(let signal, _, _): throw RunError.interrupted(signal: signal)
                }
                if let signal = StopRequest.signal { throw RunError.interrupted(signal: signal) }
            }
            let seconds = (clock.now - start).inSeconds
            guard run >= warmups else { continue }
            rates.append(Double(spec.train.epochs * samples) / max(seconds, 1e-9))
            finalLoss = lastLoss
        }
        let ceiling = products.isEmpty ? nil : SgemmCeiling.measure(products)
        return BenchmarkResult(name: spec.runPath, epochs: spec.train.epochs, samples: samples,
                               parameters: parameters, forwardMultiplyAdds: forward, ceiling: ceiling,
                               batchSize: min(batch, samples), rates: rates, finalLoss: finalLoss)
    }

    /// Per sample: the forward products' multiply-adds, plus the biases of dense layers (the peers' `6 · params`
    /// counts them).
    static func forwardMultiplyAdds(_ network: Network, batch: Int) -> Double {
        guard batch > 0 else { return 0 }
        let products = network.matrixProducts(batch: batch).filter { $0.role == .forward }
        let denseBiases = network.denseBiasCount
        return products.reduce(0) { $0 + $1.multiplyAdds } / Double(batch) + Double(denseBiases)
    }
}
