/// One column of a `TableView`: its header, how wide it is and how its cells are aligned.
public struct TableColumn: Hashable, Sendable {
    /// How a column's width is decided.
    public enum Width: Hashable, Sendable, ExpressibleByIntegerLiteral {
        /// Exactly this many columns.
        case fixed(Int)
        /// A share of the space left after fixed columns, by weight, but at least `minimum` columns.
        case flexible(minimum: Int, weight: Int)

        /// An equal share of the remaining space, at least one column.
        public static let flexible: Width = .flexible(minimum: 1, weight: 1)

        public init(integerLiteral value: Int) {
            self = .fixed(value)
        }
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(title: String, width: Width = .flexible, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
