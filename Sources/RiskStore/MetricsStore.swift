import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// The desk metrics over `window` (its end is "now"), read in one transaction: the history of the window by indexed
    /// range reads, then `DeskMetrics.report`. Heavier than a key-path read: the console runs it in the background.
    public func deskMetrics(_ window: MetricsWindow) throws(StoreError) -> DeskMetricsReport {
        try read { db in try Self.deskMetrics(window, db) }
    }

    /// The desk metrics over several windows ending at the same moment (the console's hour and day), from one read of
    /// the longest window's history.
    public func deskMetrics(_ windows: [MetricsWindow]) throws(StoreError) -> [DeskMetricsReport] {
        try read { db in
            guard let start = windows.map(\.start).min(), let end = windows.map(\.end).max() else { return [] }
            let history = try Self.deskHistory(from: start, to: end, db)
            let minutes = try Self.reviewMinutes(db)
            return windows.map { DeskMetrics.report(history, window: $0, reviewMinutes: minutes) }
        }
    }

    static func deskMetrics(_ window: MetricsWindow, _ db: Database) throws -> DeskMetricsReport {
        DeskMetrics.report(try deskHistory(from: window.start, to: window.end, db), window: window, reviewMinutes: try reviewMinutes(db))
    }

    static func reviewMinutes(_ db: Database) throws -> Int {
        let stored = try storedSettings(db)
        return try settingRuling { () throws(SettingError) in try DeskSettings.reviewMinutes(from: stored) }
    }

    /// The events of `(start, end]` the metrics need, each read by a range on its time index (v17's
    /// `alerts_opened_at`, `decisions_decided_at`, `applications_submitted`, `margin_calls_met`/`_closed_out`), and
    /// the queue's depth now from the maintained counts.
    static func deskHistory(from start: Date, to end: Date, _ db: Database) throws -> DeskHistory {
        let range: StatementArguments = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        var history = DeskHistory()
        history.alertsRaised = try Double.fetchAll(db, sql: "SELECT opened_at FROM alerts WHERE opened_at > ? AND opened_at <= ?",
                                                   arguments: range).map(Date.init(timeIntervalSince1970:))
        // A person's decision on an application submitted in the window was made after its submission, so inside
        // the window too: the decisions read below say which applications a person decided, without a probe per
        // application (on 100,000 applications the probes' random reads were most of the time).
        var decidedByPerson = Set<String>()
        let decisions = try Row.fetchCursor(db, sql: """
            SELECT d.application_id, d.decided_at, d.kind, d.from_stage, d.to_stage, d.price_override_bp, a.submitted_at
            FROM decisions d JOIN applications a ON a.id = d.application_id
            WHERE d.decided_at > ? AND d.decided_at <= ?
            """, arguments: range)
        while let row = try decisions.next() {
            let decision = DeskHistory.Decision(
                at: Date(timeIntervalSince1970: row["decided_at"]), kind: row["kind"],
                from: try stageColumn(row, "from_stage", table: "decisions"), to: try stageColumn(row, "to_stage", table: "decisions"),
                priceOverride: row["price_override_bp"], submittedAt: Date(timeIntervalSince1970: row["submitted_at"]))
            if decision.from.needsPerson { decidedByPerson.insert(row["application_id"]) }
            history.decisions.append(decision)
        }
        let submissions = try Row.fetchCursor(db, sql: """
            SELECT id, submitted_at, stage FROM applications WHERE submitted_at > ? AND submitted_at <= ?
            """, arguments: range)
        while let row = try submissions.next() {
            let stage = try stageColumn(row, "stage", table: "applications")
            let id: String = row["id"]
            history.submissions.append(DeskHistory.Submission(
                at: Date(timeIntervalSince1970: row["submitted_at"]),
                route: DeskHistory.Submission.route(stage: stage, decidedByPerson: decidedByPerson.contains(id))))
        }
        if try hasMarginCalls(db) {
            history.calls = try Row.fetchAll(db, sql: """
                SELECT opened_at, met_at, closed_out_at FROM margin_calls WHERE id IN (
                    SELECT id FROM margin_calls WHERE opened_at > ?1 AND opened_at <= ?2
                    UNION SELECT id FROM margin_calls WHERE state IN ('open','overdue')
                    UNION SELECT id FROM margin_calls WHERE met_at IS NOT NULL AND met_at > ?1
                    UNION SELECT id FROM margin_calls WHERE closed_out_at IS NOT NULL AND closed_out_at > ?1)
                AND opened_at <= ?2
                """, arguments: range).map { row in
                DeskHistory.Call(openedAt: Date(timeIntervalSince1970: row["opened_at"]),
                                 metAt: (row["met_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                                 closedOutAt: (row["closed_out_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
        history.queueDepthNow = try queueDepth(db)
        return history
    }

    /// Applications in the stages that need a person: from `queue_counts` where the writes maintain it.
    static func queueDepth(_ db: Database) throws -> Int {
        let stages = Stage.allCases.filter(\.needsPerson).map { "'\($0.rawValue)'" }.joined(separator: ",")
        let table = try DeskCounts.isMaintained(db) ? "queue_counts" : nil
        if let table {
            return try Int.fetchOne(db, sql: "SELECT IFNULL(SUM(n), 0) FROM \(table) WHERE stage IN (\(stages))") ?? 0
        }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications WHERE stage IN (\(stages))") ?? 0
    }

    private static func stageColumn(_ row: Row, _ column: String, table: String) throws -> Stage {
        let text: String = row[column]
        guard let stage = Stage(rawValue: text) else {
            throw StoreError.corruptRow(table: table, row: "?", column: column, value: String(text.prefix(40)), expected: "a pipeline stage")
        }
        return stage
    }
}
