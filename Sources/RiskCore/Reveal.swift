import Foundation

/// A customer's national ID and phone in clear, revealed to one supervisor for a short time.
public struct RevealedIdentity: Hashable, Sendable {
    public var customerID: String
    public var nationalID: String
    public var phone: String
    public var revealedAt: Date
    /// When the console masks them again.
    public var until: Date

    public init(customerID: String, nationalID: String, phone: String, revealedAt: Date,
                duration: TimeInterval = RevealRules.duration) {
        self.customerID = customerID
        self.nationalID = nationalID
        self.phone = phone
        self.revealedAt = revealedAt
        self.until = revealedAt.addingTimeInterval(duration)
    }

    /// Whole seconds left before the mask returns (0 once it has).
    public func secondsLeft(at now: Date) -> Int {
        max(0, Int(until.timeIntervalSince(now).rounded(.up)))
    }

    public func isShown(at now: Date) -> Bool { now < until }
}

/// Looking behind the mask of a customer's national ID and phone: supervisors only (trainers on training data),
/// always with a reason, always audited, and never with the clear values in the audit log.
public enum RevealRules {
    /// How long the clear values stay on screen.
    public static let duration: TimeInterval = 30
    /// The audit action of a reveal.
    public static let auditAction = "pii.reveal"

    /// Why `user` may not reveal personal data here; nil when they may (a reason is still required).
    public static func refusal(by user: User, onTrainingData isTraining: Bool) -> DecisionError? {
        guard user.may(.revealPII, onTrainingData: isTraining), user.actsAsSupervisor(onTrainingData: isTraining) else {
            return .notPermitted(user: user.name, role: user.role, action: "reveal personal data (supervisors only)")
        }
        return nil
    }

    /// Checks a reveal and returns the audit record to write: who, whom and why, and which fields — never their values.
    public static func audit(by user: User, onTrainingData isTraining: Bool, customerID: String,
                             reason: String) throws(DecisionError) -> AuditRecord {
        if let refusal = refusal(by: user, onTrainingData: isTraining) { throw refusal }
        let note: String
        do throws(NoteError) { note = try Note.validated(reason) } catch {
            switch error { case let .tooLong(length, maximum): throw .noteTooLong(length: length, maximum: maximum) }
        }
        guard !note.isEmpty else { throw .noteRequired(action: "revealing personal data") }
        return AuditRecord(actor: user.name, action: auditAction, subject: "customer:\(customerID)",
                           after: ["fields": "national_id,phone", "shown_seconds": String(Int(duration))], reason: note)
    }
}
