/// The nodes that read images (`[channels, height, width]`, PyTorch's NCHW without the batch): convolution,
/// pooling, and the two ways back to flat features. Every default is PyTorch's (`nn.Conv2d`, `nn.MaxPool2d`,
/// `nn.AvgPool2d`), so a node means what its PyTorch twin means and its weights load into it.
extension ExperimentSchema {
    /// Sizes an image axis can take: one window over a 32-bit dimension at most.
    static let windowSizes = 1...Int(Int32.max)

    /// `padding`: a number of zeros on every side, `[top and bottom, left and right]`, or a word. `valid` is 0;
    /// `same` pads `dilation · (kernel - 1)` in total along each axis, half before and the rest after (one more
    /// after for an even kernel), so the output keeps the input's height and width; as in PyTorch it needs stride 1.
    static let convolutionPadding = Field(
        "padding", .either([.pair(0...Int(Int32.max)), .word(["same", "valid"])]), .defaultValue(.integer(0)),
        "Zeros added on each side: one number, [height, width], valid (none) or same (the output keeps the input's size; stride 1).")

    static let imageNodeVariants: [UnionSchema.Variant] = [
        // nn.Conv2d(stride=1, padding=0, dilation=1, groups=1, bias=True).
        .init("conv2d", "2-D convolution (cross-correlation, as PyTorch): weight [filters, channels/groups, kh, kw].", [
            Field("filters", .integer(1...Int(Int32.max)), .required, "Output channels: one filter each."),
            Field("kernel_size", .pair(windowSizes), .required, "The window: one number, or [height, width]."),
            Field("stride", .pair(windowSizes), .defaultValue(.integer(1)), "The step between windows: one number, or [height, width]."),
            convolutionPadding,
            Field("dilation", .pair(windowSizes), .defaultValue(.integer(1)),
                  "The spacing between the kernel's taps: one number, or [height, width]."),
            Field("groups", .integer(1...Int(Int32.max)), .defaultValue(.integer(1)),
                  "Channels and filters split into this many groups, each filter reading its group's channels only; it divides both."),
            Field("bias", .boolean, .defaultValue(.boolean(true)), "Whether the layer adds a bias per filter."),
            Field("weight_init", .reference("initializer"), .optional("the first matching rule, else model.init.weight"),
                  "This layer's weight initializer; fans count the receptive field (fan_in = channels/groups · kh · kw)."),
            Field("bias_init", .reference("initializer"), .optional("the first matching rule, else model.init.bias"),
                  "This layer's bias initializer."),
        ]),
        // nn.MaxPool2d(stride=kernel_size, padding=0, dilation=1).
        .init("max_pool2d", "The largest value of each window (padding counts as -∞).", [
            Field("kernel_size", .pair(windowSizes), .required, "The window: one number, or [height, width]."),
            Field("stride", .pair(windowSizes), .optional("kernel_size"), "The step between windows: one number, or [height, width]."),
            Field("padding", .pair(0...Int(Int32.max)), .defaultValue(.integer(0)),
                  "-∞ added on each side: one number, or [height, width]; at most half the kernel."),
            Field("dilation", .pair(windowSizes), .defaultValue(.integer(1)),
                  "The spacing between the window's taps: one number, or [height, width]."),
        ]),
        // nn.AvgPool2d(stride=kernel_size, padding=0, count_include_pad=True).
        .init("avg_pool2d", "The mean of each window.", [
            Field("kernel_size", .pair(windowSizes), .required, "The window: one number, or [height, width]."),
            Field("stride", .pair(windowSizes), .optional("kernel_size"), "The step between windows: one number, or [height, width]."),
            Field("padding", .pair(0...Int(Int32.max)), .defaultValue(.integer(0)),
                  "Zeros added on each side: one number, or [height, width]; at most half the kernel."),
            Field("count_include_pad", .boolean, .defaultValue(.boolean(true)),
                  "Divide by the whole window (padding included) rather than by the input cells it covers."),
        ]),
        .init("global_avg_pool", "The mean of each channel over the image: [C, H, W] -> [C] (Keras' GlobalAveragePooling2D)."),
        .init("flatten", "An image read as flat features: [C, H, W] -> [C·H·W], the same values (torch.flatten(x, 1))."),
    ]
}
