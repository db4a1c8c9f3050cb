import Foundation
import RiskCore
import TerminalUI

/// A supervisor's dialog that writes only with a reason: a rollback (with what it reverses) or a reveal.
public struct ReasonDialog: Sendable {
    public enum Purpose: Sendable {
        case rollback(RollbackPreview)
        case reveal(customerID: String, name: String)
        /// A model step that needs a reason (the `:models` view's c, p, b, w).
        case model(ModelReasonStep)
    }

    public var purpose: Purpose
    public var field = Dialog.Field(label: "Reason", input: TextField(maxLength: Note.maximumLength), placeholder: "required: why")
    /// Why the last Enter was refused or failed; the dialog stays open with it.
    public var failure: String?

    public init(purpose: Purpose) { self.purpose = purpose }

    public var title: String {
        switch purpose {
        case let .rollback(preview): "Roll back \(preview.application.id)"
        case let .reveal(customerID, name): "Reveal ID and phone · \(customerID) \(name)"
        case let .model(step): step.title
        }
    }

    /// What Enter will do, line by line.
    public func bodyLines(now: Date) -> [String] {
        switch purpose {
        case let .rollback(preview):
            return preview.lines(now: now)
        case .reveal:
            return ["The clear national ID and phone show for \(Int(RevealRules.duration)) seconds, then are masked again.",
                    "The reveal is audited: who, whom and why (never the values)."]
        case let .model(step):
            return step.bodyLines
        }
    }

    var cancelledMessage: String {
        switch purpose {
        case let .rollback(preview): "rollback of \(preview.application.id) cancelled: nothing was written"
        case .reveal: "reveal cancelled: nothing was written"
        case let .model(step): step.cancelledMessage
        }
    }

    /// The reason as the note rules trim it, or nil with the field's error set.
    mutating func validatedReason() -> String? {
        field.error = nil
        let reason: String
        do { reason = try Note.validated(field.input.text) } catch {
            field.error = error.description
            return nil
        }
        guard !reason.isEmpty else {
            field.error = "a reason is required"
            return nil
        }
        return reason
    }
}
