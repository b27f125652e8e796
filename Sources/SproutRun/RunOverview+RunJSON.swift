import Foundation

extension RunOverview {
    /// The fields of run.json the table shows (docs/runs.md). JSONDecoder, not JSONSerialization, because the latter
    /// rounds some doubles on Linux (0.34956453541460974 reads as 0.3495645354146098) and the CSV cells are exact.
    struct RecordFile: Decodable {
        var status: String
        var epochsCompleted: Int?
        var final: Final?

        struct Final: Decodable {
            var trainLoss: Metric?
            var trainAccuracy: Metric?
            var validationAccuracy: Metric?
            enum CodingKeys: String, CodingKey {
                case trainLoss = "train_loss", trainAccuracy = "train_accuracy", validationAccuracy = "val_accuracy"
            }
        }

        enum CodingKeys: String, CodingKey {
            case status, final, epochsCompleted = "epochs_completed"
        }
    }

    /// A run.json number: a JSON number, or one of the strings `"nan"`, `"inf"`, `"-inf"` a non-finite loss is
    /// written as.
    struct Metric: Decodable {
        var value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
                return
            }
            let text = try container.decode(String.self)
            guard ["nan", "inf", "-inf"].contains(text), let number = Double(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(text)")
            }
            value = number
        }
    }
}
