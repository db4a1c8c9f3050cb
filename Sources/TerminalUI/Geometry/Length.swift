/// How much of a row or column a layout slot takes when a rectangle is split.
public enum Length: Hashable, Sendable {
    /// Exactly this many cells (or fewer if space runs out).
    case fixed(Int)
    /// This fraction (0...1) of the total length.
    case fraction(Double)
    /// A share of whatever is left after fixed and fractional slots, by weight.
    case fill(Int)

    /// One equal share of the remaining space.
    public static let fill: Length = .fill(1)
}
