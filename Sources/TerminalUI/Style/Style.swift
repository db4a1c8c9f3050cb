/// The colours and attributes of one terminal cell.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        foreground: TerminalColor = .default,
        background: TerminalColor = .default,
        bold: Bool = false,
        underline: Bool = false,
        reverse: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's default look: default colours, no attributes.
    public static let plain = Style()

    /// The style with its colours adapted to what a terminal of `depth` can show.
    public func adapted(to depth: ColorDepth) -> Style {
        var style = self
        style.foreground = foreground.adapted(to: depth)
        style.background = background.adapted(to: depth)
        return style
    }
}
