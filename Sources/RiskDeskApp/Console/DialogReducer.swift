import Foundation
import RiskCore
import TerminalUI

/// The decision dialog's reducer: its keys, and the claim and decision results that open and close it.
extension AppState {
    mutating func reduceDialog(_ action: Action) -> [Effect] {
        switch action {
        case let .dialogOpened(newDialog):
            dialog = newDialog
            status = nil
            return []
        case let .decided(summary):
            dialog = nil
            say(summary)
            return [.loadQueue(.reload), .loadAlerts(.reload)]
        case let .decisionFailed(message):
            // Keep the dialog and what was typed in it; the message shows inside it and in the status line.
            dialog?.failure = message
            say(message, error: true)
            return [.loadQueue(.reload)]
        default:
            return []
        }
    }

    mutating func handleDialog(_ key: Key) -> [Effect] {
        // Take the dialog out of the state while editing it, so its text is not copied on every key of a paste.
        guard var d = dialog.take() else { return [] }
        if key == .escape {
            // Cancelling keeps the claim (the officer is still working on it); `u` releases it.
            dialog = nil
            say("cancelled; \(d.application.id) stays claimed by you (u releases it)")
            return []
        }
        defer { dialog = d }
        switch key {
        case .enter:
            d.failure = nil
            switch d.validated(actor: user.name) {
            case let .decision(request)?: return [.decide(request)]
            case let .note(text)?: return [.addNote(applicationID: d.application.id, text: text)]
            case nil: return []
            }
        // In the reject dialog ↓/↑ and j/k pick the reason; elsewhere Tab and ↓/↑ move between fields.
        case .down where d.kind == .reject, .character("j") where d.kind == .reject:
            d.reasonIndex = min(d.reasonIndex + 1, ReasonCode.rejectionReasons.count - 1)
        case .up where d.kind == .reject, .character("k") where d.kind == .reject:
            d.reasonIndex = max(d.reasonIndex - 1, 0)
        case .tab, .down:
            if !d.fields.isEmpty { d.focusedField = (d.focusedField + 1) % d.fields.count }
        case .backTab, .up:
            if !d.fields.isEmpty { d.focusedField = (d.focusedField + d.fields.count - 1) % d.fields.count }
        case .control("c"):
            shouldQuit = true
        default:
            if d.fields.indices.contains(d.focusedField) {
                _ = d.fields[d.focusedField].input.handle(key)
                d.fields[d.focusedField].error = d.fields[d.focusedField].input.reachedLimit ? Note.limitReachedMessage : nil
            }
        }
        return []
    }
}
