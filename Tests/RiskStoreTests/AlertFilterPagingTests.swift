import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The alerts pane's filters (mine, unassigned, critical, calls) on the keyset queries: each pages forward and
/// back through exactly the alerts it matches, in the pane's order, by index searches.
@Suite("alert filters with keyset paging")
struct AlertFilterPagingTests {
    static let now = Fixture.later
    static let rules = ["margin.warning", "margin.closeout", "aml.structuring", "volatility.limit_down", "kyc.expiring"]
    static let assignees: [String?] = [nil, "wang.fang", nil, "li.na", "zhao.min"]

    /// 600 alerts: rules, severities and assignees cycle at co-prime periods; every 7th is snoozed — half of those
    /// expired at `now` — and every 11th resolved.
    static func populate(_ store: RiskStore) throws {
        let severities = ["critical", "warning", "info"]
        try store.write { db in
            for i in 0..<600 {
                let opened = Fixture.asOf.timeIntervalSince1970 - Double((i / 4) * 60)
                var state = "open"
                var until: Double?
                if i % 7 == 0 {
                    state = "snoozed"
                    until = now.timeIntervalSince1970 + (i % 2 == 0 ? -60 : 3_600)
                } else if i % 11 == 0 {
                    state = "resolved"
                } else if i % 5 == 3 {
                    state = "acknowledged"
                }
                try db.execute(sql: """
                    INSERT INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at, assignee, snoozed_until)
                    VALUES (?, ?, ?, 'generated', ?, ?, ?, ?, ?)
                    """, arguments: [rules[i % 5], severities[i % 3], "account:A\(i)", "k\(i)", state, opened, assignees[(i / 5) % 5], until])
            }
        }
    }

    /// What the pane lists under `filter`, computed without the store's listing SQL.
    static func expected(_ store: RiskStore, _ filter: AlertFilter) throws -> [Int64] {
        try store.openAlerts(limit: 100_000, now: now)
            .filter { filter.matches(severity: $0.severity, rule: $0.rule, assignee: $0.assignee) }
            .map(\.id)
    }

    static let filters: [AlertFilter] = [
        .none, AlertFilter(assignment: .user("wang.fang")), AlertFilter(assignment: .nobody), AlertFilter(criticalOnly: true),
        AlertFilter(callsOnly: true), AlertFilter(assignment: .user("li.na"), criticalOnly: true),
        AlertFilter(assignment: .nobody, callsOnly: true), AlertFilter(criticalOnly: true, callsOnly: true),
    ]

    @Test("each filter pages forward by 17 and back from its last page through exactly its alerts; counts and positions agree")
    func pagesEachFilter() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try Self.populate(store)
        // 600 alerts: 86 snoozed (every 7th), 43 of them expired; 47 resolved (every 11th not snoozed).
        // Listed: 600 - 86 - 47 + 43 = 510.
        #expect(try Self.expected(store, .none).count == 510)
        for filter in Self.filters {
            let expected = try Self.expected(store, filter)
            #expect(!expected.isEmpty, "\(filter.label)")
            var forward: [AlertRow] = []
            var key: AlertKey?
            while true {
                let page = try store.openAlerts(after: key, limit: 17, filter: filter, now: Self.now)
                if page.isEmpty { break }
                forward += page
                key = page.last?.key
            }
            #expect(forward.map(\.alert.id) == expected, "forward, \(filter.label)")
            var backward = try store.openAlertsLastPage(limit: 17, filter: filter, now: Self.now)
            while let first = backward.first {
                let page = try store.openAlerts(before: first.key, limit: 17, filter: filter, now: Self.now)
                if page.isEmpty { break }
                backward = page + backward
            }
            #expect(backward.map(\.alert.id) == expected, "backward, \(filter.label)")
            #expect(try store.openAlertCounts(filter: filter, now: Self.now).values.reduce(0, +) == expected.count, "\(filter.label)")
            let middle = forward[forward.count / 2]
            #expect(try store.openAlertPosition(of: middle.key, filter: filter, now: Self.now) == forward.count / 2, "\(filter.label)")
        }
        // Hand-checked figures: wang.fang holds the alerts with (i / 5) % 5 == 1, i.e. 5 of every 25.
        let mine = try Self.expected(store, AlertFilter(assignment: .user("wang.fang")))
        #expect(mine.count == 102)
        #expect(try store.openAlerts(after: nil, limit: 1_000, filter: AlertFilter(assignment: .user("nobody")), now: Self.now).isEmpty)
    }

    @Test("every filtered page is an index search: assignee index for mine/unassigned, the calls index, the open-order index")
    func plansUseIndexes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try Self.populate(store)
        let key = AlertKey(rank: 1, openedAt: 0, id: 0)
        let cases: [(AlertFilter, String)] = [
            (.none, "alerts_open_order"), (AlertFilter(criticalOnly: true), "alerts_open_order"),
            (AlertFilter(assignment: .user("wang.fang")), "alerts_open_assignee"), (AlertFilter(assignment: .nobody), "alerts_open_assignee"),
            (AlertFilter(assignment: .user("li.na"), criticalOnly: true), "alerts_open_assignee"),
            (AlertFilter(callsOnly: true), "alerts_open_calls"),
        ]
        for (filter, index) in cases {
            for (comparison, descending) in [(">", false), (">=", false), ("<", true), (nil, false), (nil, true)] as [(String?, Bool)] {
                let plan = try store.read { db in
                    let (sql, arguments) = try RiskStore.AlertListing(db, filter: filter, now: Self.now)
                        .pageSQL(comparison: comparison, key: comparison == nil ? nil : key, descending: descending, limit: 20)
                    return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                        .map { $0["detail"] as String }.joined(separator: " | ")
                }
                #expect(plan.contains("SEARCH alerts USING INDEX \(index)"), "\(filter.label) \(String(describing: comparison)): \(plan)")
                #expect(plan.contains("SEARCH alerts USING INDEX alerts_snooze_end (state=? AND <expr><?)"), "\(filter.label): \(plan)")
                #expect(!plan.contains("SCAN alerts"), "\(filter.label): \(plan)")
                #expect(!plan.contains("RIGHT PART OF ORDER BY"), "\(filter.label): \(plan)")
            }
            let position = try store.read { db in
                let (sql, arguments) = try RiskStore.AlertListing(db, filter: filter, now: Self.now).positionSQL(key)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: " | ")
            }
            #expect(position.contains("SEARCH alerts USING INDEX \(index)"), "\(filter.label): \(position)")
            #expect(!position.contains("SCAN alerts"), "\(filter.label): \(position)")
        }
    }
}
