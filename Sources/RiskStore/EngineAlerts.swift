import Foundation
import GRDB
import RiskCore

/// How many alerts one engine evaluation raised, updated and cleared, and how many candidates it weighed.
public struct EngineOutcome: Hashable, Sendable {
    public var evaluated = 0
    public var raised = 0
    public var updated = 0
    public var cleared = 0

    public init() {}

    public static func += (lhs: inout EngineOutcome, rhs: EngineOutcome) {
        lhs.evaluated += rhs.evaluated
        lhs.raised += rhs.raised
        lhs.updated += rhs.updated
        lhs.cleared += rhs.cleared
    }
}

/// The alert engine's persistence: load the open alerts of what was evaluated, ask `AlertEngine.plan`, write its plan.
extension RiskStore {
    /// The actor of the engine's alert writes and audit entries.
    public static let engineActor = "engine"
    /// The states in which an alert holds its dedupe key (see the `alerts_one_open` index).
    static let unresolvedStates = "('open','acknowledged','snoozed','escalated')"

    /// Runs `body` over `items` in chunks small enough for an SQL `IN (…)` list.
    static func chunked<T>(_ items: [T], size: Int = 500, _ body: ([T]) throws -> Void) rethrows {
        var start = 0
        while start < items.count {
            let end = min(items.count, start + size)
            try body(Array(items[start..<end]))
            start = end
        }
    }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }

    /// The unresolved alerts of `subjects`.
    static func engineAlerts(subjects: [String], _ db: Database) throws -> [EngineAlert] {
        var out: [EngineAlert] = []
        try chunked(subjects) { part in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, dedupe_key, rule, subject, severity, message, ratio_bp, line_bp, trigger_code, trigger_line_bp,
                       trigger_price_fen, updated_at FROM alerts WHERE subject IN (\(placeholders(part.count))) AND state IN \(unresolvedStates)
                """, arguments: StatementArguments(part))
            for row in rows { out.append(try engineAlert(row)) }
        }
        return out
    }

    static func engineAlert(_ row: Row) throws(StoreError) -> EngineAlert {
        let r = StrictRow(row, table: "alerts", key: "id")
        var margin: MarginAlertDetails?
        if let ratio = try r.optionalInt("ratio_bp", in: 0...Int.max), let line = try r.optionalInt("line_bp", in: 0...100_000) {
            margin = MarginAlertDetails(ratio: BasisPoints(ratio), line: BasisPoints(line), triggerCode: try r.optionalString("trigger_code"),
                                        triggerLine: try r.optionalInt("trigger_line_bp", in: 0...100_000).map(BasisPoints.init),
                                        triggerPrice: try r.optionalMoney("trigger_price_fen"))
        }
        return EngineAlert(id: try r.int64("id"), dedupeKey: try r.string("dedupe_key"), rule: try r.string("rule"),
                           subject: try r.string("subject"), severity: try r.enumeration("severity", Severity.self),
                           message: try r.string("message"), margin: margin, updatedAt: try r.optionalDate("updated_at"))
    }

    /// Evaluates `candidates` against the open alerts of `subjects` under `rules` and writes the plan, audited.
    /// `refresh`: seconds before a figures-only change of an open alert is rewritten (`feed.refresh_seconds`).
    static func runEngine(subjects: Set<String>, candidates: [EngineCandidate], rules: Set<AlertRule>, at now: Date,
                          refresh: Int = 0, _ db: Database) throws -> EngineOutcome {
        var profile = FeedProfile()
        return try runEngine(subjects: subjects, candidates: candidates, rules: rules, at: now, refresh: refresh, profile: &profile, db)
    }

    /// `runEngine`, adding the time of loading, planning and writing to `profile`.
    static func runEngine(subjects: Set<String>, candidates: [EngineCandidate], rules: Set<AlertRule>, at now: Date,
                          refresh: Int = 0, profile: inout FeedProfile, _ db: Database) throws -> EngineOutcome {
        guard !subjects.isEmpty else { return EngineOutcome() }
        let open = try profile.measure(.openAlerts) { try engineAlerts(subjects: subjects.sorted(), db) }
        let plan = profile.measure(.plan) {
            AlertEngine.plan(open: open, candidates: candidates, subjects: subjects, rules: rules, now: now, refresh: TimeInterval(refresh))
        }
        var outcome = try profile.measure(.alertWrites) { try apply(plan, at: now, db) }
        outcome.evaluated = candidates.count
        return outcome
    }

    private static func detailArguments(_ details: MarginAlertDetails?) -> StatementArguments {
        [details?.ratio.value, details?.line.value, details?.triggerCode, details?.triggerLine?.value, details?.triggerPrice?.fen]
    }

    private static func detailFields(_ details: MarginAlertDetails?) -> [String: String] {
        guard let d = details else { return [:] }
        var fields = ["ratio_bp": String(d.ratio.value), "line_bp": String(d.line.value)]
        if let code = d.triggerCode { fields["trigger_code"] = code }
        if let line = d.triggerLine { fields["trigger_line_bp"] = String(line.value) }
        if let price = d.triggerPrice { fields["trigger_price_fen"] = String(price.fen) }
        return fields
    }

    /// Writes an engine plan: each raise, material update (severity or rule) and clear with its audit entry.
    static func apply(_ plan: AlertPlan, at now: Date, _ db: Database) throws -> EngineOutcome {
        var outcome = EngineOutcome()
        let at = now.timeIntervalSince1970
        for item in plan.raise {
            let c = item.candidate
            var arguments: StatementArguments = [c.rule.rawValue, c.severity.rawValue, c.subject, c.message, c.dedupeKey, at, at]
            arguments += detailArguments(item.margin)
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at, updated_at,
                  ratio_bp, line_bp, trigger_code, trigger_line_bp, trigger_price_fen) VALUES (?,?,?,?,?,'open',?,?,?,?,?,?,?)
                """).execute(arguments: arguments)
            guard db.changesCount == 1 else { continue }
            let id = db.lastInsertedRowID
            try AuditChain.append(AuditRecord(actor: engineActor, action: "alert.open", subject: "alert:\(id)",
                                              after: ["rule": c.rule.rawValue, "severity": c.severity.rawValue, "subject": c.subject]
                                                .merging(detailFields(item.margin)) { a, _ in a },
                                              reason: c.message), at: now, db)
            outcome.raised += 1
        }
        for update in plan.update {
            let c = update.candidate.candidate
            if !update.isMaterial && c.dedupeKey == update.alert.dedupeKey {
                // New figures only: leave rule, severity and key unassigned, so SQLite keeps the indexes on them.
                var arguments: StatementArguments = [c.message, at]
                arguments += detailArguments(update.candidate.margin)
                arguments += [update.alert.id]
                try db.cachedStatement(sql: """
                    UPDATE alerts SET message = ?, updated_at = ?, ratio_bp = ?, line_bp = ?, trigger_code = ?, trigger_line_bp = ?,
                      trigger_price_fen = ? WHERE id = ? AND state IN \(unresolvedStates)
                    """).execute(arguments: arguments)
                guard db.changesCount == 1 else { continue }
                outcome.updated += 1
                continue
            }
            var arguments: StatementArguments = [c.rule.rawValue, c.severity.rawValue, c.message, c.dedupeKey, at]
            arguments += detailArguments(update.candidate.margin)
            arguments += [update.alert.id]
            try db.cachedStatement(sql: """
                UPDATE alerts SET rule = ?, severity = ?, message = ?, dedupe_key = ?, updated_at = ?, ratio_bp = ?, line_bp = ?,
                  trigger_code = ?, trigger_line_bp = ?, trigger_price_fen = ? WHERE id = ? AND state IN \(unresolvedStates)
                """).execute(arguments: arguments)
            guard db.changesCount == 1 else { continue }
            if update.isMaterial {
                try AuditChain.append(AuditRecord(actor: engineActor, action: "alert.update", subject: "alert:\(update.alert.id)",
                                                  before: ["rule": update.alert.rule, "severity": update.alert.severity.rawValue],
                                                  after: ["rule": c.rule.rawValue, "severity": c.severity.rawValue]
                                                    .merging(detailFields(update.candidate.margin)) { a, _ in a },
                                                  reason: c.message), at: now, db)
            }
            outcome.updated += 1
        }
        for alert in plan.clear {
            let state = try String.fetchOne(try db.cachedStatement(sql: "SELECT state FROM alerts WHERE id = ?"), arguments: [alert.id]) ?? "open"
            try db.cachedStatement(sql: """
                UPDATE alerts SET state = 'resolved', resolved_by = ?, resolved_at = ?, disposition = 'auto_cleared', updated_at = ?
                WHERE id = ? AND state IN \(unresolvedStates)
                """).execute(arguments: [engineActor, at, at, alert.id])
            guard db.changesCount == 1 else { continue }
            try AuditChain.append(AuditRecord(actor: engineActor, action: "alert.auto_clear", subject: "alert:\(alert.id)",
                                              before: ["state": state, "rule": alert.rule, "severity": alert.severity.rawValue],
                                              after: ["state": "resolved", "disposition": "auto_cleared"],
                                              reason: "the condition no longer holds: \(alert.message)"), at: now, db)
            outcome.cleared += 1
        }
        return outcome
    }
}
