import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The bundled sample database, found from this file's place in the checkout.
enum BundledSample {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-db/sample.sqlite").path
    }
}

/// Replays one application's recorded history through `Pipeline.decide`. This is the one place that speaks the
/// pipeline's API (`DecisionRequest`, `DecisionContext`): when that API changes, adapt `decide` below.
struct HistoryReplay {
    /// The action of the entry `replayAll` puts in an application's history where a pricing change or a model switch
    /// re-priced it (their one entry lists each application with the version it was left at).
    static let repricedMarker = "test.repriced"
    let users: [String: User]
    let policy: ApprovalPolicy
    let isTrainingData: Bool

    /// The request a recorded decision row stands for.
    static func kind(of row: DecisionRecord) -> DecisionKind? {
        switch row.kind {
        case "approve": return .approve
        case "approve-with":
            guard let line = row.line, let leverage = row.leverage else { return nil }
            return .approveWithConditions(line: line, leverage: leverage)
        case "reject":
            let code = row.reasonCode ?? ""
            return .reject(ReasonCode.rejectionReasons.first { $0.code == code } ?? ReasonCode(code: code, text: ""))
        case "request-info": return .requestInfo
        case "escalate": return .escalate
        case "rollback": return .rollback
        case "withdraw": return .withdraw
        default: return nil
        }
    }

    func decide(_ row: DecisionRecord, on app: Application, earlier: [DecisionRecord]) throws -> DecisionOutcome {
        guard let kind = Self.kind(of: row) else { throw StoreError.invalidInput("unknown decision kind \(row.kind)") }
        guard let actor = users[row.actor] else { throw StoreError.invalidInput("unknown user \(row.actor)") }
        // The person saw the stage the application was in: on a second approval they named it, as the console does.
        let request = DecisionRequest(applicationID: app.id, kind: kind, actor: actor.name, note: row.note,
                                      expectedVersion: app.version, priceOverride: row.priceOverride,
                                      intent: app.stage == .awaitingSecondApproval ? .second : .first)
        let context = DecisionContext(application: app, actor: actor, history: earlier.map(\.past),
                                      isTrainingData: isTrainingData, policy: policy, now: row.decidedAt)
        do throws(DecisionError) { return try Pipeline.decide(request, in: context) } catch { throw StoreError.refused(error) }
    }

    /// Replays `app`'s audit entries from `application.create`, deciding each recorded decision again, and returns
    /// every way the recorded history differs from what the product would have done (empty when it is legal).
    func problems(app stored: Application, audit: [AuditRecord], decisions: [DecisionRecord]) -> [String] {
        var problems: [String] = []
        guard let create = audit.first, create.action == "application.create",
              let initial = create.after["stage"].flatMap(Stage.init(rawValue:)) else {
            return ["\(stored.id): no application.create entry first"]
        }
        if create.after["version"] != "1" { problems.append("\(stored.id): created at version \(create.after["version"] ?? "-")") }
        if create.after["line"] != String(stored.requestedLine.fen) { problems.append("\(stored.id): created with another line") }
        if create.after["leverage"] != stored.requestedLeverage.text { problems.append("\(stored.id): created with another leverage") }
        var app = stored
        app.stage = initial
        app.version = 1
        app.approvedLine = nil
        app.approvedLeverage = nil
        app.decidedAt = nil
        app.claimedBy = nil
        app.claimExpiresAt = nil
        let rows = decisions.filter { $0.kind != "note" }
        var next = 0
        for entry in audit.dropFirst() {
            if entry.action.hasPrefix("decision.") {
                guard next < rows.count else { problems.append("\(stored.id): audit entry \(entry.action) without a decision row"); break }
                let row = rows[next]
                let outcome: DecisionOutcome
                do { outcome = try decide(row, on: app, earlier: Array(rows[..<next])) } catch {
                    problems.append("\(stored.id): decision \(next + 1) (\(row.actor) \(row.kind)) is refused: \(error)")
                    break
                }
                if outcome.from != row.from || outcome.to != row.to || outcome.approvedLine != row.line
                    || outcome.approvedLeverage != row.leverage {
                    problems.append("\(stored.id): decision \(next + 1) recorded \(row.from.rawValue)→\(row.to.rawValue) "
                        + "but the pipeline gives \(outcome.from.rawValue)→\(outcome.to.rawValue)")
                }
                // The store stamps the login of the process that wrote the entry; the pipeline's record has none.
                var expected = outcome.audit
                expected.login = entry.login
                if outcome.approvedRate != row.rate {
                    problems.append("\(stored.id): decision \(next + 1) recorded rate \(row.rate?.value ?? -1) but the pipeline gives \(outcome.approvedRate?.value ?? -1)")
                }
                if expected != entry { problems.append("\(stored.id): audit entry of decision \(next + 1) differs from the pipeline's") }
                app.stage = outcome.to
                app.version += 1
                app.approvedLine = outcome.approvedLine ?? app.approvedLine
                app.approvedLeverage = outcome.approvedLeverage ?? app.approvedLeverage
                if row.kind == "approve" || row.kind == "approve-with" { app.decidedAt = row.decidedAt }
                next += 1
            } else if entry.action == Self.repricedMarker {
                // A pricing change or a model switch re-quoted the application: a version bump, nothing else.
                app.version += 1
                if entry.after["version"] != String(app.version) {
                    problems.append("\(stored.id): re-priced to version \(entry.after["version"] ?? "-"), the replay is at v\(app.version)")
                }
            } else if entry.action == "application.advance" {
                guard let to = entry.after["stage"].flatMap(Stage.init(rawValue:)), app.stage.canMove(to: to),
                      entry.before["stage"] == app.stage.rawValue else {
                    problems.append("\(stored.id): illegal automatic move \(entry.before) → \(entry.after)")
                    break
                }
                app.stage = to
                app.version += 1
            }
        }
        if next != rows.count { problems.append("\(stored.id): \(rows.count - next) decision rows without an audit entry") }
        if let last = audit.last, (last.after["stage"].map { $0 != stored.stage.rawValue } ?? false)
            || last.after["version"] != String(stored.version) {
            problems.append("\(stored.id): the last audit entry says \(last.after), the table \(stored.stage.rawValue) v\(stored.version)")
        }
        if app.stage != stored.stage || app.version != stored.version || app.approvedLine != stored.approvedLine
            || app.approvedLeverage != stored.approvedLeverage {
            problems.append("\(stored.id): replay ends at \(app.stage.rawValue) v\(app.version), the table has \(stored.stage.rawValue) v\(stored.version)")
        }
        return problems
    }
}

@Suite("sample decision histories replay legally")
struct SampleReplayTests {
    /// Every application of a database, replayed; returns the problems and how many applications and decisions were replayed.
    static func replayAll(_ store: RiskStore) throws -> (problems: [String], applications: Int, decisions: Int) {
        let replay = HistoryReplay(users: Dictionary(uniqueKeysWithValues: try store.users().map { ($0.name, $0) }),
                                   policy: try store.approvalPolicy(), isTrainingData: try store.isTrainingData())
        return try store.read { db in
            let apps = try Row.fetchAll(db, sql: "SELECT * FROM applications ORDER BY id").map(Rows.application)
            // Each application's entries, with a marker where a pricing change or a model switch re-priced it.
            var audit: [String: [AuditEntry]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq") {
                let entry = try AuditChain.entry(row).get()
                if entry.record.subject.hasPrefix("application:") {
                    audit[entry.record.subject, default: []].append(entry)
                }
                for (id, version) in AuditReplay.repricedVersions(entry.record) {
                    var marker = entry
                    marker.record = AuditRecord(actor: entry.record.actor, action: HistoryReplay.repricedMarker,
                                                subject: "application:\(id)", before: [:], after: ["version": version],
                                                reason: "")
                    audit["application:\(id)", default: []].append(marker)
                }
            }
            var problems: [String] = []
            var decisions = 0
            for app in apps {
                let rows = try RiskStore.decisions(for: app.id, db)
                decisions += rows.count
                problems += replay.problems(app: app, audit: (audit["application:\(app.id)"] ?? []).map(\.record), decisions: rows)
            }
            return (problems, apps.count, decisions)
        }
    }

    @Test("every application in the bundled sample replays legally through the pipeline")
    func bundledSample() throws {
        let store = try RiskStore.open(at: BundledSample.path, readOnly: true)
        let result = try Self.replayAll(store)
        #expect(result.applications == 2_000)
        #expect(result.decisions > 1_000)
        #expect(result.problems.isEmpty, "\(result.problems.count) problems, first: \(result.problems.prefix(5))")
        // the figure the issue reproduced: no single approval above ¥1,000,000 goes straight to compliance
        let straight = try store.rowCount("decisions", where: """
            kind IN ('approve','approve-with') AND line_fen > 100000000 AND from_stage IN ('manual_review','escalated')
              AND to_stage = 'compliance'
            """)
        #expect(straight == 0)
        // and every application awaiting a second approval has exactly one approval, by a supervisor, above ¥1,000,000
        let waiting = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, COUNT(d.id) AS approvals, MIN(u.role) AS role, MIN(d.line_fen) AS line FROM applications a
                  JOIN decisions d ON d.application_id = a.id AND d.kind IN ('approve','approve-with')
                  JOIN users u ON u.name = d.actor
                WHERE a.stage = 'awaiting_second_approval' GROUP BY a.id
                """)
        }
        #expect(!waiting.isEmpty)
        #expect(try store.rowCount("applications", where: "stage = 'awaiting_second_approval'") == waiting.count)
        for row in waiting {
            #expect(row["approvals"] as Int == 1 && row["role"] as String == "supervisor" && row["line"] as Int64 > 100_000_000,
                    "\(row)")
        }
    }

    @Test("a generated sample replays legally, and a tampered history is caught")
    func tamperedHistoryIsCaught() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 300, seed: 9)
        #expect(try Self.replayAll(store).problems.isEmpty)
        // an officer's approval of a line above their limit, as the old generator wrote it
        let target = try #require(try store.read { db in
            try String.fetchOne(db, sql: """
                SELECT application_id FROM decisions WHERE kind = 'approve' AND actor IN ('zhao.min','david.lin')
                  AND from_stage = 'manual_review' ORDER BY id LIMIT 1
                """)
        })
        try store.write { db in
            try db.execute(sql: "UPDATE decisions SET actor = 'alice.chen' WHERE application_id = ? AND kind = 'approve'", arguments: [target])
        }
        let problems = try Self.replayAll(store).problems
        #expect(problems.contains { $0.hasPrefix("\(target):") && $0.contains("refused") }, "\(problems.prefix(3))")
    }
}
