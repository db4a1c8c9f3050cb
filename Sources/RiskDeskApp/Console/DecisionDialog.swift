import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// An open decision dialog: which decision, on which application (and which version of it), and its inputs.
public struct DecisionDialog: Sendable {
    public enum Kind: Hashable, Sendable { case approve, conditions, reject, requestInfo, escalate, note }

    public var kind: Kind
    public var application: Application
    public var customerName: String
    public var rate: BasisPoints?
    public var fields: [Dialog.Field] = []
    public var focusedField = 0
    public var reasonIndex = 0
    /// Why the last Enter was refused or failed (stale version, busy, four eyes, claim); the dialog stays open with it.
    public var failure: String?

    /// The approval policy: the dialog states the core's four-eyes reason before Enter.
    public var policy: ApprovalPolicy?
    /// On a second approval, the first approval it confirms: who proposed the terms and any price override.
    public var pendingProposal: PastDecision?

    init(kind: Kind, row: QueueRow, policy: ApprovalPolicy? = nil) {
        self.kind = kind
        self.application = row.application
        self.customerName = row.customerName
        self.rate = row.application.quotedRate
        self.policy = policy
        let terms = row.application.termsUnderReview
        switch kind {
        case .conditions:
            fields = [Dialog.Field(label: "Line", input: TextField(text: String(terms.line.fen / 100))),
                      Dialog.Field(label: "Leverage", input: TextField(text: String(format: "%.2f", terms.leverage.value)))]
        case .requestInfo, .escalate, .note:
            fields = [Dialog.Field(label: "Note", input: TextField(maxLength: Note.maximumLength),
                                   placeholder: kind == .requestInfo ? "what the customer must provide" : "")]
        case .approve, .reject:
            break
        }
    }

    public var title: String {
        switch kind {
        case .approve: "Approve \(application.id)"
        case .conditions: "Approve \(application.id) with conditions"
        case .reject: "Reject \(application.id)"
        case .requestInfo: "Request information · \(application.id)"
        case .escalate: "Escalate \(application.id)"
        case .note: "Note on \(application.id)"
        }
    }

    private var rateText: String { rate.map { ", \($0.percentText)/yr" } ?? "" }

    /// What an approval of `line` will lead to: straight on, a second approver, or this being the second approval.
    private func approvalNote(_ line: Money?) -> String {
        if application.stage == .awaitingSecondApproval {
            guard let pending = pendingProposal else { return " — second approval (four eyes)" }
            let override = pending.priceOverride.map { $0 == .zero ? "" : ", override \($0.signedText)" } ?? ""
            return " — second approval (four eyes) of \(pending.actor)'s proposal\(override)"
        }
        if let line, let policy, let reason = FourEyes.reason(line: line, priceOverride: .zero, policy: policy) {
            return " — \(reason): then a second approver must confirm (four eyes)"
        }
        return ""
    }

    /// What will happen, in words, e.g. "approve ¥500,000 at 3.0× for 张伟, 7.85%/yr".
    public var summary: String {
        let app = application
        let terms = app.termsUnderReview
        let under = app.stage == .awaitingSecondApproval ? "first approved" : "requested"
        switch kind {
        case .approve:
            return "approve \(terms.line.formattedWhole) at \(terms.leverage.text) for \(customerName)\(rateText)\(approvalNote(terms.line))"
        case .conditions:
            let parsedLine = Money.parse(fields[0].input.text)
            let line = parsedLine.map(\.formattedWhole) ?? "?"
            let lev = Leverage.parse(fields[1].input.text)?.text ?? "?"
            return "approve \(line) at \(lev) for \(customerName)\(rateText) (\(under) \(terms.line.formattedWhole) at \(terms.leverage.text))\(approvalNote(parsedLine))"
        case .reject:
            let reason = ReasonCode.rejectionReasons[reasonIndex]
            return "reject \(app.requestedLine.formattedWhole) for \(customerName): \(reason.code) \(reason.text)"
        case .requestInfo:
            return "send \(app.id) back to \(customerName) for more information"
        case .escalate:
            return "escalate \(app.requestedLine.formattedWhole) for \(customerName) to a supervisor"
        case .note:
            return "add a note to \(app.id) (\(customerName))"
        }
    }

    /// What a valid dialog submits: a decision for the pipeline, or a note for the history.
    enum Submission: Equatable {
        case decision(DecisionRequest)
        case note(String)
    }

    /// Checks the inputs; fills each field's error and returns what to submit when all are valid.
    mutating func validated(actor: String) -> Submission? {
        for i in fields.indices { fields[i].error = nil }
        let app = application
        func request(_ kind: DecisionKind, note: String = "") -> Submission {
            // The person saw the application awaiting a second approval, so that is the approval they give: named, never implied.
            .decision(DecisionRequest(applicationID: app.id, kind: kind, actor: actor, note: note, expectedVersion: app.version,
                                      intent: app.stage == .awaitingSecondApproval ? .second : .first))
        }
        switch kind {
        case .approve:
            return request(.approve)
        case .conditions:
            let terms = app.termsUnderReview
            let line = Money.parse(fields[0].input.text)
            let leverage = Leverage.parse(fields[1].input.text)
            if line == nil { fields[0].error = "not an amount: try 500000, 500k or 1.2m" }
            else if let line, line > terms.line { fields[0].error = "must not exceed \(terms.line.formattedWhole)" }
            else if let line, line.fen <= 0 { fields[0].error = "must be above zero" }
            if leverage == nil { fields[1].error = "not a leverage: try 2.0" }
            else if let leverage, leverage > terms.leverage { fields[1].error = "must not exceed \(terms.leverage.text)" }
            guard let line, let leverage, fields.allSatisfy({ $0.error == nil }) else { return nil }
            if line == terms.line && leverage == terms.leverage {
                fields[0].error = "lower the line or the leverage (or use a to approve as requested)"
                return nil
            }
            return request(.approveWithConditions(line: line, leverage: leverage))
        case .reject:
            return request(.reject(ReasonCode.rejectionReasons[reasonIndex]))
        case .requestInfo, .escalate, .note:
            let note: String
            do { note = try Note.validated(fields[0].input.text) } catch {
                fields[0].error = error.description
                return nil
            }
            guard !note.isEmpty else {
                fields[0].error = "a note is required"
                return nil
            }
            if kind == .note { return .note(note) }
            return request(kind == .escalate ? .escalate : .requestInfo, note: note)
        }
    }
}
