import RiskCore
import TerminalUI

/// A plain-text table for the CLI, aligned by display width so CJK names line up.
public struct TextTable {
    public struct Column {
        public var title: String
        public var alignment: Alignment
        public var maxWidth: Int?

        public init(_ title: String, _ alignment: Alignment = .left, maxWidth: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    /// Adds a row; its cells are escaped (`PlainText`) because they often hold names people typed.
    public mutating func append(_ row: [String]) { rows.append(row.map(PlainText.escaped)) }

    public func render() -> String {
        let widths = columns.enumerated().map { index, column in
            let widest = rows.map { DisplayWidth.of($0.count > index ? $0[index] : "") }.max() ?? 0
            let natural = max(DisplayWidth.of(column.title), widest)
            return column.maxWidth.map { min($0, natural) } ?? natural
        }
        func line(_ cells: [String]) -> String {
            columns.enumerated().map { index, column in
                DisplayWidth.pad(cells.count > index ? cells[index] : "", to: widths[index], alignment: column.alignment)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
