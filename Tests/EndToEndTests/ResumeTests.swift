import Foundation
import Testing

/// A run stopped by a signal and run again goes on from its training state (resume.safetensors) and ends exactly
/// where the same run trained in one go ends: metrics.csv without its `seconds` column, layers.csv and
/// final.safetensors byte for byte. Each test trains its config twice in its own scratch folder: once straight
/// through (runs-a), once stopped and resumed (runs-b), the worker found through the test's own batch
/// (`RunningBatch`), the batch ended by the test whatever happens.
@Suite struct ResumeTests {
    /// A config of `name` on the bundled digits (1437 training examples after the split): `optimizer`, `schedule`,
    /// `layers` after the hidden layer's relu, `epochs`, a state saved at every epoch's end. 128 hidden units and
    /// batches of 16 make an epoch long enough (tens of milliseconds in a debug build) for a signal sent after a
    /// metrics row to arrive well before the run ends.
    static func config(_ name: String, optimizer: String, schedule: String = "constant", layers: String = "",
                       epochs: Int = 12, batch: Int = 16, validation: Double = 0.2) -> String {
        """
        name: \(name)
        seed: 7
        data: {source: digits, validation: \(validation), normalize: standardize}
        model:
          layers:
            - {name: hidden, type: dense, units: 128}
            - relu\(layers)
            - {name: out, type: dense, units: 10}
        train:
          loss: cross_entropy
          epochs: \(epochs)
          batch_size: \(batch)
          optimizer: \(optimizer)
          schedule: \(schedule)
        log: {checkpoints: {resume_every: 0}}

        """
    }

    /// How one interruption happens: once metrics.csv has `rows` rows (and, with `afterWorseValidation`, its last
    /// val_loss is above an earlier one: early stopping is counting its patience), `signal` goes to the worker (or,
    /// with `toBatch`, to the batch, which passes it on).
    struct Stop {
        var rows: Int
        var signal: Int32
        var toBatch = false
        var afterWorseValidation = false

        func isDue(_ table: MetricsTable?) -> Bool {
            guard let table, table.rows.count >= rows else { return false }
            guard afterWorseValidation else { return true }
            let losses = table.column("val_loss")
            guard let last = losses.last, let best = losses.dropLast().min() else { return false }
            return last > best
        }
    }

    /// Trains `text` straight through into runs-a and, into runs-b, stopped by each of `stops` in turn (each a new
    /// `sprout run` of the same config) and then run to its end; returns both run directories and runs-b's record.
    static func trainBothWays(_ text: String, name: String, stops: [Stop],
                              in scratch: TemporaryDirectory) throws -> (a: String, b: String, record: [String: Any]) {
        let config = try scratch.write("\(name).yaml", text)
        let runsA = scratch.url.appendingPathComponent("runs-a").path, runsB = scratch.url.appendingPathComponent("runs-b").path
        let straight = try SproutBinary.run(["run", config, "--out", runsA, "--quiet"], timeout: 600)
        #expect(straight.status == 0, "\(straight.stderr)")
        for stop in stops {
            let batch = try RunningBatch(["run", config, "--out", runsB, "--quiet"], runs: runsB)
            defer { batch.end() }
            let worker = try #require(try batch.waitUntilTraining([name]).first)
            let metrics = runsB + "/\(name)/metrics.csv"
            let reached = SproutBinary.waitUntil(seconds: 300) { stop.isDue(try? MetricsTable(path: metrics)) }
            #expect(reached, "metrics.csv never reached the point to stop at, \(stop)")
            #expect(kill(stop.toBatch ? batch.pid : worker, stop.signal) == 0)
            #expect(batch.finish(seconds: 300))
            let record = try RunDirectoryTests.json(runsB + "/\(name)/run.json")
            #expect(record["status"] as? String == "interrupted", "\(record)")
            #expect(FileManager.default.fileExists(atPath: runsB + "/\(name)/resume.safetensors"))
        }
        let resumed = try SproutBinary.run(["run", config, "--out", runsB], timeout: 600)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\(name): resuming after epoch"), "\(resumed.stdout)")
        let b = runsB + "/\(name)"
        return (runsA + "/\(name)", b, try RunDirectoryTests.json(b + "/run.json"))
    }

    /// The two runs' results are the same: metrics.csv but its `seconds` column, layers.csv, final.safetensors.
    static func expectIdentical(_ a: String, _ b: String) throws {
        let metricsA = try MetricsTable(path: a + "/metrics.csv"), metricsB = try MetricsTable(path: b + "/metrics.csv")
        let seconds = try #require(metricsA.header.firstIndex(of: "seconds"))
        func untimed(_ table: MetricsTable) -> [[String]] {
            table.rows.map { row in row.enumerated().filter { $0.offset != seconds }.map(\.element) }
        }
        #expect(metricsA.header == metricsB.header)
        #expect(metricsA.rows.count == metricsB.rows.count)
        let rowsA = untimed(metricsA), rowsB = untimed(metricsB)
        let firstDifference = zip(rowsA, rowsB).first { $0.0 != $0.1 }
        #expect(firstDifference == nil, "first row that differs: \(firstDifference.map { "\($0.0) vs \($0.1)" } ?? "")")
        for file in ["layers.csv", "final.safetensors"] {
            let dataA = try Data(contentsOf: URL(fileURLWithPath: a + "/" + file))
            let dataB = try Data(contentsOf: URL(fileURLWithPath: b + "/" + file))
            #expect(dataA == dataB, "\(file) differs")
        }
        // The finished run's training state is gone.
        #expect(!FileManager.default.fileExists(atPath: b + "/resume.safetensors"))
    }

    /// The resumes run.json recorded: (whole epochs done, steps done), oldest first.
    static func resumes(_ record: [String: Any]) -> [(epoch: Int, step: Int)] {
        (record["resumes"] as? [[String: Any]] ?? []).map { (($0["epoch"] as? Int) ?? -1, ($0["step"] as? Int) ?? -1) }
    }

    /// SGD with Nesterov momentum and weight decay, a step schedule, dropout, shuffling: stopped twice (Ctrl-C to
    /// the worker, then SIGTERM to the batch), each time resumed.
    @Test func sgdWithMomentumDropoutAndAStepScheduleStoppedTwice() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("sgd", optimizer: "{type: sgd, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.0001}",
                               schedule: "{type: step, step_size: 4, gamma: 0.5}",
                               layers: "\n    - {type: dropout, rate: 0.3}")
        let (a, b, record) = try Self.trainBothWays(text, name: "sgd", stops: [Stop(rows: 3, signal: SIGINT),
                                                                          Stop(rows: 7, signal: SIGTERM, toBatch: true)],
                                                    in: scratch)
        try Self.expectIdentical(a, b)
        let resumes = Self.resumes(record)
        #expect(resumes.count == 2, "\(record)")
        // Each resume went on from where the one before had got to, or later.
        #expect(resumes.count == 2 && resumes[0].epoch >= 2 && resumes[1].step > resumes[0].step, "\(resumes)")
        #expect(record["status"] as? String == "completed")
        #expect(record["epochs_completed"] as? Int == 12)
        // 1437 examples in batches of 16: ⌈1437 / 16⌉ = 90 steps an epoch.
        #expect(record["steps"] as? Int == 12 * 90)
    }

    /// Adam (AMSGrad) with a cosine schedule after a warm-up, and dropout: the worker killed outright (SIGKILL) once
    /// its state of epoch 4 or later was saved; the rows it logged after that state are cut and logged again.
    @Test func adamKilledOutrightGoesOnFromItsLastSavedState() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("adam", optimizer: "{type: adam, lr: 0.002, amsgrad: true}",
                               schedule: "{type: cosine, warmup_epochs: 2}", layers: "\n    - {type: dropout, rate: 0.2}")
        let config = try scratch.write("adam.yaml", text)
        let runsB = scratch.url.appendingPathComponent("runs-b").path
        let batch = try RunningBatch(["run", config, "--out", runsB, "--quiet"], runs: runsB)
        defer { batch.end() }
        let worker = try #require(try batch.waitUntilTraining(["adam"]).first)
        let state = runsB + "/adam/resume.safetensors"
        #expect(SproutBinary.waitUntil(seconds: 300) { ((try? Self.savedEpoch(state)) ?? 0) >= 4 })
        #expect(kill(worker, SIGKILL) == 0)
        #expect(batch.finish(seconds: 300))
        let killed = try RunDirectoryTests.json(runsB + "/adam/run.json")
        #expect(killed["status"] as? String == "failed")
        let saved = try Self.savedEpoch(state)
        let status = try SproutBinary.run(["status", config, "--out", runsB])
        #expect(status.stdout.contains("resumable: stopped after epoch \(saved)"), "\(status.stdout)")

        let (a, b, record) = try Self.trainBothWays(text, name: "adam", stops: [], in: scratch)
        try Self.expectIdentical(a, b)
        #expect(Self.resumes(record).map(\.epoch) == [saved], "\(record)")
    }

    /// Batch norm (its running statistics and counter are part of the state) with Adam and dropout, stopped by SIGTERM
    /// to the worker and resumed.
    @Test func batchNormRunningStatisticsGoOn() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("bn", optimizer: "{type: adam, lr: 0.002}",
                               layers: "\n    - {name: bn, type: batch_norm, momentum: 0.2}\n    - {type: dropout, rate: 0.1}")
        let (a, b, record) = try Self.trainBothWays(text, name: "bn", stops: [Stop(rows: 4, signal: SIGTERM)], in: scratch)
        try Self.expectIdentical(a, b)
        #expect(Self.resumes(record).count == 1)
    }

    /// RMSprop (centered, with momentum) and an exponential schedule, one long epoch of 1-example steps, stopped by
    /// SIGTERM while the first epoch runs: the state is saved at the step it stopped at, in the middle of the epoch,
    /// and the resumed run finishes that epoch from there.
    @Test func rmspropStoppedInTheMiddleOfAnEpoch() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("mid", optimizer: "{type: rmsprop, lr: 0.0005, centered: true, momentum: 0.5}",
                               schedule: "{type: exponential, gamma: 0.9}", epochs: 3, batch: 1)
        let (a, b, record) = try Self.trainBothWays(text, name: "mid", stops: [Stop(rows: 1, signal: SIGTERM)], in: scratch)
        try Self.expectIdentical(a, b)
        let resumes = Self.resumes(record)
        #expect(resumes.count == 1)
        // Stopped during epoch 1 (metrics.csv had only epoch 0's row): 0 whole epochs, some of its 1437 steps.
        #expect(resumes.first.map { $0.epoch == 0 && $0.step > 0 && $0.step < 1437 } == true, "\(resumes)")
    }

    /// Early stopping on the validation loss, patience 10, with gradient clipping (the steps that
    /// compute the whole gradient first): stopped once the validation loss has got worse than its best (early
    /// stopping is counting its patience from an earlier epoch, which only its saved memory knows), resumed, the run
    /// stops early at the same epoch as the one trained straight through, and with `restore_best` ends with the same
    /// best weights (kept in the state), best.safetensors the same too.
    @Test func earlyStoppingAndClippingGoOnWhereTheyWere() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("early", optimizer: "{type: sgd, lr: 0.1, momentum: 0.9}", epochs: 60)
            .replacingOccurrences(of: "  schedule: constant\n",
                                  with: "  schedule: constant\n  clip_grad_norm: 0.5\n  early_stopping: {metric: val_loss, patience: 10, restore_best: true}\n")
        let (a, b, record) = try Self.trainBothWays(text, name: "early", stops: [Stop(rows: 5, signal: SIGINT, afterWorseValidation: true)],
                                                    in: scratch)
        try Self.expectIdentical(a, b)
        let straight = try RunDirectoryTests.json(a + "/run.json")
        let stoppedAt = try #require(straight["stopped_early_at"] as? Int, "\(straight)")
        #expect(stoppedAt < 60)
        #expect(record["stopped_early_at"] as? Int == stoppedAt)
        #expect(record["restored_best"] as? Int != nil && record["restored_best"] as? Int == straight["restored_best"] as? Int)
        let bestA = try Data(contentsOf: URL(fileURLWithPath: a + "/best.safetensors"))
        #expect(bestA == (try Data(contentsOf: URL(fileURLWithPath: b + "/best.safetensors"))))
        #expect(Self.resumes(record).count == 1, "\(record)")
    }

    /// --restart trains a stopped run from scratch into a new entry instead: the stopped entry stays in the store as
    /// it was, the new one records no resume, and the result is the same.
    @Test func restartTrainsFromScratchIntoANewEntry() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("again", optimizer: "{type: sgd, lr: 0.05, momentum: 0.9}", epochs: 8)
        let config = try scratch.write("again.yaml", text)
        let runs = scratch.url.appendingPathComponent("runs").path
        let batch = try RunningBatch(["run", config, "--out", runs, "--quiet"], runs: runs)
        defer { batch.end() }
        let worker = try #require(try batch.waitUntilTraining(["again"]).first)
        #expect(SproutBinary.waitUntil(seconds: 300) {
            ((try? MetricsTable(path: runs + "/again/metrics.csv"))?.rows.count ?? 0) >= 3
        })
        #expect(kill(worker, SIGINT) == 0)
        #expect(batch.finish(seconds: 300))
        let stopped = try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/again")
        let restarted = try SproutBinary.run(["run", config, "--out", runs, "--restart"], timeout: 600)
        #expect(restarted.status == 0, "\(restarted.stderr)")
        #expect(!restarted.stdout.contains("resuming"))
        let current = try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/again")
        #expect(current != stopped)
        let record = try RunDirectoryTests.json(runs + "/again/run.json")
        #expect(record["status"] as? String == "completed")
        #expect(Self.resumes(record).isEmpty)
        // The link is relative to the output folder: `.store/again/<id>`.
        let old = try RunDirectoryTests.json(runs + "/" + stopped + "/run.json")
        #expect(old["status"] as? String == "interrupted")
        let straight = try SproutBinary.run(["run", config, "--out", scratch.url.appendingPathComponent("runs-a").path, "--quiet"],
                                            timeout: 600)
        #expect(straight.status == 0)
        try Self.expectIdentical(scratch.url.appendingPathComponent("runs-a/again").path, runs + "/again")
    }

    /// A training state that cannot be used is never gone on from silently. Cut short (its header's offsets past the
    /// end of the file), the batch says so and trains the run from scratch into a new entry; readable but holding a
    /// position outside the run (an epoch past its last), the run fails before writing anything, naming the file and
    /// --restart, and the stopped entry stays as it was.
    @Test func aDamagedTrainingStateIsNamedNotUsed() throws {
        let scratch = try TemporaryDirectory()
        let text = Self.config("damaged", optimizer: "{type: sgd, lr: 0.05, momentum: 0.9}", epochs: 8)
        let config = try scratch.write("damaged.yaml", text)
        let runs = scratch.url.appendingPathComponent("runs").path
        func stop() throws {
            let batch = try RunningBatch(["run", config, "--out", runs, "--quiet"], runs: runs)
            defer { batch.end() }
            let worker = try #require(try batch.waitUntilTraining(["damaged"]).first)
            #expect(SproutBinary.waitUntil(seconds: 300) {
                ((try? MetricsTable(path: runs + "/damaged/metrics.csv"))?.rows.count ?? 0) >= 3
            })
            #expect(kill(worker, SIGINT) == 0)
            #expect(batch.finish(seconds: 300))
        }
        try stop()
        let state = runs + "/damaged/resume.safetensors"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: state))
        // A position past the run's 8 epochs, in an otherwise intact file.
        try Self.rewriteMetadata(state) { metadata in
            metadata["position"] = metadata["position"]?.replacingOccurrences(
                of: #""epochs_completed":\d+"#, with: #""epochs_completed":99"#, options: .regularExpression)
        }
        let stopped = try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/damaged")
        let refused = try SproutBinary.run(["run", config, "--out", runs], timeout: 600)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("cannot resume from") && refused.stdout.contains("rerun with --restart"),
                "\(refused.stdout)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/damaged") == stopped)
        #expect(try RunDirectoryTests.json(runs + "/" + stopped + "/run.json")["status"] as? String == "interrupted")
        // Cut short: not resumable; said, and trained anew.
        try bytes.prefix(bytes.count - 16).write(to: URL(fileURLWithPath: state))
        let status = try SproutBinary.run(["status", config, "--out", runs])
        #expect(status.stdout.contains("interrupted; its training state in \((stopped as NSString).lastPathComponent) cannot be read ("),
                "\(status.stdout)")
        let fresh = try SproutBinary.run(["run", config, "--out", runs], timeout: 600)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stderr.contains("damaged: its training state in \((stopped as NSString).lastPathComponent) cannot be read"),
                "\(fresh.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: runs + "/damaged") != stopped)
        let record = try RunDirectoryTests.json(runs + "/damaged/run.json")
        #expect(record["status"] as? String == "completed")
        #expect(Self.resumes(record).isEmpty)
    }

    /// Rewrites a safetensors file's `__metadata__` strings with `change`, its tensors as they are.
    static func rewriteMetadata(_ path: String, _ change: (inout [String: String]) -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        var header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any])
        var metadata = try #require(header["__metadata__"] as? [String: String])
        change(&metadata)
        header["__metadata__"] = metadata
        var json = try JSONSerialization.data(withJSONObject: header)
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var out = Data((0..<8).map { UInt8((json.count >> (8 * $0)) & 0xFF) })
        out.append(json)
        out.append(data.subdata(in: (8 + length)..<data.count))
        try out.write(to: URL(fileURLWithPath: path))
    }

    /// The whole epochs a training state file says it holds, from its header's `position`.
    static func savedEpoch(_ path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count >= 8 else { return 0 }
        let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard data.count >= 8 + length else { return 0 }
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        let position = try #require(try JSONSerialization.jsonObject(with: Data((metadata["position"] ?? "").utf8)) as? [String: Any])
        return position["epochs_completed"] as? Int ?? 0
    }
}
