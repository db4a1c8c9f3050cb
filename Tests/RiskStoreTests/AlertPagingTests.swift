import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The alerts pane pages open alerts by keyset (critical first, oldest first, then id), never OFFSET.
@Suite("Alert keyset paging")
struct AlertPagingTests {
    /// 1,203 alerts: 1,032 listed (open, acknowledged or escalated), 171 resolved; many share an opening time.
    static func populate(_ store: RiskStore) throws {
        let severities = ["critical", "warning", "info"]
        let states = ["open", "open", "open", "acknowledged", "escalated", "open", "resolved"]
        try store.write { db in
            for i in 0..<1_203 {
                // Every fifth alert shares its opening time with the one before it, so the id breaks the tie.
                let opened = Fixture.asOf.timeIntervalSince1970 - Double((i / 5) * 60) - 0.25
                try db.execute(sql: """
                    INSERT INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at)
                    VALUES ('margin.warning', ?, ?, 'generated', ?, ?, ?)
                    """, arguments: [severities[(i * 7) % 3], "account:A\(i)", "k\(i)", states[i % states.count], opened])
            }
        }
    }

    /// Every listed alert in the pane's order, as one plain query computes it.
    static func expectedOrder(_ store: RiskStore) throws -> [Int64] {
        try store.openAlerts(limit: 100_000).map(\.id)
    }

    @Test("pages of 50 forward, then backward from the last page, visit every listed alert once, in order")
    func pagesCoverEveryAlert() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try Self.populate(store)
        let expected = try Self.expectedOrder(store)
        #expect(expected.count == 1_032)
        #expect(try store.openAlertCounts().values.reduce(0, +) == 1_032)

        var forward: [AlertRow] = []
        var key: AlertKey?
        while true {
            let page = try store.openAlerts(after: key, limit: 50)
            if page.isEmpty { break }
            forward += page
            key = page.last?.key
        }
        #expect(forward.map(\.alert.id) == expected)
        #expect(forward.map(\.key) == forward.map(\.key).sorted(), "keys ascend")
        #expect(forward.first?.alert.severity == .critical && forward.last?.alert.severity == .info)

        let last = try store.openAlertsLastPage(limit: 50)
        #expect(last.map(\.alert.id) == Array(expected.suffix(50)))
        var backward = last
        while let first = backward.first {
            let page = try store.openAlerts(before: first.key, limit: 50)
            if page.isEmpty { break }
            backward = page + backward
        }
        #expect(backward.map(\.alert.id) == expected)

        // Including the key starts the page at it; the position is the number of alerts before it.
        let middle = forward[517]
        #expect(try store.openAlerts(after: middle.key, including: true, limit: 3).map(\.alert.id) == Array(expected[517..<520]))
        #expect(try store.openAlertPosition(of: middle.key) == 517)
        #expect(try store.openAlertPosition(of: forward[0].key) == 0)
    }

    @Test("the keyset queries search the alerts_open_order index: no OFFSET, no full scan, only a page is ever sorted")
    func servedByIndex() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try Self.populate(store)
        // The store's own SQL for each move: after / from a key, before it, the first page, the last page.
        // Each branch (listed alerts, expired snoozes) is an index search; only the merge of two pages is sorted.
        let key = AlertKey(rank: 1, openedAt: 0, id: 0)
        let shapes: [(String?, Bool)] = [(">", false), (">=", false), ("<", true), (nil, false), (nil, true)]
        let plans = try store.read { db in
            try shapes.map { comparison, descending in
                let (sql, arguments) = try RiskStore.AlertListing(db, filter: .none, now: Fixture.later)
                    .pageSQL(comparison: comparison, key: comparison == nil ? nil : key, descending: descending, limit: 20)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: " | ")
            }
        }
        for plan in plans {
            #expect(plan.contains("SEARCH alerts USING INDEX alerts_open_order"), "plan: \(plan)")
            // The expired snoozes: by their end among the snoozed alerts (v15-counts), not every snoozed alert.
            #expect(plan.contains("SEARCH alerts USING INDEX alerts_snooze_end (state=? AND <expr><?)"), "plan: \(plan)")
            #expect(!plan.contains("SCAN alerts"), "plan: \(plan)")
            #expect(!plan.contains("RIGHT PART OF ORDER BY"), "plan: \(plan)")
        }
        let count = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM alerts WHERE open_rank IS NOT NULL AND (open_rank, opened_at, id) < (?, ?, ?)",
                             arguments: [1, 0.0, 0]).map { $0["detail"] as String }.joined(separator: " | ")
        }
        #expect(count.contains("SEARCH alerts USING INDEX alerts_open_order"), "plan: \(count)")
        #expect(try store.read { db in try RiskStore.openRank(db) } == "open_rank")
    }

    @Test("a database from before the index migrates on open; read-only before migrating it still pages, in the same order")
    func oldDatabaseMigrates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("old.sqlite")
        do {
            let store = try RiskStore.create(at: path)
            try Self.populate(store)
        }
        // Undo this migration, as if the file had been written by the binary before it (and the lifecycle's, whose
        // indexes use open_rank: a file without v7 predates it).
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            // v15-counts comes later and its triggers read the lifecycle's columns: a file before v10 has none of it.
            for trigger in MigrationCounts.triggerNames { try db.execute(sql: "DROP TRIGGER \(trigger)") }
            try db.execute(sql: "DROP TABLE queue_counts; DROP TABLE alert_counts; DROP INDEX change_log_kind; DROP INDEX alerts_snooze_end")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v15-counts'")
            for index in ["alerts_open_assignee", "alerts_open_calls"] { try db.execute(sql: "DROP INDEX \(index)") }
            for column in ["version", "assignee", "assigned_by", "assigned_at", "escalated_by", "escalated_at", "escalation_reason",
                           "snoozed_by", "resolution_note"] {
                try db.execute(sql: "ALTER TABLE alerts DROP COLUMN \(column)")
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v10-alert-lifecycle'")
            try db.execute(sql: "DROP INDEX alerts_open_order")
            try db.execute(sql: "ALTER TABLE alerts DROP COLUMN open_rank")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7-alert-order'")
            try db.execute(sql: "PRAGMA user_version = \(Schema.version - 1)")
        }
        try queue.close()

        let readOnly = try RiskStore.open(at: path, readOnly: true)
        #expect(try readOnly.read { db in try RiskStore.openRank(db) } == RiskStore.openRankExpression)
        let unmigrated = try readOnly.openAlerts(after: nil, limit: 2_000).map(\.alert.id)
        #expect(unmigrated.count == 1_032)
        // Before the lifecycle columns nobody is assigned anything: mine is empty, unassigned is everything.
        #expect(try readOnly.openAlerts(after: nil, limit: 2_000, filter: AlertFilter(assignment: .user("wang.fang"))).isEmpty)
        #expect(try readOnly.openAlerts(after: nil, limit: 2_000, filter: AlertFilter(assignment: .nobody)).map(\.alert.id) == unmigrated)
        #expect(try readOnly.openAlerts(after: nil, limit: 2_000).allSatisfy { $0.alert.version == 1 && $0.alert.assignee == nil })

        let store = try RiskStore.open(at: path)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == Schema.version)
        #expect(try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'alerts_open_order'")
        } == true)
        #expect(try store.openAlerts(after: nil, limit: 2_000).map(\.alert.id) == unmigrated)
        #expect(unmigrated == (try Self.expectedOrder(store)))
    }
}
