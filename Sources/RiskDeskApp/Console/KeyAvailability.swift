import RiskCore
import TerminalUI

/// Whether a key can act for this person on what is selected (lazygit's disabled reasons).
public enum KeyAvailability: Hashable, Sendable {
    case available
    /// Cannot act on what is selected now: the footer dims it, help and the status line say why.
    case disabled(String)
    /// Can never act for this person here (their role, training data, `--readonly`): the footer leaves it out.
    case unavailable(String)

    /// Why the key can never act for this person here, or nil.
    public var unavailableReason: String? {
        if case let .unavailable(reason) = self { reason } else { nil }
    }

    /// Why the key cannot act, or nil when it can.
    public var reason: String? {
        switch self {
        case .available: nil
        case let .disabled(reason), let .unavailable(reason): reason
        }
    }
}

extension Command {
    /// The alert lifecycle step behind a command, for the alerts pane's writing keys.
    var alertStepKind: AlertStepKind? {
        switch self {
        case .acknowledgeAlert: .acknowledge
        case .assignAlertToSelf: .assignToSelf
        case .resolveAlert: .resolve
        case .snoozeAlert: .snooze
        case .escalateAlert: .escalate
        default: nil
        }
    }

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
        default: nil
        }
    }
}

extension AppState {
    /// Whether `command` can act now, asking RiskCore's rules with the person, the training flag and the
    /// selected application (queue commands) or alert (alert commands).
    public func availability(of command: Command) -> KeyAvailability {
        if let kind = command.alertStepKind { return availability(of: kind) }
        if let model = modelAvailability(of: command) { return model }
        if let supervisor = supervisorAvailability(of: command) { return supervisor }
        if command == .editPricing { return pricingEditAvailability }
        guard let action = command.deskAction else { return .available }
        if readOnlyFlag { return .unavailable(readOnlyMessage) }
        let selected = queue.selectedRow?.application
        // The selected application's history, once its detail is loaded (at the version on screen), lets the key say
        // "four eyes" before Enter; until then the first approval read with the page does.
        let loaded = detail.flatMap { $0.application.id == selected?.id && $0.application.version == selected?.version
            ? $0.decisions.map(\.past) : nil }
        let history = loaded ?? selected.flatMap { proposals[$0.id].map { [$0.decision.past] } } ?? []
        let reason = ActionAvailability.reason(action, by: user, onTrainingData: isTrainingData,
                                               application: selected, history: history,
                                               alertState: alerts.selectedAlert?.state, now: now)
        guard let reason else { return .available }
        if case .refused(.readOnly) = reason { return .unavailable(readOnlyMessage) }
        return reason.isPermanent ? .unavailable(reason.description) : .disabled(reason.description)
    }

    /// Whether a lifecycle step can be asked for on the selected alert: the role first (a role that never works
    /// alerts leaves the key out), then `AlertLifecycle` with the alert's status (the key is dimmed and says why).
    public func availability(of kind: AlertStepKind) -> KeyAvailability {
        if readOnlyFlag { return .unavailable(readOnlyMessage) }
        if let role = ActionAvailability.roleReason(.acknowledge, by: user, onTrainingData: isTrainingData) {
            if case .refused(.readOnly) = role { return .unavailable(readOnlyMessage) }
            return .unavailable(role.description)
        }
        guard let alert = alerts.selectedAlert else { return .disabled(ActionUnavailable.noAlert.description) }
        let refusal = AlertLifecycle.refusal(of: kind, on: alert.status, by: user, now: now, isTrainingData: isTrainingData)
        return refusal.map { .disabled($0.description) } ?? .available
    }

    /// Whether `binding` can act now.
    public func availability(of binding: KeyBinding) -> KeyAvailability { availability(of: binding.command) }
}
