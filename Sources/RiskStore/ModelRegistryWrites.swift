import Foundation
import GRDB
import RiskCore

/// The registry's writes: import, challenge, propose and withdraw. Each is one transaction with its audit entry;
/// every rule is `ModelLifecycleRules`' (RiskCore). The switch itself (approve) is in ModelSwitch.swift.
extension RiskStore {
    /// Registers an imported card as a candidate, audited `model.import`. Refuses a version already present.
    public func importScorecard(_ card: Scorecard, by user: String, at now: Date = Date()) throws(StoreError) {
        try write { db in
            let actor = try Self.requireUser(user, db)
            let training = try Self.isTraining(db)
            let existing = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM model_versions WHERE version = ?)",
                                             arguments: [card.version]) ?? false
            try Self.modelRuling { () throws(ModelLifecycleError) in
                try ModelLifecycleRules.importCard(card, by: actor, existing: existing, onTrainingData: training)
            }
            let description = card.description.isEmpty ? "imported \(card.target.code) card" : card.description
            try db.execute(sql: """
                INSERT INTO model_versions (version, created_at, is_champion, description, training_scores, status, target, card,
                                            trained_at)
                VALUES (?, ?, 0, ?, '[]', 'candidate', ?, ?, ?)
                """, arguments: [card.version, now.timeIntervalSince1970, description, card.target.code,
                                 String(decoding: card.canonicalJSON(), as: UTF8.self), card.trainedAt?.timeIntervalSince1970])
            try AuditChain.append(AuditRecord.modelImported(card, actor: actor.name), at: now, db)
        }
    }

    /// Candidate → challenger (a supervisor, or a trainer on training data), audited `model.challenge`. A challenger
    /// already in place for the target goes back to candidate (the entry says so), and a pending promotion of it is
    /// marked superseded.
    public func makeChallenger(_ version: String, by user: String, reason: String, at now: Date = Date()) throws(StoreError) {
        try write { db in
            let actor = try Self.requireUser(user, db)
            let training = try Self.isTraining(db)
            let registry = try Self.registryFacts(db)
            guard let model = registry.first(where: { $0.version == version }) else {
                throw StoreError.modelRefused(.unknownVersion(version))
            }
            let card = try Self.storedModel(version, db)?.card
            let (reason, replaced) = try Self.modelRuling { () throws(ModelLifecycleError) in
                try ModelLifecycleRules.challenge(model, card: card, by: actor, reason: reason, registry: registry,
                                                  onTrainingData: training)
            }
            if let replaced {
                try db.execute(sql: "UPDATE model_versions SET status = 'candidate' WHERE version = ?", arguments: [replaced])
                for id in try Int64.fetchAll(db, sql: """
                    SELECT id FROM model_proposals WHERE state = 'pending' AND kind = 'promote' AND version = ?
                    """, arguments: [replaced]) {
                    try Self.closeProposal(id, state: .superseded, action: ModelAudit.supersedeAction, by: actor.name,
                                           reason: "\(replaced) is no longer the challenger: \(version) replaced it", at: now, db)
                }
            }
            try db.execute(sql: "UPDATE model_versions SET status = 'challenger' WHERE version = ?", arguments: [version])
            try AuditChain.append(AuditRecord.modelChallenged(version, target: model.target, replaced: replaced,
                                                              actor: actor.name, reason: reason), at: now, db)
        }
    }

    /// Proposes making `version` champion of its target (kind .promote, a challenger), or rolling `target` back to
    /// its previous champion (kind .rollback, version nil). Audited `model.propose`.
    public func proposeModelSwitch(_ kind: ModelProposal.Kind, version: String?, target: String, by user: String,
                                   reason: String, at now: Date = Date()) throws(StoreError) -> ModelProposal {
        try write { db in
            let actor = try Self.requireUser(user, db)
            let training = try Self.isTraining(db)
            let registry = try Self.registryFacts(db)
            let pending = try Self.pendingProposal(target: target, db).map { try Self.switchFacts($0, db) }
            let to: String
            let replaces: String?
            let why: String
            switch kind {
            case .promote:
                guard let version, let model = registry.first(where: { $0.version == version }) else {
                    throw StoreError.modelRefused(.unknownVersion(version ?? "(none named)"))
                }
                guard model.target == target else {
                    throw StoreError.invalidInput("\(version) predicts \(model.target), not \(target)")
                }
                why = try Self.modelRuling { () throws(ModelLifecycleError) in
                    try ModelLifecycleRules.proposePromotion(model, by: actor, reason: reason, pending: pending, onTrainingData: training)
                }
                to = version
                replaces = registry.first { $0.target == target && $0.status == .champion }?.version
            case .rollback:
                if let version { throw StoreError.invalidInput("a rollback returns to the previous champion: name no version (got \(version))") }
                let plan = try Self.modelRuling { () throws(ModelLifecycleError) in
                    try ModelLifecycleRules.proposeRollback(target: target, by: actor, reason: reason, registry: registry,
                                                            pending: pending, onTrainingData: training)
                }
                (why, to, replaces) = (plan.reason, plan.to, plan.from)
            }
            try db.execute(sql: """
                INSERT INTO model_proposals (kind, version, target, replaces, proposed_by, proposed_at, reason, state)
                VALUES (?,?,?,?,?,?,?,'pending')
                """, arguments: [kind.rawValue, to, target, replaces, actor.name, now.timeIntervalSince1970, why])
            let id = db.lastInsertedRowID
            try AuditChain.append(AuditRecord.modelProposed(id: id, kind: kind.rawValue, version: to, target: target,
                                                            replaces: replaces, actor: actor.name, reason: why), at: now, db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM model_proposals WHERE id = ?", arguments: [id]) else {
                throw StoreError.database("proposal \(id) vanished after it was written")
            }
            return try Self.modelProposal(row)
        }
    }

    /// Withdraws a pending proposal (its proposer or another supervisor, with a reason), audited `model.withdraw`.
    public func withdrawModelProposal(_ id: Int64, by user: String, reason: String, at now: Date = Date()) throws(StoreError) {
        try write { db in
            let actor = try Self.requireUser(user, db)
            let training = try Self.isTraining(db)
            let proposal = try Self.requireProposal(id, db)
            let facts = try Self.switchFacts(proposal, db)
            let why = try Self.modelRuling { () throws(ModelLifecycleError) in
                try ModelLifecycleRules.withdraw(facts, by: actor, reason: reason, onTrainingData: training)
            }
            try Self.closeProposal(id, state: .withdrawn, action: ModelAudit.withdrawAction, by: actor.name, reason: why, at: now, db)
        }
    }

    // MARK: helpers shared with the switch

    /// Every registered version as the lifecycle rules see it.
    static func registryFacts(_ db: Database) throws -> [ModelVersionFacts] {
        try Row.fetchAll(db, sql: """
            SELECT version, target, status, card IS NOT NULL AS has_card, promoted_at, retired_at FROM model_versions
            """).map { row in
            let r = StrictRow(row, table: "model_versions", key: "version")
            guard let status = ModelStatus(rawValue: try r.string("status")) else {
                throw r.failure("status", expected: "candidate, challenger, champion or retired")
            }
            return ModelVersionFacts(
                version: try r.string("version"), target: try r.string("target"), status: status, hasCard: try r.bool("has_card"),
                promotedAt: try r.optionalDouble("promoted_at", in: 0...StrictRow.latestDate).map(Date.init(timeIntervalSince1970:)),
                retiredAt: try r.optionalDouble("retired_at", in: 0...StrictRow.latestDate).map(Date.init(timeIntervalSince1970:)))
        }
    }

    static func pendingProposal(target: String, _ db: Database) throws -> ModelProposal? {
        try Row.fetchOne(db, sql: "SELECT * FROM model_proposals WHERE target = ? AND state = 'pending'", arguments: [target])
            .map { row throws(StoreError) in try modelProposal(row) }
    }

    static func requireProposal(_ id: Int64, _ db: Database) throws -> ModelProposal {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM model_proposals WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("no model proposal #\(id) (see `riskdesk model list`)")
        }
        return try modelProposal(row)
    }

    /// The proposal with the logins that stand for its proposer: the login its `model.propose` entry was written from
    /// and every login mapped to the proposer.
    static func switchFacts(_ proposal: ModelProposal, _ db: Database) throws -> ModelSwitchFacts {
        var logins = Set(try String.fetchAll(db, sql: "SELECT login FROM user_logins WHERE user_name = ?",
                                             arguments: [proposal.proposedBy]))
        if let written = try String.fetchOne(db, sql: """
            SELECT login FROM audit_log WHERE subject = ? AND action = ? ORDER BY seq LIMIT 1
            """, arguments: [ModelAudit.proposalSubject(proposal.id), ModelAudit.proposeAction]), !written.isEmpty {
            logins.insert(written)
        }
        return ModelSwitchFacts(id: proposal.id, isRollback: proposal.kind == .rollback, version: proposal.version,
                                target: proposal.target, replaces: proposal.replaces, proposedBy: proposal.proposedBy,
                                proposerLogins: logins, isPending: proposal.state == .pending, state: proposal.state.rawValue)
    }

    static func closeProposal(_ id: Int64, state: ModelProposal.State, action: String, by actor: String, reason: String,
                              at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE model_proposals SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                       arguments: [state.rawValue, actor, now.timeIntervalSince1970, id])
        try AuditChain.append(AuditRecord.modelProposalClosed(id: id, action: action, state: state.rawValue, actor: actor,
                                                              reason: reason), at: now, db)
    }
}
