import SproutConfig
import SproutShapes
import SproutTestSupport
import Testing

/// Shape inference (GraphRules+Shapes) against PyTorch's output-size formula, every expected shape worked out by
/// hand in the case's comment:
///
///     out = floor((in + pad_before + pad_after - dilation · (kernel - 1) - 1) / stride) + 1
///
/// (`nn.Conv2d`, `nn.MaxPool2d`, `nn.AvgPool2d` with `ceil_mode=False`), and `padding='same'` padding
/// `total = dilation · (kernel - 1)` along an axis, `total // 2` before and the rest after.
@Suite struct ImageShapeTests {
    /// A config on teacher data of `shape` (its product as features, 2 classes) whose node `x` is `node`, followed
    /// by a flatten when `x` gives an image, and a 2-unit output layer.
    static func config(_ shape: [Int], _ node: String, flattenAfter: Bool) -> String {
        let features = shape.reduce(1, *)
        let dims = shape.map(String.init).joined(separator: ", ")
        return """
            data: {source: teacher, samples: 40, features: \(features), classes: 2, shape: [\(dims)]}
            model:
              layers:
                - {name: x, \(node)}
            \(flattenAfter ? "    - flatten\n" : "")    - {type: dense, units: 2}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var input: [Int]
        var node: String
        var output: [Int]
        var testDescription: String { "\(input) \(node) -> \(output)" }
    }

    static let cases: [Case] = [
        // (8 - 2 - 1) / 1 + 1 = 6
        Case(input: [1, 8, 8], node: "type: conv2d, filters: 4, kernel_size: 3", output: [4, 6, 6]),
        // (8 + 2 - 2 - 1) / 2 + 1 = 3 + 1 = 4
        Case(input: [1, 8, 8], node: "type: conv2d, filters: 4, kernel_size: 3, stride: 2, padding: 1", output: [4, 4, 4]),
        // height (8 + 2 - 2 - 1) / 2 + 1 = 4; width (8 + 4 - 4 - 1) / 1 + 1 = 8
        Case(input: [1, 8, 8], node: "type: conv2d, filters: 4, kernel_size: [3, 5], stride: [2, 1], padding: [1, 2]",
             output: [4, 4, 8]),
        // same, even kernel: total 1 · 3 = 3 (1 before, 2 after): (7 + 3 - 3 - 1) / 1 + 1 = 7
        Case(input: [1, 7, 7], node: "type: conv2d, filters: 2, kernel_size: 4, padding: same", output: [2, 7, 7]),
        // same, kernel 2 dilated by 3: total 3 · 1 = 3: (in + 3 - 3 - 1) + 1 = in, on both axes
        Case(input: [1, 5, 6], node: "type: conv2d, filters: 2, kernel_size: 2, dilation: 3, padding: same", output: [2, 5, 6]),
        // same, kernel 3 dilated by 2: total 4 (2 and 2): (6 + 4 - 4 - 1) + 1 = 6
        Case(input: [1, 6, 6], node: "type: conv2d, filters: 3, kernel_size: 3, dilation: 2, padding: same", output: [3, 6, 6]),
        // dilation 2 spans 5: (9 - 4 - 1) / 1 + 1 = 5
        Case(input: [2, 9, 9], node: "type: conv2d, filters: 3, kernel_size: 3, dilation: 2", output: [3, 5, 5]),
        // odd sizes, stride 2: height (7 - 3) / 2 + 1 = 3; width (5 - 3) / 2 + 1 = 2
        Case(input: [2, 7, 5], node: "type: conv2d, filters: 4, kernel_size: 3, stride: 2", output: [4, 3, 2]),
        // floor: height (8 - 3) / 2 = 2.5 -> 2, + 1 = 3; width (6 - 3) / 2 = 1.5 -> 1, + 1 = 2
        Case(input: [1, 8, 6], node: "type: conv2d, filters: 1, kernel_size: 3, stride: 2", output: [1, 3, 2]),
        // a stride past the kernel skips cells: (10 - 1 - 1) / 3 + 1 = 2 + 1 = 3
        Case(input: [1, 10, 10], node: "type: conv2d, filters: 1, kernel_size: 2, stride: 3", output: [1, 3, 3]),
        // groups: 6 channels in 3 groups, 9 filters; a 1x1 kernel keeps the size
        Case(input: [6, 4, 4], node: "type: conv2d, filters: 9, kernel_size: 1, groups: 3", output: [9, 4, 4]),
        // a window exactly the image's size: (5 - 4 - 1) / 1 + 1 = 1
        Case(input: [1, 5, 5], node: "type: conv2d, filters: 4, kernel_size: 5", output: [4, 1, 1]),
        // pools keep the channels; the stride defaults to the kernel: (7 - 1 - 1) / 2 + 1 = 3
        Case(input: [3, 7, 7], node: "type: max_pool2d, kernel_size: 2", output: [3, 3, 3]),
        // floor, not ceil: (5 - 1 - 1) / 2 + 1 = 1 + 1 = 2
        Case(input: [1, 5, 5], node: "type: max_pool2d, kernel_size: 2", output: [1, 2, 2]),
        // (8 + 2 - 2 - 1) / 2 + 1 = 4
        Case(input: [2, 8, 8], node: "type: max_pool2d, kernel_size: 3, stride: 2, padding: 1", output: [2, 4, 4]),
        // dilated pool: spans 3: (5 - 2 - 1) / 1 + 1 = 3
        Case(input: [1, 5, 5], node: "type: max_pool2d, kernel_size: 2, stride: 1, dilation: 2", output: [1, 3, 3]),
        // height (4 + 2 - 1 - 1) / 1 + 1 = 5; width (6 + 2 - 2 - 1) / 2 + 1 = 2 + 1 = 3
        Case(input: [2, 4, 6], node: "type: avg_pool2d, kernel_size: [2, 3], stride: [1, 2], padding: [1, 1]", output: [2, 5, 3]),
        // padding, stride defaulting to the kernel: (5 + 2 - 1 - 1) / 2 + 1 = 2 + 1 = 3
        Case(input: [1, 5, 5], node: "type: avg_pool2d, kernel_size: 2, padding: 1", output: [1, 3, 3]),
        // one mean per channel; flatten: 5 · 3 · 2 = 30
        Case(input: [5, 3, 2], node: "type: global_avg_pool", output: [5]),
        Case(input: [5, 3, 2], node: "type: flatten", output: [30]),
    ]

    @Test(arguments: cases)
    func outputShape(_ c: Case) throws {
        let text = Self.config(c.input, c.node, flattenAfter: c.output.count == 3)
        let (spec, headlines, _) = try decode(MarkedText(text))
        #expect(headlines == [])
        let model = try #require(spec?.model)
        #expect(model.inputShape.dimensions == c.input)
        #expect(model.shapes()["x"]?.dimensions == c.output)
    }

    /// `same` splits an odd total as PyTorch does, more after: kernel 4 pads 1 before and 2 after; kernel 2 dilated
    /// by 3 the same; an odd kernel 5 pads 2 and 2; [4, 1] pads the height only.
    @Test func samePaddingPerSide() throws {
        func same(_ kernel: Int, _ dilation: Int) -> [Int] {
            let padding = Window2D.samePadding(kernel: kernel, dilation: dilation)
            return [padding.before, padding.after]
        }
        #expect(same(4, 1) == [1, 2])
        #expect(same(2, 3) == [1, 2])
        #expect(same(5, 1) == [2, 2])
        #expect(same(3, 2) == [2, 2])
        #expect(same(1, 7) == [0, 0])
        let text = Self.config([1, 7, 7], "type: conv2d, filters: 2, kernel_size: [4, 1], padding: same", flattenAfter: true)
        let spec = try #require(try decode(MarkedText(text)).spec)
        guard case .conv2d(let conv) = spec.model.nodes[0].kind else {
            Issue.record("not a conv2d: \(spec.model.nodes[0].kind)")
            return
        }
        let window = conv.window
        #expect([window.padTop, window.padBottom, window.padLeft, window.padRight] == [1, 2, 0, 0])
        let out = try #require(window.output(height: 7, width: 7))
        #expect([out.height, out.width] == [7, 7])
    }

    /// The formula's edge: a window fits when the padded input is at least its extent (dilation · (k - 1) + 1).
    @Test func outputLengthAtTheEdge() {
        // 5 cells, kernel 5: one window; kernel 6: none.
        #expect(Window2D.outputLength(input: 5, kernel: 5, stride: 1, padBefore: 0, padAfter: 0, dilation: 1) == 1)
        #expect(Window2D.outputLength(input: 5, kernel: 6, stride: 1, padBefore: 0, padAfter: 0, dilation: 1) == nil)
        // padding makes it fit: 5 + 1 = 6 cells, one window of 6.
        #expect(Window2D.outputLength(input: 5, kernel: 6, stride: 1, padBefore: 0, padAfter: 1, dilation: 1) == 1)
        // kernel 3 dilated by 3 spans 7: 7 cells fit one, 6 none.
        #expect(Window2D.outputLength(input: 7, kernel: 3, stride: 2, padBefore: 0, padAfter: 0, dilation: 3) == 1)
        #expect(Window2D.outputLength(input: 6, kernel: 3, stride: 2, padBefore: 0, padAfter: 0, dilation: 3) == nil)
        // out of range values give nil rather than a trap.
        #expect(Window2D.outputLength(input: 5, kernel: 1, stride: 0, padBefore: 0, padAfter: 0, dilation: 1) == nil)
        #expect(Window2D.outputLength(input: 5, kernel: 1, stride: 1, padBefore: -1, padAfter: 0, dilation: 1) == nil)
        #expect(Window2D.outputLength(input: 5, kernel: Int.max, stride: 1, padBefore: 0, padAfter: 0, dilation: Int.max) == nil)
    }

    /// One tensor holds at most 2^31 - 1 values. 'big' pads 8 by 23166 on each side: 8 + 46332 = 46340 per axis,
    /// 46340² = 2147395600 values, just inside. A 2-wide pool padded by 1 with stride 1 adds one per axis: 46341² =
    /// 2147488281, past it; and two of 'big' side by side are 2 · 2147395600 = 4294791200.
    @Test func outputsPastOneTensorAreRefused() throws {
        let input = MarkedText("""
            data: {source: digits, shape: [1, 8, 8]}
            model:
              layers:
                - {name: big, type: conv2d, filters: 1, kernel_size: 1, padding: 23166}
                - 1️⃣{name: pool, type: max_pool2d, kernel_size: 2, stride: 1, padding: 1}
                - 2️⃣{name: both, type: concat, inputs: [big, big]}
                - flatten
                - {type: dense, units: 10}
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}
            """)
        let (spec, headlines, all) = try decode(input)
        #expect(spec == nil)
        let limit = "more values per example than the 2147483647 (8 GiB of float32) one tensor may hold [memory-limit]"
        #expect(headlines.contains("\(input.at(1)): error: node 'pool' (max_pool2d) gives [1, 46341, 46341]: \(limit)"), "\(headlines)")
        #expect(headlines.contains("\(input.at(2)): error: node 'both' (concat) gives [2, 46340, 46340]: \(limit)"), "\(headlines)")
        #expect(!headlines.contains { $0.contains("node 'big'") }, "\(headlines)")
        #expect(all.flatMap(\.help).contains("use less padding or a larger stride"))
        #expect(all.flatMap(\.help).contains("concatenate fewer or smaller inputs"))
    }

    /// Merges and the nodes that keep their input's shape, on images: concat adds channels of one height and width
    /// (2 + 3 = 5), add keeps the shape, and batch_norm, layer_norm, relu and dropout pass it on.
    @Test func mergesAndElementwiseNodesOnImages() throws {
        let text = """
            data: {source: teacher, samples: 40, features: 32, classes: 2, shape: [2, 4, 4]}
            model:
              layers:
                - {name: a, type: conv2d, filters: 2, kernel_size: 3, padding: 1}
                - {name: b, type: conv2d, filters: 3, kernel_size: 1, inputs: a}
                - {name: both, type: concat, inputs: [a, b]}
                - {name: sum, type: add, inputs: [a, a]}
                - {name: bn, type: batch_norm, inputs: both}
                - {name: ln, type: layer_norm}
                - {name: r, type: relu}
                - {name: d, type: dropout}
                - flatten
                - {type: dense, units: 2}
              output: dense1
            train: {loss: cross_entropy, optimizer: {type: sgd, lr: 0.1}, epochs: 1}

            """
        let (spec, headlines, _) = try decode(MarkedText(text))
        // 'sum' does not lead to the output: the one warning.
        #expect(headlines.count == 1 && headlines[0].contains("node 'sum' does not lead to the output"), "\(headlines)")
        let shapes = try #require(spec?.model.shapes())
        let expected: [String: [Int]] = ["a": [2, 4, 4], "b": [3, 4, 4], "both": [5, 4, 4], "sum": [2, 4, 4],
                                         "bn": [5, 4, 4], "ln": [5, 4, 4], "r": [5, 4, 4], "d": [5, 4, 4],
                                         "flatten1": [80], "dense1": [2]]
        #expect(shapes.mapValues(\.dimensions) == expected)
    }
}
