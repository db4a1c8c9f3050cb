import RiskCore
import TerminalUI

/// Whether a key can act for this person on what is selected (lazygit's disabled reasons).
public enum KeyAvailability: Hashable, Sendable {
    case available
    /// Cannot act on what is selected now: the footer dims it, help and the status line say why.
    case disabled(String)
    /// Can never act for this person here (their role, training data, `--readonly`): the footer leaves it out.
    case unavailable(String)

    /// Why the key cannot act, or nil when it can.
    public var reason: String? {
        switch self {
        case .available: nil
        case let .disabled(reason), let .unavailable(reason): reason
        }
    }
}

extension Command {
    /// The desk action behind a command, for commands that write; nil for navigation and view commands.
    var deskAction: DeskAction? {
        switch self {
        case .approve: .approve
        case .approveWithConditions: .approveWithConditions
        case .reject: .reject
        case .requestInfo: .requestInfo
        case .escalate: .escalate
        case .note: .note
        case .releaseClaim: .release
        case .acknowledgeAlert: .acknowledge
        default: nil
        }
    }
}

extension AppState {
    /// Whether `command` can act now, asking RiskCore's rules with the person, the training flag and the
    /// selected application (queue commands) or alert (alert commands).
    public func availability(of command: Command) -> KeyAvailability {
        guard let action = command.deskAction else { return .available }
        if readOnlyFlag { return .unavailable(readOnlyMessage) }
        let selected = queue.selectedRow?.application
        // The selected application's history, once its detail is loaded, lets the key say "four eyes" before Enter.
        let history = detail.flatMap { $0.application.id == selected?.id ? $0.decisions.map(\.past) : nil } ?? []
        let reason = ActionAvailability.reason(action, by: user, onTrainingData: isTrainingData,
                                               application: selected, history: history,
                                               alertState: alerts.selectedAlert?.state, now: now)
        guard let reason else { return .available }
        if case .refused(.readOnly) = reason { return .unavailable(readOnlyMessage) }
        return reason.isPermanent ? .unavailable(reason.description) : .disabled(reason.description)
    }

    /// Whether `binding` can act now.
    public func availability(of binding: KeyBinding) -> KeyAvailability { availability(of: binding.command) }
}
