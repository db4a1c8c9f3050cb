/// Something that can show a grid of cells and deliver key presses: a real terminal or a test double.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// How many colours the terminal can show.
    var colorDepth: ColorDepth { get }
    /// Shows `grid`, writing only what changed since the previous frame.
    func present(_ grid: Grid)
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout. A negative timeout waits forever.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Restores the terminal to the state it had before; safe to call more than once.
    func shutdown()
}
