import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Databases written before encoding 2: they keep verifying, before and after the migration, while new entries
/// use encoding 2, and the file cannot be relabelled to bring the old ambiguity back.
@Suite("audit encoding 2 migration", .serialized)
struct AuditMigrationTests {
    /// The records of the old database; the second is one half of the collision from issue 6.
    static let oldRecords = [
        AuditRecord(actor: "seed", action: "database.seed", subject: "database", after: ["seed": "1"], reason: "old sample"),
        AuditRecord(actor: "x|\u{301}y", action: "\u{301}a", subject: "database"),
        AuditRecord(actor: "wang.fang", action: "test.event", subject: "database", before: ["k": "a;b"], after: ["k": "c=d"],
                    reason: "line one\nline two"),
    ]

    /// A schema-1 database as the old code wrote it: the v1 SQL only, encoding-1 hashes, no encoding or login column.
    static func version1Database(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
        var migrator = DatabaseMigrator()
        migrator.registerMigration(Schema.migrations[0].name, migrate: Schema.migrations[0].migrate)
        try migrator.migrate(queue)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 1") }
        try queue.write { db in
            var previous = AuditChain.genesis
            for (index, record) in oldRecords.enumerated() {
                let sequence = Int64(index + 1)
                let stamp = AuditChain.timestamp(Fixture.asOf.addingTimeInterval(Double(index) * 60))
                let hash = AuditChain.hash(previous: previous, canonical: record.canonicalEncoding(sequence: sequence, timestamp: stamp,
                                                                                                  encoding: .v1))
                try db.execute(sql: """
                    INSERT INTO audit_log (seq, at, actor, action, subject, before, after, reason, prev_hash, hash)
                    VALUES (?,?,?,?,?,?,?,?,?,?)
                    """, arguments: [sequence, stamp, record.actor, record.action, record.subject, AuditChain.json(record.before),
                                     AuditChain.json(record.after), record.reason, previous, hash])
                previous = hash
            }
            try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('audit.head', ?, 0, 'system')",
                           arguments: ["\(oldRecords.count):\(previous)"])
        }
        try queue.close()
    }

    @Test("an old database verifies read-only, migrates, keeps verifying, and appends encoding-2 entries")
    func oldDatabaseKeepsVerifying() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("old.sqlite")
        try Self.version1Database(at: path)

        // Read-only opening does not migrate: verification reads the old columns.
        let readOnly = try RiskStore.open(at: path, readOnly: true, auditOnly: true)
        #expect(try readOnly.schemaVersion() == 1)
        #expect(try readOnly.verifyAuditChain() == .intact(entries: 3))
        #expect(try readOnly.auditTail(count: 5).map(\.encoding) == [.v1, .v1, .v1])

        let store = try RiskStore.open(at: path)
        #expect(try store.schemaVersion() == Schema.version)
        #expect(try store.verifyAuditChain() == .intact(entries: 3))
        let migrated = try store.auditTail(count: 5)
        #expect(migrated.map(\.encoding) == [.v1, .v1, .v1])
        #expect(migrated.map(\.record) == Self.oldRecords)
        let anchor = try #require(try store.auditAnchor().get())

        let newer = try store.appendAudit(AuditRecord(actor: "zhao.min", action: "test.new", subject: "database", login: "zmin"),
                                          at: Fixture.later)
        #expect(newer.sequence == 4)
        #expect(newer.encoding == .v2)
        try store.appendAudit(Self.oldRecords[1], at: Fixture.later)
        #expect(try store.verifyAuditChain(anchor: anchor) == .intact(entries: 5))
        #expect(try RiskStore.open(at: path, readOnly: true, auditOnly: true).verifyAuditChain() == .intact(entries: 5))
        let stored = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT seq, encoding, login FROM audit_log ORDER BY seq").map { "\($0["seq"] as Int64):\($0["encoding"] as Int):\($0["login"] as String)" }
        }
        // An entry whose record names no login gets the login of the process that opened the store.
        #expect(stored == ["1:1:", "2:1:", "3:1:", "4:2:zmin", "5:2:\(SystemLogin.current())"])
    }

    /// The old file, migrated, with entries 4 and 5 in encoding 2; entry 5 is the first half of the collision.
    static func migratedWithTwoNewEntries(_ dir: TempDir) throws -> RiskStore {
        let path = dir.path("old.sqlite")
        try version1Database(at: path)
        let store = try RiskStore.open(at: path)
        try store.appendAudit(AuditRecord(actor: "zhao.min", action: "test.new", subject: "database"), at: Fixture.later)
        try store.appendAudit(oldRecords[1], at: Fixture.later)
        return store
    }

    @Test("the colliding rewrite that encoding 1 cannot see is caught in an encoding-2 entry")
    func collisionRewriteIsCaught() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.migratedWithTwoNewEntries(dir)
        // actor "x|\u{301}y" + action "\u{301}a" rewritten as actor "x" + action "\u{301}y|\u{301}a": the same v1 text.
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET actor = 'x', action = ? WHERE seq = 5", arguments: ["\u{301}y|\u{301}a"])
        #expect(try store.verifyAuditChain() == .broken(sequence: 5, problem: "its content does not match its hash (edited)"))
        // Relabelling it as encoding 1 as well does not help: no encoding-2 text is an encoding-1 text.
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 1 WHERE seq = 5")
        #expect(try store.verifyAuditChain() == .broken(sequence: 5, problem: "it claims encoding 1 after entry 4 switched to encoding 2 (relabelled to exploit the old encoding)"))
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 1 WHERE seq = 4")
        let relabelled = try store.verifyAuditChain()
        // Entry 4 was written by this process, so it carries its login, which encoding 1 cannot have.
        #expect(relabelled == .broken(sequence: 4, problem: "it has a login, which encoding 1 does not cover (edited)"), "\(relabelled)")
    }

    @Test("an entry relabelled as encoding 1 after the switch, or with an unknown encoding, is refused")
    func downgradeIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.migratedWithTwoNewEntries(dir)
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 1 WHERE seq = 5")
        #expect(try store.verifyAuditChain() == .broken(sequence: 5, problem: "it claims encoding 1 after entry 4 switched to encoding 2 (relabelled to exploit the old encoding)"))
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 3 WHERE seq = 5")
        #expect(try store.verifyAuditChain() == .broken(sequence: 5, problem: "its encoding is not one riskdesk knows (edited)"))
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 2 WHERE seq = 5; UPDATE audit_log SET encoding = 2 WHERE seq = 2")
        #expect(try store.verifyAuditChain() == .broken(sequence: 2, problem: "its content does not match its hash (edited)"))
    }

    @Test("a login added to an encoding-1 entry is refused: encoding 1 does not cover it")
    func loginOnAnOldEntry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.migratedWithTwoNewEntries(dir)
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET login = 'root' WHERE seq = 3")
        #expect(try store.verifyAuditChain() == .broken(sequence: 3, problem: "it has a login, which encoding 1 does not cover (edited)"))
        #expect(try store.auditTail(count: 5).first { $0.sequence == 3 }?.record.login == "root")
    }

    @Test("a text where a number belongs is reported, not a crash")
    func malformedColumn() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.migratedWithTwoNewEntries(dir)
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 'two' WHERE seq = 4")
        #expect(try store.verifyAuditChain() == .broken(sequence: 4, problem: "its encoding is not one riskdesk knows (edited)"))
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET encoding = 2, actor = X'00FF' WHERE seq = 4")
        #expect(try store.verifyAuditChain() == .broken(sequence: 4, problem: "its actor is missing or of the wrong type (edited)"))
    }

    /// An old database with applications the log cannot replay: one never decided (no entry at all), one the old
    /// generator approved without recording the leverage, and one activated after approval without an entry.
    static func version1DatabaseWithApplications(at path: String) throws {
        try version1Database(at: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO customers (id, name, national_id, phone, segment, suitability, kyc_status, kyc_expiry, aml_status,
                  tenure_months, annual_turnover, avg_holding_days, largest_position_share, margin_calls_12m, max_dpd,
                  securities_assets_fen, liabilities_fen, lifetime_value_fen)
                VALUES ('C1', '张伟', '110101199003074518', '13812342210', 'retail', 4, 'valid', 0, 'clear', 36, 5, 30, 0.25, 0, 0,
                        1000000000, 0, 2000000);
                INSERT INTO applications (id, customer_id, requested_line_fen, requested_leverage, term_months, channel, stage,
                  submitted_at, sla_due, version, priority_key, approved_line_fen, approved_leverage)
                VALUES ('APP-A', 'C1', 50000000, 200, 6, 'online', 'manual_review', 0, 86400, 1, 'a', NULL, NULL),
                       ('APP-B', 'C1', 50000000, 200, 6, 'online', 'compliance', 0, 86400, 2, 'b', 50000000, 200),
                       ('APP-C', 'C1', 50000000, 200, 6, 'online', 'active', 0, 86400, 2, 'c', 50000000, 200);
                INSERT INTO decisions (application_id, actor, kind, from_stage, to_stage, line_fen, leverage, note, decided_at)
                VALUES ('APP-B', 'wang.fang', 'approve', 'manual_review', 'compliance', 50000000, 200, '', 0),
                       ('APP-C', 'li.na', 'approve', 'manual_review', 'compliance', 50000000, 200, '', 0);
                """)
            let last = try #require(try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
            var previous: String = last["hash"]
            var sequence: Int64 = last["seq"]
            for (actor, id) in [("wang.fang", "APP-B"), ("li.na", "APP-C")] {
                sequence += 1
                let record = AuditRecord(actor: actor, action: "decision.approve", subject: "application:\(id)",
                                         before: ["stage": "manual_review", "version": "1"],
                                         after: ["stage": "compliance", "version": "2", "line": "50000000"])
                let stamp = AuditChain.timestamp(Fixture.asOf.addingTimeInterval(Double(sequence) * 60))
                let hash = AuditChain.hash(previous: previous, canonical: record.canonicalEncoding(sequence: sequence, timestamp: stamp,
                                                                                                  encoding: .v1))
                try db.execute(sql: """
                    INSERT INTO audit_log (seq, at, actor, action, subject, before, after, reason, prev_hash, hash)
                    VALUES (?,?,?,?,?,?,?,?,?,?)
                    """, arguments: [sequence, stamp, record.actor, record.action, record.subject, AuditChain.json(record.before),
                                     AuditChain.json(record.after), record.reason, previous, hash])
                previous = hash
            }
            try db.execute(sql: "UPDATE settings SET value = ? WHERE key = 'audit.head'", arguments: ["\(sequence):\(previous)"])
        }
        try queue.close()
    }

    @Test("the migration records a baseline for each application the old log cannot replay, and no more")
    func baselinesForOldApplications() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("old-apps.sqlite")
        try Self.version1DatabaseWithApplications(at: path)

        // Unmigrated, the log cannot re-create APP-A: read-only verification says so.
        #expect(try RiskStore.open(at: path, readOnly: true, auditOnly: true).verifyAuditChain() == .inconsistent(problem:
            "application APP-A has no entry in the audit log, so it cannot be re-created from it (inserted outside riskdesk)"))

        let store = try RiskStore.open(at: path)
        #expect(try store.verifyAuditChain() == .intact(entries: 7))
        let baselines = try store.auditTail(count: 2)
        #expect(baselines.map(\.record.subject) == ["application:APP-A", "application:APP-C"])
        #expect(baselines.map(\.record.action) == ["application.baseline", "application.baseline"])
        #expect(baselines.map(\.encoding) == [.v2, .v2])
        #expect(baselines[0].record.before.isEmpty)
        #expect(baselines[0].record.after == ["stage": "manual_review", "version": "1"])
        #expect(baselines[1].record.before == ["stage": "compliance", "version": "2"])
        #expect(baselines[1].record.after == ["stage": "active", "version": "2"])
        // The head is the last row; the old files' hot `audit.head` row is gone after migrating (v11b-audit-head).
        #expect(try store.auditHead()?.sequence == 7)
        #expect(try store.setting("audit.head") == nil)

        // Reopening migrates nothing twice.
        #expect(try RiskStore.open(at: path).verifyAuditChain() == .intact(entries: 7))

        // The old approval's unrecorded leverage is not compared; its actor and line still are.
        try AuditTamperTests.tamper(path, dropTriggers: false, "UPDATE decisions SET line_fen = 500000000 WHERE application_id = 'APP-B'")
        #expect(try store.verifyAuditChain().description.contains("line (fen) 500000000 in the table, 50000000 in the audit log"))
    }
}
