import Foundation

/// The audit entries of a card's lifecycle. Subjects: `model:VERSION` for a card, `model-proposal:ID` for a proposal.
public enum ModelAudit {
    public static let importAction = "model.import"
    public static let challengeAction = "model.challenge"
    public static let proposeAction = "model.propose"
    public static let withdrawAction = "model.withdraw"
    public static let supersedeAction = "model.supersede"
    public static let promoteAction = "model.promote"
    public static let rollbackAction = "model.rollback"
    /// The switches: each lists the applications it re-scored and re-priced at their new versions (`repriced`), which
    /// `audit verify` replays as it does for a pricing change.
    public static let switchActions: Set<String> = [promoteAction, rollbackAction]

    public static func modelSubject(_ version: String) -> String { "model:\(version)" }
    public static func proposalSubject(_ id: Int64) -> String { "model-proposal:\(id)" }
}

extension AuditRecord {
    /// A card registered as a candidate from a file.
    public static func modelImported(_ card: Scorecard, actor: String) -> AuditRecord {
        AuditRecord(actor: actor, action: ModelAudit.importAction, subject: ModelAudit.modelSubject(card.version),
                    after: ["status": ModelStatus.candidate.rawValue, "target": card.target.code,
                            "characteristics": String(card.characteristics.count)],
                    reason: "imported card \(card.version)")
    }

    /// Candidate → challenger; `replaced` names the challenger sent back to candidate.
    public static func modelChallenged(_ version: String, target: String, replaced: String?, actor: String,
                                       reason: String) -> AuditRecord {
        var after = ["status": ModelStatus.challenger.rawValue, "target": target]
        if let replaced { after["replaced_challenger"] = replaced + " (back to candidate)" }
        return AuditRecord(actor: actor, action: ModelAudit.challengeAction, subject: ModelAudit.modelSubject(version),
                           before: ["status": ModelStatus.candidate.rawValue], after: after, reason: reason)
    }

    public static func modelProposed(id: Int64, kind: String, version: String, target: String, replaces: String?,
                                     actor: String, reason: String) -> AuditRecord {
        AuditRecord(actor: actor, action: ModelAudit.proposeAction, subject: ModelAudit.proposalSubject(id),
                    after: ["kind": kind, "version": version, "target": target, "replaces": replaces ?? "",
                            "state": "pending"], reason: reason)
    }

    public static func modelProposalClosed(id: Int64, action: String, state: String, actor: String,
                                           reason: String) -> AuditRecord {
        AuditRecord(actor: actor, action: action, subject: ModelAudit.proposalSubject(id), before: ["state": "pending"],
                    after: ["state": state], reason: reason)
    }
}
