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

    /// `median · 6 · parameters` in GFLOP/s.
    public var gigaflops: Double { median * 6 * Double(parameters) * 1e-9 }
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
        var samples = 0, parameters = 0
        for run in 0..<(warmups + max(1, runs)) {
            let trainer = try Trainer(spec: spec)
            samples = trainer.data.count
            parameters = trainer.network.parameters.reduce(0) { $0 + $1.count }
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
        return BenchmarkResult(name: spec.runPath, epochs: spec.train.epochs, samples: samples,
                               parameters: parameters, rates: rates, finalLoss: finalLoss)
    }
}
