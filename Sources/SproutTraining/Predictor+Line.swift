import Foundation

extension Predictor {
    /// One output line from one row of network outputs.
    func appendLine(_ z: UnsafeBufferPointer<Float>) {
        guard let classes = classFields else {
            append(z.map { "\($0)" }.joined(separator: ",") + "\n")
            return
        }
        let largest = z.max() ?? 0
        let probabilities: [Double]
        if description.output.transform == "sigmoid" {
            let p1 = 1 / (1 + exp(-Double(z[0])))
            probabilities = [1 - p1, p1]
        } else {
            let e = z.map { exp(Double($0) - Double(largest)) }
            let total = e.reduce(0, +)
            probabilities = e.map { $0 / total }
        }
        // The first largest logit (a sigmoid's class 1 only when z > 0).
        let chosen = description.output.transform == "sigmoid" ? (z[0] > 0 ? 1 : 0)
            : (z.indices.first { z[$0] == largest } ?? 0)
        append(classes[chosen] + "," + probabilities.map { "\(Float($0))" }.joined(separator: ",") + "\n")
    }
}
