import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// A different supervisor approves: the switch happens in the same transaction (re-score + re-price pending
    /// applications, one audit entry `model.promote` / `model.rollback`).
    ///
    /// The old champion is retired, the new one made champion (`is_champion` kept in step for older readers: 1 only on
    /// the default_12m champion, the one row they expect), the
    /// proposal approved. For `default_12m` every pending application (the stages a pricing change re-prices) is
    /// re-scored by the new card (score, PD, grade, model version), re-priced with a new quote carrying the new model
    /// version, and its version bumped so a decision taken against the old figures is refused as stale; each gets a
    /// `model_scores` row. For another target the pending applications are re-scored in `model_scores` only.
    /// A proposal that is no longer current is marked superseded (committed, audited) and the approval refused.
    public func approveModelProposal(_ id: Int64, by user: String, at now: Date = Date()) throws(StoreError) -> ModelSwitchResult {
        let started = Date()
        let outcome: Result<ModelSwitchResult, StoreError> = try write { db in
            let actor = try Self.requireUser(user, db)
            let training = try Self.isTraining(db)
            let proposal = try Self.requireProposal(id, db)
            let facts = try Self.switchFacts(proposal, db)
            let registry = try Self.registryFacts(db)
            let userLogins = Set(try String.fetchAll(db, sql: "SELECT login FROM user_logins WHERE user_name = ?",
                                                     arguments: [actor.name]))
            do throws(ModelLifecycleError) {
                try ModelLifecycleRules.approve(facts, by: actor, login: self.login, userLogins: userLogins, registry: registry,
                                                onTrainingData: training)
            } catch {
                guard case .superseded = error else { throw StoreError.modelRefused(error) }
                // Recorded, so nobody approves it later: the refusal is returned after the commit.
                try Self.closeProposal(id, state: .superseded, action: ModelAudit.supersedeAction, by: actor.name,
                                       reason: error.description, at: now, db)
                return .failure(StoreError.modelRefused(error))
            }
            guard let card = try Self.storedModel(proposal.version, db)?.card else {
                throw StoreError.modelRefused(.noCard(version: proposal.version))
            }
            try Self.modelRuling { () throws(ModelLifecycleError) in try ModelLifecycleRules.requireDeskCard(card) }
            let from = registry.first { $0.target == proposal.target && $0.status == .champion }?.version
            if let from {
                try db.execute(sql: "UPDATE model_versions SET status = 'retired', is_champion = 0, retired_at = ? WHERE version = ?",
                               arguments: [now.timeIntervalSince1970, from])
            }
            // `is_champion` is what readers from before v18 (and the drift timer) take as *the* champion, one row: the
            // default_12m card's. A margin-call champion is a champion by `status` only.
            let isPrimary = proposal.target == ModelTarget.default12m.code
            try db.execute(sql: """
                UPDATE model_versions SET status = 'champion', is_champion = ?, promoted_at = ?, retired_at = NULL WHERE version = ?
                """, arguments: [isPrimary, now.timeIntervalSince1970, proposal.version])
            try db.execute(sql: "UPDATE model_proposals SET state = 'approved', decided_by = ?, decided_at = ? WHERE id = ?",
                           arguments: [actor.name, now.timeIntervalSince1970, id])
            let moved = try Self.rescorePending(with: card, target: proposal.target, reprice: isPrimary, by: actor.name, at: now, db)
            var before = ["champion": from ?? "", "proposal_state": "pending"]
            var after = ["champion": proposal.version, "target": proposal.target, "proposal": String(id),
                         "proposed_by": proposal.proposedBy, "approved_by": actor.name, "proposal_state": "approved",
                         "rescored": String(moved.rescored), "repriced_quotes": String(moved.repriced)]
            if !moved.versions.isEmpty { after[PricingChangeAudit.repricedKey] = PricingChangeAudit.repricedField(moved.versions) }
            if isPrimary {
                // The setting other views read for the champion's name moves with the switch, under this same entry.
                let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [SettingKey.championModel])
                try Self.storeSetting(SettingKey.championModel, proposal.version, by: actor.name, at: now, db)
                before["setting:\(SettingKey.championModel)"] = old ?? ""
                after["setting:\(SettingKey.championModel)"] = proposal.version
            }
            let action = proposal.kind == .promote ? ModelAudit.promoteAction : ModelAudit.rollbackAction
            try AuditChain.append(AuditRecord(actor: actor.name, action: action, subject: ModelAudit.modelSubject(proposal.version),
                                              before: before, after: after, reason: proposal.reason), at: now, db)
            return .success(ModelSwitchResult(target: proposal.target, from: from, to: proposal.version, rescored: moved.rescored,
                                              repriced: moved.repriced, seconds: 0))
        }
        switch outcome {
        case var .success(result):
            result.seconds = Date().timeIntervalSince(started)
            return result
        case let .failure(error):
            throw error
        }
    }

    /// Re-scores every pending application with `card` (one `model_scores` row each, role champion). With `reprice`
    /// (the default_12m champion) each also takes the new score, PD, grade and model version, a new quote when it was
    /// priced, and a version bump; the returned list gives each such application at its new version.
    static func rescorePending(with card: Scorecard, target: String, reprice: Bool, by actor: String, at now: Date,
                               _ db: Database) throws -> (rescored: Int, repriced: Int, versions: [(id: String, version: Int)]) {
        let stages = Pricing.requotedStages.map(\.rawValue)
        let marks = stages.map { _ in "?" }.joined(separator: ",")
        let (customers, positions) = try pendingBooks(quotedOnly: false, withPositions: reprice, db)
        let apps = try Row.fetchAll(db, sql: "SELECT * FROM applications WHERE stage IN (\(marks)) ORDER BY id",
                                    arguments: StatementArguments(stages)).map(Rows.application)
        let sentiment = try sentiment(db)
        let parameters = try pricingParameters(db)
        let pricingVersion = try pricingVersion(db)
        let update = try db.cachedStatement(sql: """
            UPDATE applications SET score = ?, pd = ?, grade = ?, model_version = ?, priority_key = ?, version = version + 1
            WHERE id = ?
            """)
        var (rescored, repriced) = (0, 0)
        var versions: [(id: String, version: Int)] = []
        for var app in apps {
            guard let customer = customers[app.customerID] else { throw StoreError.notFound("no customer \(app.customerID) for \(app.id)") }
            let score = card.score(ScoreInput(customer: customer, application: app))
            try recordModelScore(score, application: app.id, version: card.version, target: target,
                                 role: ModelStatus.champion.rawValue, at: now, db)
            rescored += 1
            guard reprice else { continue }
            app.score = score.points
            app.probabilityOfDefault = (score.probabilityOfDefault * 1_000_000).rounded() / 1_000_000
            app.grade = score.grade
            // The queue orders by grade: the priority key moves with it.
            try update.execute(arguments: [score.points, app.probabilityOfDefault, score.grade.rawValue, card.version,
                                           QueuePriority.key(for: app), app.id])
            if app.quotedRate != nil {
                let input = pricingInput(for: app, customer: customer, positions: positions[customer.id] ?? [], sentiment: sentiment)
                try recordQuote(Pricing.quote(input, parameters: parameters), for: app.id, modelVersion: card.version,
                                reason: "model switch to \(card.version)", by: actor, at: now, pricingVersion: pricingVersion, db)
                repriced += 1
            }
            versions.append((app.id, app.version + 1))
        }
        return (rescored, repriced, versions)
    }
}
