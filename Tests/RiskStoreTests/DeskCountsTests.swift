import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The counts the writes maintain (`queue_counts`, `alert_counts`) against `COUNT(*)` over the base tables.
@Suite("Maintained counts")
struct DeskCountsTests {
    /// Applications per "stage|grade" by `COUNT(*)`, and as `queue_counts` holds them (zero rows left out).
    static func queueCounts(_ store: RiskStore) throws -> (counted: [String: Int], maintained: [String: Int]) {
        try store.read { db in
            var counted: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, IFNULL(grade, '') AS g, COUNT(*) AS n FROM applications GROUP BY 1, 2") {
                counted["\(row["stage"] as String)|\(row["g"] as String)"] = row["n"]
            }
            var maintained: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, grade, n FROM queue_counts WHERE n <> 0") {
                maintained["\(row["stage"] as String)|\(row["grade"] as String)"] = row["n"]
            }
            return (counted, maintained)
        }
    }

    /// Alerts per "state|severity|assignee|calls" by `COUNT(*)`, and as `alert_counts` holds them.
    static func alertCounts(_ store: RiskStore) throws -> (counted: [String: Int], maintained: [String: Int]) {
        try store.read { db in
            var counted: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT state, severity, IFNULL(assignee, '') AS a, rule IN ('margin.warning','margin.closeout') AS c, COUNT(*) AS n
                FROM alerts GROUP BY 1, 2, 3, 4
                """) {
                counted["\(row["state"] as String)|\(row["severity"] as String)|\(row["a"] as String)|\(row["c"] as Int)"] = row["n"]
            }
            var maintained: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, severity, assignee, calls, n FROM alert_counts WHERE n <> 0") {
                maintained["\(row["state"] as String)|\(row["severity"] as String)|\(row["assignee"] as String)|\(row["calls"] as Int)"] = row["n"]
            }
            return (counted, maintained)
        }
    }

    /// The listed alerts by severity counted the pre-`v15-counts` way (a `COUNT(*)` over `alerts`).
    static func countedAlerts(_ store: RiskStore, filter: AlertFilter, now: Date) throws -> [Severity: Int] {
        try store.read { db in
            let (sql, arguments) = try RiskStore.AlertListing(db, filter: filter, now: now).countsSQL()
            var counts: [Severity: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                counts[try #require(Severity(rawValue: row["severity"]))] = row["n"]
            }
            return counts
        }
    }

    /// The queue's filters the console uses that the counts answer.
    static let queueFilters: [QueueFilter] = [
        QueueFilter(), QueueFilter(stages: [.manualReview]), QueueFilter(grades: [.e]), QueueFilter(grades: [.a, .b]),
        QueueFilter(stages: [.escalated, .awaitingSecondApproval], grades: [.d, .e]), QueueFilter(stages: [.rejected]),
    ]

    static func alertFilters(user: String) -> [AlertFilter] {
        [.none, AlertFilter(assignment: .user(user)), AlertFilter(assignment: .nobody), AlertFilter(criticalOnly: true),
         AlertFilter(callsOnly: true), AlertFilter(assignment: .nobody, criticalOnly: true)]
    }

    /// Every maintained count equals the count over the base tables, for the tables and for each filter's answer.
    static func expectCountsAgree(_ store: RiskStore, at now: Date, step: Int,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let queue = try queueCounts(store)
        #expect(queue.maintained == queue.counted, "queue counts after step \(step)", sourceLocation: sourceLocation)
        let alerts = try alertCounts(store)
        #expect(alerts.maintained == alerts.counted, "alert counts after step \(step)", sourceLocation: sourceLocation)
        for filter in queueFilters {
            let counted = try store.read { db in
                try filter.effectiveStages.reduce(0) { total, stage in
                    var sql = "SELECT COUNT(*) FROM applications WHERE stage = ?"
                    var arguments: StatementArguments = [stage.rawValue]
                    if !filter.grades.isEmpty {
                        sql += " AND grade IN (\(filter.grades.map { _ in "?" }.joined(separator: ",")))"
                        arguments += StatementArguments(filter.grades.map(\.rawValue))
                    }
                    return total + (try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0)
                }
            }
            #expect(try store.maintainedQueueCount(filter: filter) == counted, "queue \(filter) after step \(step)",
                    sourceLocation: sourceLocation)
        }
        for filter in alertFilters(user: "wang.fang") {
            #expect(try store.openAlertCounts(filter: filter, now: now) == countedAlerts(store, filter: filter, now: now),
                    "alerts \(filter) after step \(step)", sourceLocation: sourceLocation)
        }
    }

    @Test func theMigrationFillsTheCountsOfExistingRows() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir)
        let queue = try Self.queueCounts(store)
        #expect(queue.counted.values.reduce(0, +) == summary.applications)
        #expect(queue.maintained == queue.counted)
        // A rebuild from scratch (what a bulk load runs) gives the same figures.
        try store.write { db in
            try db.execute(sql: "DELETE FROM queue_counts; DELETE FROM alert_counts")
            for rebuilder in DerivedData.rebuilders { try rebuilder.rebuild(db) }
        }
        #expect(try Self.queueCounts(store).maintained == queue.counted)
        let alerts = try Self.alertCounts(store)
        #expect(alerts.maintained == alerts.counted)
        #expect(alerts.counted.values.reduce(0, +) == (try store.rowCount("alerts")))
    }

    @Test func countsFollowARandomSequenceOfWrites() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 120, seed: 5)
        var random = MarketRandom(seed: 2026)
        var now = Fixture.asOf
        let users = ["wang.fang", "zhao.min", "li.na"]
        let stages = Stage.allCases
        let grades: [String?] = Grade.allCases.map(\.rawValue) + [nil]
        let severities = ["info", "warning", "critical"]
        let rules = [AlertRule.marginWarning, .marginCloseOut, .limitDown, .kycExpired, .slaBreach]
        var inserted = 0
        for step in 0..<600 {
            now = now.addingTimeInterval(Double(random.int(1...900)))
            let appIDs = try store.read { db in try String.fetchAll(db, sql: "SELECT id FROM applications ORDER BY id") }
            let alertIDs = try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM alerts ORDER BY id") }
            let app = appIDs[random.index(appIDs.count)]
            let alert = alertIDs.isEmpty ? nil : alertIDs[random.index(alertIDs.count)]
            let user = users[random.index(users.count)]
            // Refusals (a stage that does not take the decision, a stale alert) are part of the sequence: they write nothing.
            switch random.index(14) {
            case 0:
                let version = try store.application(app)?.version ?? 1
                let kinds: [DecisionKind] = [.approve, .reject(ReasonCode.rejectionReasons[0]), .requestInfo, .escalate]
                _ = try? store.apply(DecisionRequest(applicationID: app, kind: kinds[random.index(kinds.count)], actor: "zhao.min",
                                                     expectedVersion: version), at: now)
            case 1:
                _ = try? store.claim(app, by: user, at: now)
            case 2:
                let rule = rules[random.index(rules.count)]
                _ = try store.raise(AlertCandidate(rule: rule, severity: Severity.allCases[random.index(3)],
                                                   subject: "account:T\(random.index(30))", message: "step \(step)"), at: now)
            case 3:
                if let alert { _ = try? store.acknowledgeAlert(alert, by: user, at: now) }
            case 4:
                if let alert { _ = try? store.resolveAlert(alert, disposition: .falsePositive, by: user, at: now) }
            case 5:
                if let alert { _ = try? store.snoozeAlert(alert, until: now.addingTimeInterval(Double(random.int(60...7_200))), by: user, at: now) }
            case 6:
                if let alert { _ = try? store.escalateAlert(alert, reason: "step \(step)", by: user, at: now) }
            case 7:
                if let alert { _ = try? store.assignAlert(alert, to: random.chance(0.5) ? user : nil, by: "zhao.min", at: now) }
            case 8:
                _ = try? store.reopenExpiredSnoozes(at: now)
            case 9:
                try store.write { db in
                    try db.execute(sql: "UPDATE applications SET stage = ?, grade = ? WHERE id = ?",
                                   arguments: [stages[random.index(stages.count)].rawValue, grades[random.index(grades.count)], app])
                }
            case 10:
                inserted += 1
                var fresh = Fixture.application("APP-T\(inserted)", yuan: Int64(random.int(1...90)) * 100_000,
                                                stage: stages[random.index(stages.count)], grade: Grade.allCases.randomElement(using: &random),
                                                customerID: try #require(try store.application(app)).customerID)
                if random.chance(0.2) { fresh.grade = nil }
                try store.write { db in try Rows.insert(fresh, modelVersion: nil, db) }
            case 11:
                // Applications nothing else refers to can go.
                try store.write { db in
                    try db.execute(sql: """
                        DELETE FROM applications WHERE id = ? AND NOT EXISTS (SELECT 1 FROM decisions WHERE application_id = ?)
                          AND NOT EXISTS (SELECT 1 FROM quotes WHERE application_id = ?)
                        """, arguments: [app, app, app])
                }
            case 12:
                // A reopened alert whose (subject, rule) is open again is refused by `alerts_one_open`: nothing written.
                if let alert {
                    _ = try? store.write { db in
                        try db.execute(sql: "UPDATE alerts SET severity = ?, rule = ?, state = ?, assignee = ? WHERE id = ?", arguments: [
                            severities[random.index(3)], rules[random.index(rules.count)].rawValue,
                            ["open", "acknowledged", "escalated", "snoozed", "resolved"][random.index(5)],
                            random.chance(0.5) ? users[random.index(users.count)] : nil, alert])
                    }
                }
            default:
                if let alert { try store.write { db in try db.execute(sql: "DELETE FROM alerts WHERE id = ?", arguments: [alert]) } }
            }
            if step % 50 == 49 { try Self.expectCountsAgree(store, at: now, step: step) }
        }
        try Self.expectCountsAgree(store, at: now, step: 600)
        // The sequence did reach every kind of row the counts keep apart.
        let alerts = try Self.alertCounts(store).counted.keys
        #expect(Set(alerts.map { $0.split(separator: "|", omittingEmptySubsequences: false)[0] }).count >= 4)
        #expect(alerts.contains { $0.hasSuffix("|1") } && alerts.contains { !$0.contains("||") })
    }

    @Test func aFileFromBeforeTheCountsIsStillCounted() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir)
        let expected = try store.queueCount()
        let alerts = try store.openAlertCounts(filter: .none, now: Fixture.asOf)
        try store.write { db in try db.execute(sql: "DROP TABLE queue_counts; DROP TABLE alert_counts") }
        #expect(try store.maintainedQueueCount() == nil)
        #expect(try store.queueCount() == expected)
        #expect(try store.openAlertCounts(filter: .none, now: Fixture.asOf) == alerts)
    }
}
