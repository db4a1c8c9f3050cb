import Foundation
import TerminalUI

/// The help overlay's reducer: scrolling and closing it.
extension AppState {
    mutating func handleHelp(_ key: Key, keyMap: KeyMap) -> [Effect] {
        let maxOffset = HelpOverlay(sections: keyMap.helpSections(for: self)).maxOffset(in: Rect(size: size).inset(by: 1))
        switch key {
        case .escape, .character("?"), .character("q"), .enter: showsHelp = false
        case .character("j"), .down: helpOffset = min(helpOffset + 1, maxOffset)
        case .character("k"), .up: helpOffset = max(0, helpOffset - 1)
        case .pageDown: helpOffset = min(helpOffset + 10, maxOffset)
        case .pageUp: helpOffset = max(0, helpOffset - 10)
        case .control("c"): shouldQuit = true
        default: break
        }
        return []
    }
}
