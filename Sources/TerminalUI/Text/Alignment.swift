/// Horizontal placement of text inside a fixed number of columns.
public enum Alignment: Hashable, Sendable {
    case left
    case right
    case center
}
