import Crypto
import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("audit hash chain")
struct AuditChainTests {
    static let entries = 10

    /// A database with `entries` audit entries, each with a distinct actor, reason and time.
    static func chain(in dir: TempDir) throws -> RiskStore {
        let store = try RiskStore.create(at: dir.path("audit.sqlite"))
        for n in 1...entries {
            try store.appendAudit(AuditRecord(actor: n % 2 == 0 ? "zhao.min" : "wang.fang", action: "test.event",
                                              subject: "application:APP-\(n)", before: ["n": String(n - 1)],
                                              after: ["n": String(n), "note": "第\(n)条"], reason: "entry \(n)"),
                                  at: Fixture.asOf.addingTimeInterval(Double(n) * 60))
        }
        return store
    }

    /// Runs raw SQL with the append-only triggers removed, as someone with the file and sqlite3 could.
    static func tamper(_ store: RiskStore, _ sql: String, arguments: StatementArguments = []) throws {
        try store.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete")
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    @Test func intactChainCountsEveryEntry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        #expect(try store.verifyAuditChain() == .intact(entries: Self.entries))
        #expect(try store.rowCount("audit_log") == Self.entries)
        #expect(AuditVerification.intact(entries: Self.entries).description == "ok: \(Self.entries) entries")
        #expect(try store.auditHead()?.sequence == Int64(Self.entries))

        // The chain is the documented one: hash_n = SHA-256(hash_{n-1} ‖ canonical entry), from 64 zeros.
        let tail = try store.auditTail(count: Self.entries)
        #expect(tail.map(\.sequence) == Array(1...Int64(Self.entries)))
        var previous = String(repeating: "0", count: 64)
        for entry in tail {
            #expect(entry.previousHash == previous)
            let canonical = entry.record.canonicalEncoding(sequence: entry.sequence, timestamp: entry.timestamp)
            let digest = SHA256.hash(data: Data((previous + canonical).utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(entry.hash == digest)
            previous = entry.hash
        }
        #expect(tail.last?.record.reason == "entry \(Self.entries)")
        #expect(tail.last?.record.after["note"] == "第\(Self.entries)条")
        #expect(try store.auditTail(count: 3).map(\.sequence) == [8, 9, 10])
        #expect(try store.auditTail(count: 5, subject: "application:APP-4").map(\.sequence) == [4])
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        let update = storeError { try store.write { db in try db.execute(sql: "UPDATE audit_log SET reason = 'x' WHERE seq = 3") } }
        #expect(update != nil)
        #expect(update?.description.contains("append-only") == true, "\(String(describing: update))")
        let delete = storeError { try store.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq = 3") } }
        #expect(delete != nil)
        #expect(delete?.description.contains("append-only") == true, "\(String(describing: delete))")
        #expect(try store.rowCount("audit_log") == Self.entries)
        #expect(try store.auditTail(count: 20).first { $0.sequence == 3 }?.record.reason == "entry 3")
        #expect(try store.verifyAuditChain() == .intact(entries: Self.entries))
    }

    @Test(arguments: [1, 4, 10])
    func editedEntryIsNamed(k: Int) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        try Self.tamper(store, "UPDATE audit_log SET reason = 'nothing to see here' WHERE seq = ?", arguments: [k])
        let result = try store.verifyAuditChain()
        guard case let .broken(sequence, problem) = result else {
            Issue.record("edit of entry \(k) not detected: \(result)")
            return
        }
        #expect(sequence == Int64(k))
        #expect(problem.contains("edited"))
        #expect(result.description.contains("broken at entry \(k)"))
    }

    @Test func editedBeforeAfterAndActorAreDetected() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for (column, value) in [("after", "{\"n\":\"999\",\"note\":\"第5条\"}"), ("actor", "david.lin"), ("at", "2026-11-27T09:35:00.001Z"),
                                ("before", "not json")] {
            let sub = try TempDir()
            defer { sub.remove() }
            let store = try Self.chain(in: sub)
            try Self.tamper(store, "UPDATE audit_log SET \(column) = ? WHERE seq = 5", arguments: [value])
            let result = try store.verifyAuditChain()
            #expect(result == .broken(sequence: 5, problem: column == "before"
                ? "before/after are not valid JSON (edited)" : "its content does not match its hash (edited)"),
                    "editing \(column)")
        }
    }

    @Test(arguments: [1, 5, 9])
    func deletedMiddleEntryIsNamedByItsSuccessor(k: Int) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        try Self.tamper(store, "DELETE FROM audit_log WHERE seq = ?", arguments: [k])
        let result = try store.verifyAuditChain()
        guard case let .broken(sequence, problem) = result else {
            Issue.record("deletion of entry \(k) not detected: \(result)")
            return
        }
        #expect(sequence == Int64(k + 1))
        #expect(problem.contains("missing"))
        #expect(problem.contains("\(k)"))
    }

    @Test func deletedAndRenumberedEntryIsDetected() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        // Delete entry 4 and close the gap so the sequence numbers look continuous.
        try Self.tamper(store, """
            DELETE FROM audit_log WHERE seq = 4;
            UPDATE audit_log SET seq = -(seq - 1) WHERE seq > 4;
            UPDATE audit_log SET seq = -seq WHERE seq < 0;
            """)
        #expect(try store.rowCount("audit_log") == Self.entries - 1)
        guard case let .broken(sequence, _) = try store.verifyAuditChain() else {
            Issue.record("a deleted and renumbered entry went unnoticed")
            return
        }
        #expect(sequence == 4)
    }

    @Test func forgedEntryWithMadeUpHashIsDetected() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        let k = 6
        let previous = try #require(try store.auditTail(count: 20).first { $0.sequence == Int64(k - 1) }?.hash)
        try Self.tamper(store, """
            UPDATE audit_log SET seq = -(seq + 1) WHERE seq >= \(k);
            UPDATE audit_log SET seq = -seq WHERE seq < 0;
            INSERT INTO audit_log (seq, at, actor, action, subject, before, after, reason, encoding, prev_hash, hash)
            VALUES (\(k), '2026-11-27T09:35:30.000Z', 'zhao.min', 'decision.approve', 'application:APP-X', '{}', '{}', 'forged', 2, ?, ?);
            """, arguments: [previous, String(repeating: "ab", count: 32)])
        #expect(try store.rowCount("audit_log") == Self.entries + 1)
        let result = try store.verifyAuditChain()
        #expect(result == .broken(sequence: Int64(k), problem: "its content does not match its hash (edited)"))
    }

    @Test func forgedEntryWithAValidHashBreaksTheNextLink() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        let k = 6
        let previous = try #require(try store.auditTail(count: 20).first { $0.sequence == Int64(k - 1) }?.hash)
        let forged = AuditRecord(actor: "zhao.min", action: "decision.approve", subject: "application:APP-X", reason: "forged")
        let stamp = "2026-11-27T09:35:30.000Z"
        let hash = AuditChain.hash(previous: previous, canonical: forged.canonicalEncoding(sequence: Int64(k), timestamp: stamp))
        try Self.tamper(store, """
            UPDATE audit_log SET seq = -(seq + 1) WHERE seq >= \(k);
            UPDATE audit_log SET seq = -seq WHERE seq < 0;
            INSERT INTO audit_log (seq, at, actor, action, subject, before, after, reason, encoding, prev_hash, hash)
            VALUES (\(k), ?, 'zhao.min', 'decision.approve', 'application:APP-X', '{}', '{}', 'forged', 2, ?, ?);
            """, arguments: [stamp, previous, hash])
        let result = try store.verifyAuditChain()
        guard case let .broken(sequence, _) = result else {
            Issue.record("a forged entry went unnoticed")
            return
        }
        // Entry k itself is consistent; the moved entry after it no longer is (its number changed, and so did its link).
        #expect(sequence == Int64(k + 1))
    }

    @Test func reorderedContentsAreNamedAtTheFirst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        let k = 3
        try Self.tamper(store, """
            CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (\(k), \(k + 1));
            UPDATE audit_log SET (at, actor, action, subject, before, after, reason) =
              (SELECT at, actor, action, subject, before, after, reason FROM swap
               WHERE swap.seq = CASE audit_log.seq WHEN \(k) THEN \(k + 1) ELSE \(k) END)
            WHERE seq IN (\(k), \(k + 1));
            DROP TABLE swap;
            """)
        #expect(try store.auditTail(count: 20).first { $0.sequence == Int64(k) }?.record.reason == "entry \(k + 1)")
        guard case let .broken(sequence, _) = try store.verifyAuditChain() else {
            Issue.record("swapped contents went unnoticed")
            return
        }
        #expect(sequence == Int64(k))
    }

    @Test func reorderedWholeRowsAreNamedAtTheFirst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        let k = 7
        try Self.tamper(store, """
            UPDATE audit_log SET seq = -1 WHERE seq = \(k);
            UPDATE audit_log SET seq = \(k) WHERE seq = \(k + 1);
            UPDATE audit_log SET seq = \(k + 1) WHERE seq = -1;
            """)
        let result = try store.verifyAuditChain()
        guard case let .broken(sequence, problem) = result else {
            Issue.record("swapped rows went unnoticed")
            return
        }
        #expect(sequence == Int64(k))
        #expect(problem.contains("link"))
    }

    /// The head is the chain's last row: a cut tail is caught by the dropped trigger it needed and by an anchor kept
    /// outside the file (a cut whose trigger was restored too is caught by the anchor only, see
    /// `AuditTamperTests.cutTailFailsTheAnchor`).
    @Test(arguments: [1, 3])
    func truncatedTailIsDetected(removed: Int) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.chain(in: dir)
        let anchor = try store.auditAnchor().get()
        try Self.tamper(store, "DELETE FROM audit_log WHERE seq > ?", arguments: [Self.entries - removed])
        let result = try store.verifyAuditChain(anchor: anchor)
        guard case let .broken(sequence, problem) = result else {
            Issue.record("removing the last \(removed) entries went unnoticed: \(result)")
            return
        }
        #expect(sequence == Int64(Self.entries - removed + 1))
        #expect(problem == "the chain ends at \(Self.entries - removed) but the anchor is entry \(Self.entries) (entries removed from the end)")
        #expect(try store.verifyAuditChain() == .inconsistent(problem: "the append-only triggers audit_log_no_update and audit_log_no_delete are missing or altered: entries could be changed without a trace"))
    }

    @Test func chainContinuesAfterReopen() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("audit.sqlite")
        do { _ = try Self.chain(in: dir) }
        let store = try RiskStore.open(at: path)
        let entry = try store.appendAudit(AuditRecord(actor: "zhao.min", action: "test.more", subject: "database"),
                                          at: Fixture.later)
        #expect(entry.sequence == Int64(Self.entries + 1))
        #expect(try store.verifyAuditChain() == .intact(entries: Self.entries + 1))
        #expect(try RiskStore.open(at: path, readOnly: true).verifyAuditChain() == .intact(entries: Self.entries + 1))
    }
}
