import CNCursesW

/// Allocates ncurses colour pairs on demand for foreground/background combinations and caches them.
struct ColorPairAllocator {
    private struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private var pairs: [Key: Int32] = [:]
    private var nextPair: Int32 = 1
    private let colors: Int
    private let maximumPairs: Int
    private let depth: ColorDepth

    init(colors: Int = 0, pairs: Int = 0, depth: ColorDepth = .none) {
        self.colors = colors
        self.maximumPairs = pairs
        self.depth = depth
    }

    /// The pair number for the style's colours; 0 (terminal defaults) when colour is off or pairs run out.
    mutating func pair(for style: Style) -> Int32 {
        guard depth != .none else { return 0 }
        let key = Key(foreground: number(for: style.foreground), background: number(for: style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard Int(nextPair) < maximumPairs else { return 0 }
        let pair = nextPair
        guard init_extended_pair(pair, key.foreground, key.background) == OK else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    /// The ncurses colour number, -1 meaning the terminal default.
    private func number(for color: TerminalColor) -> Int32 {
        guard let index = color.adapted(to: depth).paletteIndex else { return -1 }
        if index < colors { return Int32(index) }
        return Int32(index % 8)
    }
}
