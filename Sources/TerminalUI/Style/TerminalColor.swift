/// A foreground or background colour as a terminal understands it.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default colour.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// An entry of the 256-colour palette.
    case indexed(UInt8)

    /// The palette index this colour stands for, or nil for the terminal default.
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .ansi(let n): return Int(n % 16)
        case .indexed(let n): return Int(n)
        }
    }

    /// The colour as it can be shown at `depth`: 256-colour entries map to the nearest ANSI colour
    /// for 16-colour terminals, and everything becomes the default without colour.
    public func adapted(to depth: ColorDepth) -> TerminalColor {
        switch (self, depth) {
        case (.default, _), (_, .none):
            return .default
        case (.ansi(let n), _):
            return .ansi(n % 16)
        case (.indexed(let n), .sixteen):
            return .ansi(ColorPalette.nearestANSI(toIndex: Int(n)))
        case (.indexed, .twoFiftySix):
            return self
        }
    }
}
