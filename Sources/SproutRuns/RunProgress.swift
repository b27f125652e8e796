import Foundation

/// What a run tells the console as it goes: after every epoch (`logged` false: the mean training loss of the epoch's
/// steps) and on every logged epoch (`logged` true: metrics.csv's row, the loss over the whole training set).
public struct RunProgress: Sendable {
    public var name: String
    public var epoch: Int
    public var epochs: Int
    public var loss: Double
    /// The last logged training accuracy (classification).
    public var accuracy: Double?
    /// The last logged validation loss and accuracy, when the config has a validation set.
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// Seconds since training started.
    public var elapsed: Double
    public var logged: Bool

    public init(name: String, epoch: Int, epochs: Int, loss: Double, accuracy: Double?, validationLoss: Double? = nil,
                validationAccuracy: Double? = nil, elapsed: Double, logged: Bool) {
        self.name = name
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.accuracy = accuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.elapsed = elapsed
        self.logged = logged
    }

    /// The line printed per logged epoch when the output is not a terminal:
    /// `xor  epoch  10/100  loss 0.1234  accuracy 0.950`, then `val loss 0.2345  val accuracy 0.900` with a
    /// validation set.
    public var line: String {
        let width = String(epochs).count
        let padded = String(repeating: " ", count: max(0, width - String(epoch).count)) + String(epoch)
        return "\(name)  epoch \(padded)/\(epochs)  loss \(Self.loss(loss))"
            + (accuracy.map { "  accuracy \(Self.fixed($0, 3))" } ?? "")
            + (validationLoss.map { "  val loss \(Self.loss($0))" } ?? "")
            + (validationAccuracy.map { "  val accuracy \(Self.fixed($0, 3))" } ?? "")
    }

    /// A loss for the console: four decimals from 0.001 up (`0.6931`, `1.2500`), four significant digits below, so
    /// a small loss never reads as zero (`0.0003735`, not `0.0004` or `0.0000`); exactly 0 is `0.0000`.
    public static func loss(_ value: Double) -> String {
        guard value.isFinite, value != 0, abs(value) < 0.001 else { return fixed(value, 4) }
        // 4 significant digits of the value as rounded to them (0.00099999 is 1.000e-03: 0.001000), at most 12 decimals.
        let exponent = String(format: "%.3e", value).split(separator: "e").last.flatMap { Int($0) } ?? -4
        return fixed(value, min(max(4, 3 - exponent), 12))
    }

    /// The live line on a terminal: the same, plus the time so far and the estimated time left (elapsed time per
    /// epoch so far, times the epochs left).
    public var liveLine: String {
        let left = epoch > 0 ? elapsed / Double(epoch) * Double(epochs - epoch) : nil
        return line + "  \(Self.clock(elapsed)) elapsed" + (left.map { ", ETA \(Self.clock($0))" } ?? "")
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    public static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.isFinite ? max(0, seconds.rounded()) : 0)
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let mm = h > 0 && m < 10 ? "0\(m)" : "\(m)"
        let ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(mm):\(ss)"
    }

    /// `value` with `digits` decimals ("nan"/"inf" for non-finite), locale-independent.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return MetricsRow.format(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return "\(value)" }
        let whole = Int(scaled) / Int(scale), fraction = Int(scaled) % Int(scale)
        let fractionText = String(fraction)
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)."
            + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
