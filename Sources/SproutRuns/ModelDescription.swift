/// model.json: everything needed to use a trained network without Sprout's config or data, beside the run's
/// final.safetensors. Written once as the run opens (`RunDirectoryWriter`), read by `sprout predict` and by
/// tools/predict_reference.py; every key is documented in docs/runs.md ("model.json").
///
/// The network is described as it computes in evaluation mode: nodes in the order forward runs them, each with
/// its inputs (empty: the network's input), its settings and the checkpoint tensors it reads. Config values are
/// written as the config holds them (Double, shortest round-trip text); the engine, and a faithful reimplementation,
/// rounds each to float32 once.
package struct ModelDescription: Codable, Equatable, Sendable {
    /// "sprout-model": what the file is.
    package static let formatName = "sprout-model"
    /// Raised when a key changes meaning or a reader would need new code; adding an optional key keeps it.
    package static let currentFormatVersion = 1

    package var format: String
    package var formatVersion: Int
    package var sproutVersion: String
    /// The run's name (a sweep's run: `name/variant`).
    package var name: String
    package var input: Input
    package var scaling: Scaling
    package var target: Target
    package var output: Output
    package var network: Graph

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", sproutVersion = "sprout_version", name, input, scaling, target,
             output, network
    }

    package init(sproutVersion: String, name: String, input: Input, scaling: Scaling, target: Target, output: Output,
                 network: Graph) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.sproutVersion = sproutVersion
        self.name = name
        self.input = input
        self.scaling = scaling
        self.target = target
        self.output = output
        self.network = network
    }

    /// Where the features come from and what they are called.
    package struct Input: Codable, Equatable, Sendable {
        /// "csv", "idx", "bundled" or "generated".
        package var kind: String
        /// The config's `data.source`: "csv", "idx", "wine", "xor", ...
        package var source: String
        /// The network's inputs in order, by name: CSV header names, a bundled dataset's column names, `pixel_R_C`
        /// (0-based row and column) for IDX images, `x1`..`xn` for generated data.
        package var features: [String]
        /// The training file's other columns (the target's among them): a prediction file may hold them, unread.
        package var otherColumns: [String]
        /// CSV sources: the training file's field separator, what a prediction file is read with by default.
        package var delimiter: String?
        /// IDX sources: the image size and the divisor of each pixel byte.
        package var image: Image?

        enum CodingKeys: String, CodingKey {
            case kind, source, features, otherColumns = "other_columns", delimiter, image
        }

        package init(kind: String, source: String, features: [String], otherColumns: [String], delimiter: String? = nil,
                     image: Image? = nil) {
            (self.kind, self.source, self.features, self.otherColumns) = (kind, source, features, otherColumns)
            (self.delimiter, self.image) = (delimiter, image)
        }
    }

    package struct Image: Codable, Equatable, Sendable {
        package var rows: Int
        package var columns: Int
        /// feature = pixel byte / scale.
        package var scale: Double

        package init(rows: Int, columns: Int, scale: Double) { (self.rows, self.columns, self.scale) = (rows, columns, scale) }
    }

    /// The feature scaling fitted on the training split: `x' = float32((float64(x) - shift[j]) * scale[j])`, x the
    /// float32 feature. `none` writes shift 0 and scale 1 (the identity). The other keys are for people: mean and std
    /// (standardize: std = 1/scale) or min and max (minmax: max = min + 1/scale); a constant feature has scale 1.
    package struct Scaling: Codable, Equatable, Sendable {
        /// "none", "standardize" or "minmax".
        package var kind: String
        package var shift: [Double]
        package var scale: [Double]
        package var mean: [Double]?
        package var std: [Double]?
        package var min: [Double]?
        package var max: [Double]?

        /// Scales one row of raw features in place, as training scaled them (`FeatureScaling.apply`).
        package func apply(to row: UnsafeMutableBufferPointer<Float>) {
            for j in 0..<Swift.min(row.count, shift.count, scale.count) { row[j] = Float((Double(row[j]) - shift[j]) * scale[j]) }
        }

        package init(kind: String, shift: [Double], scale: [Double]) {
            (self.kind, self.shift, self.scale) = (kind, shift, scale)
            let spread = scale.map { 1 / $0 }
            switch kind {
            case "standardize": (mean, std) = (shift, spread)
            case "minmax": (min, max) = (shift, zip(shift, spread).map { $0 + $1 })
            default: break
            }
        }
    }

    /// What the network predicts.
    package struct Target: Codable, Equatable, Sendable {
        /// "classes" or "regression".
        package var kind: String
        /// The target column's name in the training file ("target" for bundled and generated data, "label" for IDX).
        package var column: String
        /// Class names in class-index order: the CSV's texts, else "0".."k-1".
        package var classes: [String]?
        /// Regression values per example.
        package var width: Int?

        package init(kind: String, column: String, classes: [String]? = nil, width: Int? = nil) {
            (self.kind, self.column, self.classes, self.width) = (kind, column, classes, width)
        }
    }

    /// How the network's output becomes a prediction.
    package struct Output: Codable, Equatable, Sendable {
        /// The training loss: "cross_entropy", "binary_cross_entropy", "mse", "mae", "huber".
        package var loss: String
        /// "softmax" (logits -> class probabilities), "sigmoid" (one logit -> P(class 1)) or "identity".
        package var transform: String
        /// huber's delta (nil for the other losses): what `sprout evaluate RUN DATA` computes the loss with.
        package var delta: Double?

        package init(loss: String, transform: String, delta: Double? = nil) {
            (self.loss, self.transform, self.delta) = (loss, transform, delta)
        }
    }

    /// The network in evaluation mode.
    package struct Graph: Codable, Equatable, Sendable {
        package var inputWidth: Int
        /// The input's shape when it is an image, `[channels, height, width]` (absent for flat features).
        package var inputShape: [Int]?
        package var outputWidth: Int
        /// The node whose values are the output.
        package var output: String
        /// The nodes the output depends on, in the order forward computes them (every input before its reader).
        package var nodes: [Node]

        enum CodingKeys: String, CodingKey {
            case inputWidth = "input_width", inputShape = "input_shape", outputWidth = "output_width", output, nodes
        }

        package init(inputWidth: Int, outputWidth: Int, output: String, nodes: [Node]) {
            (self.inputWidth, self.outputWidth, self.output, self.nodes) = (inputWidth, outputWidth, output, nodes)
        }
    }
}
