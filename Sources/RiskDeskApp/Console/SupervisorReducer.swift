import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The supervisors' keys (issue 9): `S` the second-approval view, `B` / `:rollback` a rollback with its preview and
/// reason, `v` / `:reveal` the clear ID and phone for 30 seconds; and the results that come back for them.
extension AppState {
    mutating func reduceSupervisor(_ action: Action) -> [Effect] {
        switch action {
        case let .proposalsLoaded(loaded, policy):
            proposals = loaded
            approvalPolicy = policy
        case let .rollbackPreviewLoaded(preview):
            if let refusal = preview.refusal {
                say(refusal.description, error: true)
                return []
            }
            reasonDialog = ReasonDialog(purpose: .rollback(preview))
            status = nil
        case let .rolledBack(summary):
            reasonDialog = nil
            say(summary)
            return [.loadQueue(.reload), .loadAlerts(.reload)] + (queue.selectedRow.map { [.loadDetail(applicationID: $0.application.id)] } ?? [])
        case let .revealed(identity):
            reasonDialog = nil
            revealed = identity
            say("\(identity.customerID): ID and phone shown for \(Int(RevealRules.duration)) s (audited)")
        case let .reasonDialogFailed(message):
            reasonDialog?.failure = message
            say(message, error: true)
        default:
            break
        }
        return []
    }

    mutating func supervisorCommand(_ command: Command) -> [Effect] {
        switch command {
        case .secondApprovals:
            return toggleSecondApprovals()
        case .rollback:
            guard let row = queue.selectedRow else { say("no application selected", error: true); return [] }
            return [.loadRollbackPreview(applicationID: row.application.id)]
        case .reveal:
            return openReveal()
        default:
            return []
        }
    }

    /// `:rollback APP-ID` (the selected application without one) and `:reveal`.
    mutating func supervisorLine(_ name: String, argument: String) -> [Effect] {
        let command: Command = name == "rollback" ? .rollback : .reveal
        if readOnlyFlag { say(readOnlyMessage, error: true); return [] }
        if command == .reveal || argument.isEmpty {
            if let reason = availability(of: command).reason { say(reason, error: true); return [] }
            return supervisorCommand(command)
        }
        if let reason = rollbackRoleReason { say(reason, error: true); return [] }
        return [.loadRollbackPreview(applicationID: argument.uppercased())]
    }

    /// `S`: the applications awaiting a second approval, or back to the stage filter that was on before.
    private mutating func toggleSecondApprovals() -> [Effect] {
        if queue.filter.stages == [.awaitingSecondApproval] {
            queue.filter.stages = stagesBeforeSecondApprovals.take() ?? []
            say(queue.filter.stages.isEmpty ? "showing stages that need a person"
                : "stage: " + queue.filter.stages.map(\.label).joined(separator: ", "))
        } else {
            stagesBeforeSecondApprovals = queue.filter.stages
            queue.filter.stages = [.awaitingSecondApproval]
            say("second approvals: first approver, their terms and why four eyes apply")
        }
        return [.loadQueue(.top)]
    }

    private mutating func openReveal() -> [Effect] {
        guard let detail else { say("no customer selected", error: true); return [] }
        reasonDialog = ReasonDialog(purpose: .reveal(customerID: detail.customer.id, name: detail.customer.name))
        return []
    }

    /// Keys in the open reason dialog: typing, Enter writes (a reason is required), Esc cancels.
    mutating func handleReasonDialog(_ key: Key) -> [Effect] {
        guard var d = reasonDialog.take() else { return [] }
        switch key {
        case .escape:
            say(d.cancelledMessage)
            return []
        case .control("c"):
            shouldQuit = true
        case .enter:
            d.failure = nil
            guard let reason = d.validatedReason() else { break }
            reasonDialog = d
            switch d.purpose {
            case let .rollback(preview):
                return [.rollback(applicationID: preview.application.id, version: preview.application.version, reason: reason)]
            case let .reveal(customerID, _):
                return [.reveal(customerID: customerID, reason: reason)]
            case let .model(step):
                return [step.effect(reason: reason)]
            }
        default:
            _ = d.field.input.handle(key)
            d.field.error = d.field.input.reachedLimit ? Note.limitReachedMessage : nil
        }
        reasonDialog = d
        return []
    }

    /// The clear values are masked again once their 30 seconds are over (the clock's tick drives it).
    mutating func expireReveal() -> [Effect] {
        guard let shown = revealed, !shown.isShown(at: now) else { return [] }
        revealed = nil
        say("\(shown.customerID): ID and phone masked again")
        return []
    }

    /// Leaving the customer masks their values at once.
    mutating func maskUnlessShowing(_ customerID: String?) {
        if revealed?.customerID != customerID { revealed = nil }
    }

    /// Why this person's role can never roll back here (nil when it may).
    var rollbackRoleReason: String? {
        if readOnlyFlag || Access.isReadOnly(user.role, onTrainingData: isTrainingData) { return readOnlyMessage }
        guard user.may(.rollback, onTrainingData: isTrainingData) else {
            return DecisionError.notPermitted(user: user.name, role: user.role, action: DecisionKind.rollback.name).description
        }
        return nil
    }

    /// Availability of the supervisors' keys; nil for other commands.
    func supervisorAvailability(of command: Command) -> KeyAvailability? {
        switch command {
        case .secondApprovals:
            return .available
        case .rollback:
            if let reason = rollbackRoleReason { return .unavailable(reason) }
            guard let app = queue.selectedRow?.application else { return .disabled(ActionUnavailable.noApplication.description) }
            // Without the policy yet, the window is left to the store (it refuses after Enter).
            let policy = approvalPolicy ?? ApprovalPolicy(rollbackWindow: .greatestFiniteMagnitude)
            let refusal = RollbackRules.refusal(of: app, by: user, onTrainingData: isTrainingData, policy: policy, now: now)
            return refusal.map { .disabled($0.description) } ?? .available
        case .reveal:
            if readOnlyFlag { return .unavailable(readOnlyMessage) }
            if let refusal = RevealRules.refusal(by: user, onTrainingData: isTrainingData) { return .unavailable(refusal.description) }
            return detail == nil ? .disabled("no customer selected") : .available
        default:
            return nil
        }
    }
}
