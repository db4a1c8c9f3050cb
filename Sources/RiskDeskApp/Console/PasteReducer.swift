import TerminalUI

extension AppState {
    /// What a key means inside a bracketed paste (the terminal marks pasted text with `.pasteStart`/`.pasteEnd`).
    ///
    /// Pasted text is text: into a focused text field a line break becomes a space (a multi-line paste can
    /// neither submit a half-typed note nor spill its rest onto the queue); with no text field focused the pasted
    /// keys are dropped and the status line says so, because pasted letters must never approve or reject anything.
    /// Outside a paste every key keeps its meaning however fast it comes. Returns nil for a key that does nothing.
    mutating func handlePasted(_ key: Key) -> Key? {
        switch key {
        case .pasteStart:
            live.isPasting = true
            live.droppedPasteKeys = 0
            return nil
        case .pasteEnd:
            live.isPasting = false
            if live.droppedPasteKeys > 0 {
                say("a paste of \(live.droppedPasteKeys) characters was ignored: no text field has focus (/ filters, : runs a command)",
                    error: true)
                live.droppedPasteKeys = 0
            }
            return nil
        default:
            guard live.isPasting else { return key }
            guard isEnteringText, !showsHelp else {
                live.droppedPasteKeys += 1
                return nil
            }
            return key == .enter || key == .tab ? .character(" ") : key
        }
    }
}
