/// A key press as the UI sees it, independent of the terminal library.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter
    case escape
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case backspace
    case delete
    /// The terminal changed size; read the new size from the terminal.
    case resize
    /// A control chord such as Ctrl-C, written `control("c")`.
    case control(Character)
    /// A function key F1, F2, …
    case function(Int)
    /// The terminal starts (ends) a bracketed paste: the keys between are pasted text, not commands.
    case pasteStart
    case pasteEnd

    /// A short name for help screens and hints, e.g. "Tab", "Shift-Tab", "PgUp", "↑", "Ctrl-C", "a".
    public var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .resize: return "Resize"
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .pasteStart: return "paste"
        case .pasteEnd: return "end of paste"
        }
    }

    /// The key for a control byte 1…26 (Ctrl-A … Ctrl-Z), or nil for other bytes.
    public static func control(byte: UInt32) -> Key? {
        guard (1...26).contains(byte), let scalar = Unicode.Scalar(byte + 0x60) else { return nil }
        return .control(Character(scalar))
    }
}
