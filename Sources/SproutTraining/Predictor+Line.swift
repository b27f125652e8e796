import Foundation

extension Predictor {
    /// One output line from one row of network outputs, appended to `text` as bytes: the class name and the
    /// probabilities (softmax computed in Double with the largest logit subtracted; for one sigmoid logit z,
    /// 1 − σ(z) and σ(z)), or the regression values, each number float32's shortest round-trip text. Nothing is
    /// allocated per row (a number's text fits in a small string).
    func appendLine(_ z: UnsafeBufferPointer<Float>) {
        guard let classes = classFields else {
            for index in z.indices {
                if index > 0 { text.append(0x2C) }
                appendNumber(z[index])
            }
            text.append(0x0A)
            return
        }
        var largest = z[0]
        for value in z where value > largest { largest = value }
        let chosen: Int
        if description.output.transform == "sigmoid" {
            let p1 = 1 / (1 + exp(-Double(z[0])))
            probabilities.removeAll(keepingCapacity: true)
            probabilities.append(1 - p1)
            probabilities.append(p1)
            // Class 1 only when z > 0, as training's accuracy counts it.
            chosen = z[0] > 0 ? 1 : 0
        } else {
            probabilities.removeAll(keepingCapacity: true)
            var total = 0.0
            for value in z {
                let e = exp(Double(value) - Double(largest))
                probabilities.append(e)
                total += e
            }
            for index in probabilities.indices { probabilities[index] /= total }
            // The first largest logit.
            chosen = z.indices.first { z[$0] == largest } ?? 0
        }
        text.append(contentsOf: classes[chosen].utf8)
        for probability in probabilities {
            text.append(0x2C)
            appendNumber(Float(probability))
        }
        text.append(0x0A)
    }

    /// `value`'s shortest round-trip text (what `"\(value)"` writes), as bytes.
    private func appendNumber(_ value: Float) {
        var number = value.description
        number.withUTF8 { text.append(contentsOf: $0) }
    }
}
