import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Tampering that a consistent-looking chain used to hide: rewritten or cut chains (anchors), an emptied log,
/// a missing head, tables that contradict the log, dropped triggers. Each runs raw SQL on a second connection,
/// as someone with the file and sqlite3 could.
@Suite("audit verification beyond the chain")
struct AuditTamperTests {
    /// The append-only triggers as the schema creates them; a careful forger puts them back after editing.
    static let restoreTriggers = """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        """

    /// Runs SQL on a connection of its own; with `dropTriggers`, the append-only triggers are dropped first
    /// and put back afterwards, so only what the SQL changed is left to find.
    static func tamper(_ path: String, dropTriggers: Bool = true, _ sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            if dropTriggers {
                try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete")
            }
            try db.execute(sql: sql, arguments: arguments)
            if dropTriggers { try db.execute(sql: restoreTriggers) }
        }
        try queue.close()
    }

    /// Edits entry `k` and recomputes every hash from there on, as a careful forger would.
    static func rehash(_ store: RiskStore, from k: Int64, edit: (inout AuditRecord) -> Void) throws {
        let entries = try store.auditTail(count: 1_000_000)
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete")
            var previous = entries.first { $0.sequence == k - 1 }?.hash ?? AuditChain.genesis
            for var entry in entries where entry.sequence >= k {
                if entry.sequence == k { edit(&entry.record) }
                let hash = AuditChain.hash(previous: previous, canonical: entry.record.canonicalEncoding(
                    sequence: entry.sequence, timestamp: entry.timestamp, encoding: entry.encoding))
                try db.execute(sql: """
                    UPDATE audit_log SET actor = ?, login = ?, action = ?, subject = ?, before = ?, after = ?, reason = ?,
                      prev_hash = ?, hash = ? WHERE seq = ?
                    """, arguments: [entry.record.actor, entry.record.login, entry.record.action, entry.record.subject,
                                     AuditChain.json(entry.record.before), AuditChain.json(entry.record.after),
                                     entry.record.reason, previous, hash, entry.sequence])
                previous = hash
            }
            try db.execute(sql: restoreTriggers)
        }
        try queue.close()
    }

    // MARK: anchors

    @Test("a consistently rehashed chain passes on its own and fails against an anchor taken before")
    func rehashedChainFailsTheAnchor() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let anchor = try #require(try store.auditAnchor().get())
        #expect(anchor.sequence == Int64(AuditChainTests.entries))
        let early = try #require(try store.auditTail(count: 20).first { $0.sequence == 6 }?.anchor)

        try Self.rehash(store, from: 4) { $0.reason = "nothing happened" }
        #expect(try store.auditTail(count: 20).first { $0.sequence == 4 }?.record.reason == "nothing happened")
        #expect(try store.verifyAuditChain() == .intact(entries: AuditChainTests.entries), "without an anchor the forgery is consistent")
        let result = try store.verifyAuditChain(anchor: anchor)
        guard case let .broken(sequence, problem) = result else {
            Issue.record("a rehashed chain passed its anchor: \(result)")
            return
        }
        #expect(sequence == anchor.sequence)
        #expect(problem.contains("differs from the anchor"))
        #expect(problem.contains("rewritten"))
        // Any anchor at or after the edited entry catches it, at the anchored entry.
        guard case .broken(6, _) = try store.verifyAuditChain(anchor: early) else {
            Issue.record("an anchor at entry 6 missed an edit of entry 4")
            return
        }
    }

    @Test("a chain that grew since its anchor still verifies against it")
    func olderAnchorOfAGrowingChain() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let anchor = try #require(try store.auditAnchor().get())
        try store.appendAudit(AuditRecord(actor: "zhao.min", action: "test.more", subject: "database"), at: Fixture.later)
        #expect(try store.verifyAuditChain(anchor: anchor) == .intact(entries: AuditChainTests.entries + 1))
        #expect(try store.auditAnchor().get().sequence == Int64(AuditChainTests.entries + 1))
    }

    @Test("a tail cut with the delete trigger dropped and restored passes on its own and fails against the anchor")
    func cutTailFailsTheAnchor() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let anchor = try #require(try store.auditAnchor().get())
        try Self.tamper(store.path, "DELETE FROM audit_log WHERE seq > 7")
        #expect(try store.verifyAuditChain() == .intact(entries: 7))
        #expect(try store.verifyAuditChain(anchor: anchor)
            == .broken(sequence: 8, problem: "the chain ends at 7 but the anchor is entry 10 (entries removed from the end)"))
    }

    @Test("anchoring refuses a log that does not verify")
    func anchorRefusesABrokenLog() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        try Self.tamper(store.path, "UPDATE audit_log SET reason = 'changed' WHERE seq = 2")
        guard case let .failure(result) = try store.auditAnchor() else {
            Issue.record("anchored a log with an edited entry")
            return
        }
        #expect(result.verification == .broken(sequence: 2, problem: "its content does not match its hash (edited)"))
    }

    // MARK: the log as a whole

    @Test("an emptied log is broken, not `ok: 0 entries`")
    func emptiedLog() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 40, seed: 3)
        try Self.tamper(store.path, "DELETE FROM audit_log")
        #expect(try store.rowCount("audit_log") == 0)
        let result = try store.verifyAuditChain()
        #expect(!result.isIntact)
        #expect(result.description.hasPrefix("broken: the audit log is empty"))
    }

    @Test("a tail cut while the delete trigger is gone is reported: the head is the last row, the trigger its guard")
    func cutTailWithoutTrigger() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        // The store itself refuses to cut the tail.
        #expect(storeError { try store.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq > 7") } } == .auditAppendOnly)
        try Self.tamper(store.path, dropTriggers: false, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 7")
        #expect(try store.verifyAuditChain() == .inconsistent(problem:
            "the append-only trigger audit_log_no_delete is missing or altered: entries could be changed without a trace"))
    }

    @Test("appending writes the audit_log row only: no settings row is rewritten by every writer")
    func noHotHeadRow() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let settingsBefore = try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM settings ORDER BY key") }
        try store.write { db in
            let before = db.totalChangesCount
            try AuditChain.append(AuditRecord(actor: "t", action: "test.append", subject: "x", before: [:], after: [:], reason: ""), at: Fixture.asOf, db)
            // One row changed: the new entry (the old code also upserted the `audit.head` setting: two).
            #expect(db.totalChangesCount - before == 1)
        }
        #expect(try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM settings ORDER BY key") } == settingsBefore)
        #expect(try store.setting("audit.head") == nil)
        #expect(try store.auditHead()?.sequence == Int64(AuditChainTests.entries + 1))
    }

    @Test("dropped or defused append-only triggers are reported")
    func missingTriggers() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir, applications: 40, seed: 3)
        #expect(try store.verifyAuditChain() == .intact(entries: summary.auditEntries))
        try Self.tamper(store.path, dropTriggers: false, "DROP TRIGGER audit_log_no_delete")
        #expect(try store.verifyAuditChain() == .inconsistent(problem:
            "the append-only trigger audit_log_no_delete is missing or altered: entries could be changed without a trace"))
        try Self.tamper(store.path, dropTriggers: false, """
            DROP TRIGGER audit_log_no_update;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;
            """)
        #expect(try store.verifyAuditChain().description.contains("triggers audit_log_no_update and audit_log_no_delete are missing"))
    }

    // MARK: the tables against the log

    /// A decided application's first decisions row with an approved line, from a sample of 150 applications.
    static func approvedRow(_ store: RiskStore) throws -> (id: Int64, app: String, actor: String, line: Int64) {
        let row = try #require(try store.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, application_id, actor, line_fen FROM decisions d
                WHERE line_fen IS NOT NULL AND id = (SELECT MIN(id) FROM decisions WHERE application_id = d.application_id)
                ORDER BY id LIMIT 1
                """)
        })
        return (row["id"], row["application_id"], row["actor"], row["line_fen"])
    }

    @Test("a decisions row with another actor is broken, naming the application and the actors")
    func editedDecisionActor() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 150, seed: 5)
        let row = try Self.approvedRow(store)
        let other = row.actor == "zhao.min" ? "david.lin" : "zhao.min"
        try Self.tamper(store.path, dropTriggers: false, "UPDATE decisions SET actor = ? WHERE id = ?", arguments: [other, row.id])
        #expect(try store.decisions(for: row.app).first?.actor == other, "show would display the forgery")
        let result = try store.verifyAuditChain()
        guard case let .broken(sequence, problem) = result else {
            Issue.record("an edited decisions row passed: \(result)")
            return
        }
        #expect(problem == "decision row \(row.id) of \(row.app) does not match this entry: actor \(other) in the table, \(row.actor) in the audit log (decisions table edited)")
        let entry = try #require(try store.auditTail(count: 10_000).first { $0.sequence == sequence })
        #expect(entry.record.subject == "application:\(row.app)")
        #expect(entry.record.action.hasPrefix("decision.approve"))
    }

    @Test("a decisions row with the line ×10 is broken")
    func editedDecisionLine() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 150, seed: 5)
        let row = try Self.approvedRow(store)
        try Self.tamper(store.path, dropTriggers: false, "UPDATE decisions SET line_fen = line_fen * 10 WHERE id = ?", arguments: [row.id])
        let result = try store.verifyAuditChain()
        #expect(result.description.contains("decision row \(row.id) of \(row.app) does not match this entry: line (fen) \(row.line * 10) in the table, \(row.line) in the audit log"),
                "\(result)")
    }

    @Test("an application whose stage or version was edited is broken")
    func editedApplication() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 150, seed: 5)
        let id = try #require(try store.approvalQueue(filter: QueueFilter(stages: [.manualReview]), limit: 1).rows.first?.application.id)
        try Self.tamper(store.path, dropTriggers: false, "UPDATE applications SET stage = 'compliance', approved_line_fen = requested_line_fen WHERE id = ?",
                        arguments: [id])
        let stage = try store.verifyAuditChain()
        #expect(stage.description.contains("application \(id) is in stage compliance in the applications table, but the audit log last puts it in manual_review"),
                "\(stage)")
        try Self.tamper(store.path, dropTriggers: false, "UPDATE applications SET stage = 'manual_review', version = 3 WHERE id = ?", arguments: [id])
        let version = try store.verifyAuditChain()
        #expect(version.description.contains("application \(id) is at version 3 in the applications table, but the audit log last puts it at 1"),
                "\(version)")
    }

    @Test("an application with no entry in the log, or deleted from the table, is broken")
    func applicationWithoutHistory() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 60, seed: 5)
        try store.write { db in
            var app = Fixture.application("APP-INSERTED", yuan: 800_000)
            app.customerID = try String.fetchOne(db, sql: "SELECT id FROM customers LIMIT 1") ?? ""
            try Rows.insert(app, modelVersion: nil, db)
        }
        #expect(try store.verifyAuditChain() == .inconsistent(problem:
            "application APP-INSERTED has no entry in the audit log, so it cannot be re-created from it (inserted outside riskdesk)"))

        try Self.tamper(store.path, dropTriggers: false, "DELETE FROM applications WHERE id = 'APP-INSERTED'")
        let undecided = try #require(try store.read { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM applications WHERE id NOT IN (SELECT application_id FROM decisions)
                  AND id NOT IN (SELECT application_id FROM accounts WHERE application_id IS NOT NULL) ORDER BY id LIMIT 1
                """)
        })
        // Its quotes go with it, as a forger would have to remove them for the foreign key to let the row go.
        try Self.tamper(store.path, dropTriggers: false, "DELETE FROM quotes WHERE application_id = ?", arguments: [undecided])
        try Self.tamper(store.path, dropTriggers: false, "DELETE FROM applications WHERE id = ?", arguments: [undecided])
        let result = try store.verifyAuditChain()
        #expect(result.description.contains("application \(undecided) is in the audit log but not in the applications table (deleted)"), "\(result)")
    }

    @Test("a deleted or an inserted decisions row is broken")
    func deletedAndInsertedDecisionRows() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 150, seed: 5)
        let row = try Self.approvedRow(store)
        try Self.tamper(store.path, dropTriggers: false, """
            CREATE TABLE keep AS SELECT * FROM decisions WHERE id = \(row.id);
            DELETE FROM decisions WHERE id = \(row.id);
            """)
        let deleted = try store.verifyAuditChain()
        #expect(deleted.description.contains("has no row in the decisions table (deleted)"), "\(deleted)")
        #expect(deleted.description.contains(row.app))

        try Self.tamper(store.path, dropTriggers: false, """
            INSERT INTO decisions SELECT * FROM keep; DROP TABLE keep;
            INSERT INTO decisions (application_id, actor, kind, from_stage, to_stage, note, decided_at)
            VALUES ('\(row.app)', 'zhao.min', 'note', 'compliance', 'compliance', 'approved by phone', 0);
            """)
        let inserted = try store.verifyAuditChain()
        #expect(inserted.description.contains("of \(row.app) (note by zhao.min) has no entry in the audit log (inserted into the decisions table)"),
                "\(inserted)")
    }

    @Test("decisions, claims and notes made through the store keep the tables and the log in step")
    func liveWorkVerifies() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try store.claim(Fixture.small, by: "wang.fang", at: Fixture.asOf)
        try store.addNote(Fixture.small, by: "wang.fang", text: "  called the client\n", at: Fixture.asOf)
        try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approveWithConditions(line: Money(yuan: 400_000),
                                                                                                   leverage: Leverage(hundredths: 150)),
                                        actor: "wang.fang", note: " ok ", expectedVersion: 1), at: Fixture.asOf)
        try store.apply(DecisionRequest(applicationID: Fixture.big, kind: .approve, actor: "zhao.min", expectedVersion: 1),
                        at: Fixture.asOf)
        try store.apply(DecisionRequest(applicationID: Fixture.big, kind: .approve, actor: "david.lin", expectedVersion: 2,
                                        intent: .second), at: Fixture.later)
        #expect(try store.verifyAuditChain() == .intact(entries: Fixture.storeAuditEntries + 5))
        try Self.tamper(store.path, dropTriggers: false, "UPDATE decisions SET note = 'called nobody' WHERE kind = 'note'")
        #expect(try store.verifyAuditChain().description.contains("the note differs from the one in the audit log"))
    }

    @Test("nothing is chained to a malformed last entry, and reading it is an error, not a crash")
    func malformedLastEntry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        try Self.tamper(store.path, "UPDATE audit_log SET hash = X'00FF' WHERE seq = 10")
        let append = storeError { try store.appendAudit(AuditRecord(actor: "zhao.min", action: "test.more", subject: "database")) }
        #expect(append == .database("the last audit entry is malformed, so nothing can be chained to it; run `riskdesk audit verify`"))
        #expect(try store.rowCount("audit_log") == AuditChainTests.entries)
        let tail = storeError { try store.auditTail(count: 1) }
        #expect(tail?.description.contains("audit entry 10 is malformed") == true, "\(String(describing: tail))")
        #expect(try store.verifyAuditChain() == .broken(sequence: 10, problem: "its hash is missing or of the wrong type (edited)"))
    }

    // MARK: login

    @Test("the login is stored, covered by the hash and shown")
    func loginIsCovered() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let entry = try store.appendAudit(AuditRecord(actor: "wang.fang", action: "test.login", subject: "database", login: "wfang"),
                                          at: Fixture.later)
        #expect(entry.encoding == .v2)
        #expect(try store.auditTail(count: 1).first?.record.login == "wfang")
        #expect(try store.verifyAuditChain() == .intact(entries: AuditChainTests.entries + 1))
        try Self.tamper(store.path, "UPDATE audit_log SET login = 'root' WHERE seq = ?", arguments: [entry.sequence])
        #expect(try store.verifyAuditChain() == .broken(sequence: entry.sequence, problem: "its content does not match its hash (edited)"))
    }
}
