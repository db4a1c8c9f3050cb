/// One terminal cell: a grapheme, the columns it spans and its style.
public struct Cell: Hashable, Sendable {
    /// One grapheme, or "" for the right half of a double-width character.
    public var text: String
    /// 1 for ordinary text, 2 for the left half of a double-width character, 0 for its right half.
    public var width: Int
    public var style: Style

    public init(text: String, width: Int, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A space in the given style.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// Whether this is the right half of a double-width character.
    public var isContinuation: Bool { width == 0 }
}
