/// A worker's progress as one line on its stdout, read back by the batch:
/// `progress <TAB> name <TAB> epoch <TAB> epochs <TAB> loss <TAB> accuracy or empty <TAB> elapsed <TAB> 0|1 <TAB>
/// validation loss or empty <TAB> validation accuracy or empty`.
/// Numbers are Swift's shortest round-tripping text, so the batch prints exactly what a single run would. A run name
/// cannot contain a tab or a newline (names and variants are restricted to file-name-safe characters).
extension RunProgress {
    public var wireLine: String {
        ["progress", name, String(epoch), String(epochs), "\(loss)", accuracy.map { "\($0)" } ?? "", "\(elapsed)",
         logged ? "1" : "0", validationLoss.map { "\($0)" } ?? "", validationAccuracy.map { "\($0)" } ?? ""]
            .joined(separator: "\t")
    }

    public init?(wireLine: String) {
        let fields = wireLine.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 10, fields[0] == "progress", let epoch = Int(fields[2]), let epochs = Int(fields[3]),
              let loss = Double(fields[4]), let elapsed = Double(fields[6]) else { return nil }
        self.init(name: fields[1], epoch: epoch, epochs: epochs, loss: loss, accuracy: Double(fields[5]),
                  validationLoss: Double(fields[8]), validationAccuracy: Double(fields[9]), elapsed: elapsed,
                  logged: fields[7] == "1")
    }
}
