/// The colour capability of a terminal.
public enum ColorDepth: Hashable, Sendable, Comparable {
    /// No colour: attributes only (also chosen when `NO_COLOR` is set).
    case none
    /// The 16 ANSI colours.
    case sixteen
    /// The 256-colour xterm palette.
    case twoFiftySix
}
