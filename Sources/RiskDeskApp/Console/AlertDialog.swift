import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// An open dialog for a lifecycle step on one alert (the version the person saw, what they pick and type):
/// resolve with a disposition, snooze for a length, or escalate with a reason.
public struct AlertDialog: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case resolve, snooze, escalate }

    public var kind: Kind
    public var alertID: Int64
    /// The alert's version when the dialog opened: the step is refused if it changed since.
    public var version: Int
    /// `[WARN] margin.warning A000101: …`, the alert in one line.
    public var alertLine: String
    /// The disposition picker (resolve) or the snooze lengths (snooze), in seconds.
    public var dispositions: [AlertDisposition] = []
    public var durations: [TimeInterval] = []
    public var pickIndex = 0
    public var fields: [Dialog.Field] = []
    public var focusedField = 0
    /// Why the last Enter was refused or failed; the dialog stays open with it.
    public var failure: String?

    init(kind: Kind, alert: StoredAlert, durations: [TimeInterval] = []) {
        self.kind = kind
        self.alertID = alert.id
        self.version = alert.version
        let subject = alert.subject.split(separator: ":").last.map(String.init) ?? alert.subject
        self.alertLine = PlainText.escaped("[\(alert.severity.tag)] \(alert.rule) \(subject): \(alert.message)")
        switch kind {
        case .resolve:
            dispositions = AlertDisposition.personal
            fields = [Dialog.Field(label: "Note", input: TextField(maxLength: Note.maximumLength),
                                   placeholder: "required for other")]
        case .snooze:
            self.durations = durations
        case .escalate:
            fields = [Dialog.Field(label: "Reason", input: TextField(maxLength: Note.maximumLength),
                                   placeholder: "why a supervisor must look at it")]
        }
    }

    public var title: String {
        switch kind {
        case .resolve: "Resolve alert \(alertID)"
        case .snooze: "Snooze alert \(alertID)"
        case .escalate: "Escalate alert \(alertID)"
        }
    }

    /// The picker's lines, the picked one marked ▸.
    public var pickerLines: [String] {
        let labels: [String] = switch kind {
        case .resolve: dispositions.map(\.label)
        case .snooze: durations.map(AlertLifecycle.durationText)
        case .escalate: []
        }
        return labels.enumerated().map { "\($0.offset == pickIndex ? "▸" : " ") \($0.element)" }
    }

    var pickCount: Int { kind == .resolve ? dispositions.count : durations.count }

    /// Moves the picker by `delta`, staying within its choices.
    mutating func pick(_ delta: Int) {
        guard pickCount > 0 else { return }
        pickIndex = min(max(0, pickIndex + delta), pickCount - 1)
    }

    /// Checks the inputs; fills the field's error and returns the step's effect when they are valid. The store asks
    /// the lifecycle again when it writes (who may, the snooze maximum), so this only checks what was typed.
    mutating func validated() -> Effect? {
        for i in fields.indices { fields[i].error = nil }
        func text() -> String? {
            do { return try Note.validated(fields[0].input.text) } catch {
                fields[0].error = error.description
                return nil
            }
        }
        switch kind {
        case .resolve:
            guard let disposition = dispositions[safe: pickIndex], let note = text() else { return nil }
            if disposition == .other && note.isEmpty {
                fields[0].error = "a note is required to resolve as other: say what happened"
                return nil
            }
            return .resolveAlert(id: alertID, version: version, disposition: disposition, note: note)
        case .snooze:
            guard let duration = durations[safe: pickIndex] else { return nil }
            return .snoozeAlert(id: alertID, version: version, duration: duration)
        case .escalate:
            guard let reason = text() else { return nil }
            guard !reason.isEmpty else {
                fields[0].error = "a reason is required: say why a supervisor must look at it"
                return nil
            }
            return .escalateAlert(id: alertID, version: version, reason: reason)
        }
    }
}

/// The alert dialog's reducer: picking, typing, Enter and Esc, and the results that close it or keep it open.
extension AppState {
    mutating func handleAlertDialog(_ key: Key) -> [Effect] {
        guard var d = alertDialog.take() else { return [] }
        if key == .escape {
            say("cancelled: alert \(d.alertID) unchanged")
            return []
        }
        defer { alertDialog = d }
        let hasField = d.fields.indices.contains(d.focusedField)
        switch key {
        case .enter:
            d.failure = nil
            return d.validated().map { [$0] } ?? []
        case .down: d.pick(1)
        case .up: d.pick(-1)
        // j/k pick only where there is nothing to type into (the snooze picker).
        case .character("j") where !hasField: d.pick(1)
        case .character("k") where !hasField: d.pick(-1)
        case .control("c"):
            shouldQuit = true
        default:
            if hasField {
                _ = d.fields[d.focusedField].input.handle(key)
                d.fields[d.focusedField].error = d.fields[d.focusedField].input.reachedLimit ? Note.limitReachedMessage : nil
            }
        }
        return []
    }
}
