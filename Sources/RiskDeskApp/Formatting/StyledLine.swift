import TerminalUI

/// A line of text in runs, each with the theme role it is drawn in (nil: the surrounding style). The console draws
/// the runs in their roles; the CLI prints `text`. Roles are names only, so the same lines serve both.
public struct StyledLine: Hashable, Sendable {
    public struct Run: Hashable, Sendable {
        public var text: String
        public var role: String?

        public init(_ text: String, role: String? = nil) {
            self.text = text
            self.role = role
        }
    }

    public var runs: [Run]

    public init(_ runs: [Run]) { self.runs = runs }
    public init(_ text: String, role: String? = nil) { self.runs = text.isEmpty ? [] : [Run(text, role: role)] }

    public static let blank = StyledLine([])

    /// The line as plain text.
    public var text: String { runs.map(\.text).joined() }

    /// Appends a run.
    public static func + (line: StyledLine, run: Run) -> StyledLine { StyledLine(line.runs + [run]) }

    /// The line cut to `width` display columns (a run cut short keeps its role).
    public func truncated(to width: Int) -> StyledLine {
        var left = max(0, width)
        var kept: [Run] = []
        for run in runs where left > 0 {
            let w = DisplayWidth.of(run.text)
            if w <= left {
                kept.append(run)
                left -= w
            } else {
                kept.append(Run(DisplayWidth.truncate(run.text, to: left), role: run.role))
                left = 0
            }
        }
        return StyledLine(kept)
    }

    /// Draws the line at (`x`, `y`) in at most `width` columns: each run in its role, else in `base`.
    public func draw(into grid: inout Grid, x: Int, y: Int, width: Int, theme: Theme, base: Style) {
        var column = x
        for run in truncated(to: width).runs {
            let style = run.role.map { theme.style($0) } ?? base
            var merged = style
            if merged.background == .default { merged.background = base.background }
            column += grid.put(run.text, x: column, y: y, maxWidth: x + width - column, style: merged)
        }
    }
}
