import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The registry's writes against a real database: import, challenge, four eyes on promote and rollback, the champion
/// switch re-scoring and re-pricing the queue, shadow scoring on intake, and the profile's stored figures.
@Suite struct ModelRegistryStoreTests {
    /// The hand-written default with every applicant 40 points worse off (base 450): PD and grade rise, so the rate does.
    static let harsher: Scorecard = {
        var card = Scorecard.standard
        card.basePoints = 450
        card.description = "harsher test card"
        card.version = ""
        card.version = card.contentVersion
        return card
    }()

    /// A second candidate: 10 points kinder than the default (base 500).
    static let kinder: Scorecard = {
        var card = Scorecard.standard
        card.basePoints = 500
        card.description = "kinder test card"
        card.version = ""
        card.version = card.contentVersion
        return card
    }()

    /// A margin-call card: the default's bins, base 380, for `margin_call_30d`.
    static let marginCall: Scorecard = {
        var card = Scorecard.standard
        card.basePoints = 380
        card.target = .marginCall30d
        card.description = "margin call test card"
        card.version = ""
        card.version = card.contentVersion
        return card
    }()

    static let zhao = "zhao.min"
    static let david = "david.lin"

    /// The fixture desk (four applications in manual review, all quoted at 8.00%, scored 600 by no stored card) plus a
    /// decided one, with `sc-2026.1` as champion of default_12m.
    static func desk(in dir: TempDir, training: Bool = false) throws -> RiskStore {
        let store = try Fixture.store(in: dir)
        try store.write { db in
            var decided = Fixture.application("APP-DONE", yuan: 200_000, stage: .compliance)
            decided.approvedLine = Money(yuan: 200_000)
            try Rows.insert(decided, modelVersion: Scorecard.standard.version, db)
            try AuditChain.append(AuditRecord.applicationCreated(decided.id, stage: decided.stage, line: decided.requestedLine,
                                                                 leverage: decided.requestedLeverage, actor: "seed"),
                                  at: decided.submittedAt, db)
            try db.execute(sql: "UPDATE applications SET model_version = ?", arguments: [Scorecard.standard.version])
            let standard = Scorecard.standard
            try db.execute(sql: """
                INSERT INTO model_versions (version, created_at, is_champion, status, target, promoted_at, description, card)
                VALUES (?, ?, 1, 'champion', 'default_12m', ?, ?, ?)
                """, arguments: [standard.version, Fixture.asOf.addingTimeInterval(-86_400 * 60).timeIntervalSince1970,
                                 Fixture.asOf.addingTimeInterval(-86_400 * 60).timeIntervalSince1970, standard.description,
                                 String(decoding: standard.canonicalJSON(), as: UTF8.self)])
            if training {
                try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('database.training', 'true', 0, 'seed')")
            }
        }
        return store
    }

    static func scalar<T: DatabaseValueConvertible>(_ store: RiskStore, _ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try store.read { db in try T.fetchOne(db, sql: sql, arguments: arguments) }
    }

    static func status(_ store: RiskStore, _ version: String) throws -> String? {
        try scalar(store, "SELECT status FROM model_versions WHERE version = ?", [version])
    }

    /// Imports `card`, makes it the challenger and proposes it, as zhao.min.
    static func proposeHarsher(_ store: RiskStore, card: Scorecard = harsher) throws -> ModelProposal {
        try store.importScorecard(card, by: zhao, at: Fixture.asOf)
        try store.makeChallenger(card.version, by: zhao, reason: "holdout AUC 0.74 vs 0.69", at: Fixture.asOf)
        return try store.proposeModelSwitch(.promote, version: card.version, target: "default_12m", by: zhao,
                                            reason: "beats the default on the holdout", at: Fixture.asOf)
    }

    @Test func aChampionSwitchRescoresAndRepricesThePendingQueueInOneAuditedStep() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.desk(in: dir)
        let proposal = try Self.proposeHarsher(store)
        #expect(proposal.replaces == "sc-2026.1")
        #expect(proposal.state == .pending)

        // Four eyes: the proposer cannot approve, and neither can another name used from the proposer's login.
        #expect(storeError { try store.approveModelProposal(proposal.id, by: Self.zhao, at: Fixture.later) }
            == .modelRefused(.fourEyes(user: Self.zhao, proposer: Self.zhao, detail: "the same user")))
        #expect(storeError { try store.approveModelProposal(proposal.id, by: Self.david, at: Fixture.later) }
            == .modelRefused(.fourEyes(user: Self.david, proposer: Self.zhao,
                                       detail: "both names are used by the login '\(store.login)': one person")))
        // An officer may not approve at all.
        guard case .modelRefused(.notPermitted)? = storeError({ try store.approveModelProposal(proposal.id, by: "wang.fang") }) else {
            Issue.record("an officer approved a model switch")
            return
        }
        #expect(try Self.status(store, Self.harsher.version) == "challenger")

        // A different person at a different login approves.
        let other = try RiskStore.open(at: dir.path("fixture.sqlite"), login: "david")
        let result = try other.approveModelProposal(proposal.id, by: Self.david, at: Fixture.later)
        #expect(result.from == "sc-2026.1")
        #expect(result.to == Self.harsher.version)
        #expect(result.rescored == 4)
        #expect(result.repriced == 4)

        // The queue: 40 points fewer, a higher PD, grade and rate, the new card's version on application and quote.
        let input = ScoreInput(customer: Fixture.customer(), application: Fixture.application(Fixture.small, yuan: 500_000))
        let expected = Self.harsher.score(input)
        #expect(expected.points == 559)
        #expect(expected.grade == .d)
        for id in [Fixture.small, Fixture.mid, Fixture.big, Fixture.claimable] {
            let app = try #require(try store.application(id))
            #expect(app.score == 559)
            #expect(app.grade == .d)
            #expect(app.probabilityOfDefault == (expected.probabilityOfDefault * 1_000_000).rounded() / 1_000_000)
            #expect(app.version == 2)
            let quote = try #require(try store.currentQuote(for: id))
            #expect(quote.modelVersion == Self.harsher.version)
            #expect(quote.reason == "model switch to \(Self.harsher.version)")
            #expect(app.quotedRate == quote.quote.rate)
            #expect(quote.quote.rate != BasisPoints(800))
        }
        // The decided application is untouched.
        let done = try #require(try store.application("APP-DONE"))
        #expect(done.score == 600)
        #expect(done.version == 1)
        #expect(try Self.scalar(store, "SELECT model_version FROM applications WHERE id = 'APP-DONE'") == "sc-2026.1")
        #expect(try Self.scalar(store, "SELECT COUNT(*) FROM quotes WHERE application_id = 'APP-DONE'") == 0)

        // The registry: old retired, new champion, proposal approved, the setting moved, model_scores written.
        #expect(try Self.status(store, "sc-2026.1") == "retired")
        #expect(try Self.status(store, Self.harsher.version) == "champion")
        #expect(try Self.scalar(store, "SELECT is_champion FROM model_versions WHERE version = 'sc-2026.1'") == 0)
        #expect(try Self.scalar(store, "SELECT is_champion FROM model_versions WHERE version = ?", [Self.harsher.version]) == 1)
        #expect(try store.champion(target: "default_12m")?.summary.version == Self.harsher.version)
        #expect(try store.modelProposals().first?.state == .approved)
        #expect(try store.modelProposals().first?.decidedBy == Self.david)
        #expect(try store.setting(SettingKey.championModel) == Self.harsher.version)
        #expect(try store.rowCount("model_scores", where: "version = '\(Self.harsher.version)' AND role = 'champion'") == 4)

        // One audit entry lists from, to, both people and every application at its new version; the chain replays.
        let entry = try #require(try store.read { db in
            try Row.fetchOne(db, sql: "SELECT actor, login, before, after FROM audit_log WHERE action = 'model.promote'")
        })
        #expect(entry["actor"] as String == Self.david)
        #expect(entry["login"] as String == "david")
        let after: String = entry["after"]
        #expect(after.contains("APP-BIG@2"))
        #expect(after.contains("APP-SMALL@2"))
        #expect(after.contains("\"proposed_by\":\"zhao.min\""))
        let verification = try store.verifyAuditChain()
        #expect(verification.isIntact, "\(verification)")
    }

    @Test func aRollbackNeedsFourEyesAndReturnsToThePreviousChampion() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.desk(in: dir, training: true)
        // No previous champion yet: nothing to roll back to.
        #expect(storeError { try store.proposeModelSwitch(.rollback, version: nil, target: "default_12m", by: Self.zhao, reason: "drift") }
            == .modelRefused(.noPreviousChampion(target: "default_12m")))
        let proposal = try Self.proposeHarsher(store)
        // On training data a trainer's personas count as the people they are: david.lin approves zhao.min's proposal.
        _ = try store.approveModelProposal(proposal.id, by: Self.david, at: Fixture.later)
        #expect(try store.application(Fixture.small)?.score == 559)

        let rollback = try store.proposeModelSwitch(.rollback, version: nil, target: "default_12m", by: Self.david,
                                                    reason: "PSI 0.31 on the new card", at: Fixture.later)
        #expect(rollback.version == "sc-2026.1")
        #expect(rollback.replaces == Self.harsher.version)
        // One pending proposal per target.
        guard case .modelRefused(.proposalPending)? = storeError({
            try store.proposeModelSwitch(.rollback, version: nil, target: "default_12m", by: Self.zhao, reason: "again")
        }) else {
            Issue.record("a second pending proposal for the same target was accepted")
            return
        }
        #expect(storeError { try store.approveModelProposal(rollback.id, by: Self.david) }
            == .modelRefused(.fourEyes(user: Self.david, proposer: Self.david, detail: "the same user")))
        // Even the trainer persona may not approve what it proposed.
        let result = try store.approveModelProposal(rollback.id, by: Self.zhao, at: Fixture.later.addingTimeInterval(60))
        #expect(result.to == "sc-2026.1")
        #expect(result.from == Self.harsher.version)
        #expect(try Self.status(store, "sc-2026.1") == "champion")
        #expect(try Self.status(store, Self.harsher.version) == "retired")
        // The queue is back on the default's figures, at version 3 (two switches).
        let app = try #require(try store.application(Fixture.small))
        #expect(app.score == 599)
        #expect(app.version == 3)
        #expect(try store.currentQuote(for: Fixture.small)?.modelVersion == "sc-2026.1")
        // The profile shows the score the application now has; the replaced champion's score stays in the table only.
        let profile = try #require(try store.detail(of: Fixture.small))
        #expect(profile.score.points == 599)
        #expect(profile.modelScores.map(\.version) == ["sc-2026.1"])
        #expect(try store.rowCount("model_scores", where: "application_id = '\(Fixture.small)'") == 2)
        #expect(try Self.scalar(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'model.rollback'") == 1)
        let verification = try store.verifyAuditChain()
        #expect(verification.isIntact, "\(verification)")
        // And now the harsher card is the previous champion: a rollback would return to it.
        let back = try store.proposeModelSwitch(.rollback, version: nil, target: "default_12m", by: Self.zhao, reason: "undo")
        #expect(back.version == Self.harsher.version)
    }

    @Test func aStaleProposalIsMarkedSupersededNotApproved() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.desk(in: dir, training: true)
        let first = try Self.proposeHarsher(store)
        // Another challenger replaces the proposed one: the proposal is superseded at once, and the old one a candidate.
        try store.importScorecard(Self.kinder, by: Self.david)
        try store.makeChallenger(Self.kinder.version, by: Self.david, reason: "better calibration")
        #expect(try Self.status(store, Self.harsher.version) == "candidate")
        #expect(try store.modelProposals().first { $0.id == first.id }?.state == .superseded)
        #expect(try Self.scalar(store, "SELECT after FROM audit_log WHERE action = 'model.challenge' ORDER BY seq DESC LIMIT 1")
            ?? "" == "{\"replaced_challenger\":\"\(Self.harsher.version) (back to candidate)\",\"status\":\"challenger\",\"target\":\"default_12m\"}")
        // The champion changed under a pending proposal (another process): approving it is refused and recorded.
        let second = try store.proposeModelSwitch(.promote, version: Self.kinder.version, target: "default_12m", by: Self.david,
                                                  reason: "kinder")
        try store.write { db in
            try db.execute(sql: "UPDATE model_versions SET status = 'retired' WHERE version = 'sc-2026.1'")
        }
        guard case .modelRefused(.superseded)? = storeError({ try store.approveModelProposal(second.id, by: Self.zhao) }) else {
            Issue.record("a stale proposal was approved")
            return
        }
        #expect(try store.modelProposals().first { $0.id == second.id }?.state == .superseded)
        #expect(try Self.status(store, Self.kinder.version) == "challenger")
        #expect(try store.application(Fixture.small)?.version == 1)
    }

    @Test func importRoundTripsAndRefusesATamperedCardOrADuplicate() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.desk(in: dir)
        let json = Self.harsher.exportedJSON()
        let card = try Scorecard.imported(from: json)
        try store.importScorecard(card, by: Self.zhao)
        let stored = try #require(try store.storedModel(Self.harsher.version))
        #expect(stored.card == Self.harsher)
        #expect(stored.summary.status == .candidate)
        #expect(stored.summary.target == "default_12m")
        #expect(storeError { try store.importScorecard(card, by: Self.david) } == .modelRefused(.alreadyImported(version: card.version)))
        #expect(storeError { try store.importScorecard(Self.kinder, by: "wang.fang") }
            == .modelRefused(.notPermitted(user: "wang.fang", role: .officer, action: "import a scorecard")))
        // One bin's points edited in the file: the content no longer matches its version.
        let text = String(decoding: json, as: UTF8.self).replacingOccurrences(of: "\"points\" : 22", with: "\"points\" : 40")
        #expect(text != String(decoding: json, as: UTF8.self))
        #expect(throws: ScorecardFormatError.self) { try Scorecard.imported(from: Data(text.utf8)) }
        // A candidate with an unknown feature imports, but cannot become a challenger.
        var foreign = Scorecard.standard
        foreign.characteristics[0].feature = "zodiac_sign"
        foreign.version = ""
        foreign.version = foreign.contentVersion
        try store.importScorecard(foreign, by: Self.zhao)
        #expect(storeError { try store.makeChallenger(foreign.version, by: Self.zhao, reason: "try") }
            == .modelRefused(.unknownFeatures(version: foreign.version, features: ["zodiac_sign"])))
        let verification = try store.verifyAuditChain()
        #expect(verification.isIntact, "\(verification)")
    }

    @Test func intakeScoresWithTheChampionAndTheChallengerInTheShadow() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.desk(in: dir, training: true)
        // Champion of default_12m: the harsher card; challenger: the kinder; margin_call_30d champion: the margin card.
        let proposal = try Self.proposeHarsher(store)
        _ = try store.approveModelProposal(proposal.id, by: Self.david)
        try store.importScorecard(Self.kinder, by: Self.zhao)
        try store.makeChallenger(Self.kinder.version, by: Self.zhao, reason: "shadow")
        try store.importScorecard(Self.marginCall, by: Self.zhao)
        try store.makeChallenger(Self.marginCall.version, by: Self.zhao, reason: "fund safety")
        let margin = try store.proposeModelSwitch(.promote, version: Self.marginCall.version, target: "margin_call_30d",
                                                  by: Self.zhao, reason: "first margin-call card")
        let marginResult = try store.approveModelProposal(margin.id, by: Self.david)
        #expect(marginResult.rescored == 4)
        #expect(marginResult.repriced == 0)
        // Older readers see one champion (`is_champion`), the PD card; the margin-call card is champion by status.
        #expect(try Self.scalar(store, "SELECT group_concat(version) FROM model_versions WHERE is_champion = 1") == Self.harsher.version)
        #expect(try Self.status(store, Self.marginCall.version) == "champion")
        #expect(try store.setting(SettingKey.championModel) == Self.harsher.version)
        // The margin-call switch re-scored in model_scores only: the applications' own figures did not move.
        #expect(try store.application(Fixture.small)?.score == 559)
        #expect(try store.application(Fixture.small)?.version == 2)

        _ = try store.write { db in
            try RiskStore.intake(FeedApplicationRequest(customerID: "C000001", share: 0.4), at: Fixture.later, db)
        }
        let id = try #require(try Self.scalar(store, "SELECT MAX(id) FROM applications WHERE id GLOB 'APP-0*'") as String?)
        let app = try #require(try store.application(id))
        let input = ScoreInput(customer: Fixture.customer(), application: app)
        #expect(app.score == Self.harsher.score(input).points)
        #expect(try Self.scalar(store, "SELECT model_version FROM applications WHERE id = ?", [id]) == Self.harsher.version)
        #expect(try store.currentQuote(for: id)?.modelVersion == Self.harsher.version)
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT version, target, role, points FROM model_scores WHERE application_id = ? ORDER BY version",
                             arguments: [id]).map { "\($0["target"] as String)/\($0["role"] as String)/\($0["points"] as Int)" }
        }
        let champion = Self.harsher.score(input).points
        #expect(Set(rows) == ["default_12m/champion/\(champion)", "default_12m/challenger/\(champion + 50)",
                              "margin_call_30d/champion/\(champion - 70)"])

        // The profile: stored figures for both targets and the shadow score, not a live re-score.
        try store.write { db in try db.execute(sql: "UPDATE customers SET tenure_months = 2 WHERE id = 'C000001'") }
        let detail = try #require(try store.detail(of: id))
        #expect(detail.score.points == champion)
        #expect(detail.scoreVersion == Self.harsher.version)
        #expect(detail.modelScores.map(\.target) == ["default_12m", "margin_call_30d", "default_12m"])
        #expect(detail.modelScores.map(\.role) == ["champion", "champion", "challenger"])
        #expect(detail.modelScores[1].points == champion - 70)
        #expect(detail.modelScores[2].isShadow)
        // The stored reasons, kept from scoring time: tenure cost 7 points at 36 months; a live re-score at 2 months would
        // say 32.
        let tenure = try #require(detail.score.reasons.first { $0.code == "TENURE" })
        #expect(tenure.pointsLost == 7)
        #expect(tenure.text == "client for only 36 months")
        var today = Fixture.customer()
        today.tenureMonths = 2
        #expect(Self.harsher.score(ScoreInput(customer: today, application: app)).reasons.first?.pointsLost == 32)
        let verification = try store.verifyAuditChain()
        #expect(verification.isIntact, "\(verification)")
    }

    @Test func theProfileRecomputesMissingReasonsOnlyWithTheStoredVersionsCard() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.desk(in: dir)
        // Scored 600 by sc-2026.1 before reasons were stored; today's champion is another card.
        try store.importScorecard(Self.harsher, by: Self.zhao)
        try store.write { db in
            try db.execute(sql: "UPDATE model_versions SET status = 'retired', is_champion = 0 WHERE version = 'sc-2026.1'")
            try db.execute(sql: "UPDATE model_versions SET status = 'champion', is_champion = 1 WHERE version = ?",
                           arguments: [Self.harsher.version])
        }
        let detail = try #require(try store.detail(of: Fixture.small))
        #expect(detail.score.points == 600)
        #expect(detail.score.probabilityOfDefault == 0.03)
        #expect(detail.score.grade == .c)
        #expect(detail.scoreVersion == "sc-2026.1")
        let byStored = Scorecard.standard.score(ScoreInput(customer: Fixture.customer(),
                                                            application: try #require(try store.application(Fixture.small))))
        #expect(detail.score.reasons == byStored.reasons)
        #expect(detail.modelScores.isEmpty)
    }
}
