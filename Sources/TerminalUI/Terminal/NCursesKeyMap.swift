import CNCursesW

/// Translates what `wget_wch` returns into `Key` values.
enum NCursesKeyMap {
    /// The codes `define_key` gives the bracketed-paste markers `ESC [200~` and `ESC [201~` (above every ncurses key).
    static let pasteStartCode: Int32 = KEY_MAX + 1
    static let pasteEndCode: Int32 = KEY_MAX + 2

    /// The key for a function-key code (`wget_wch` returned `KEY_CODE_YES`).
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case pasteStartCode: return .pasteStart
        case pasteEndCode: return .pasteEnd
        default:
            let f0 = cnc_key_f(0)
            if code > f0 && code <= f0 + 63 {
                return .function(Int(code - f0))
            }
            return nil
        }
    }

    /// The key for a character code (`wget_wch` returned `OK`).
    static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return Key.control(byte: code)
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
