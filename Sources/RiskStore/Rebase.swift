import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// Moves every timestamp of a training database by the same amount so that the moment it was generated
    /// ("as of") becomes `now`: SLAs, claims, KYC expiries and alert ages then look as they did when the
    /// sample was made. The audit log keeps its original times (it is append-only) and records the shift.
    /// Refused on a database that is not marked as training data. Returns the shift in seconds.
    @discardableResult
    public func rebaseTimes(to now: Date, by actor: String) throws(StoreError) -> TimeInterval {
        try write { db in
            guard try Self.isTraining(db) else {
                throw StoreError.readOnly("only a training database can have its times shifted")
            }
            guard let asOfText = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [SettingKey.asOf]),
                  let asOf = Double(asOfText) else {
                throw StoreError.invalidInput("this database records no generation time (\(SettingKey.asOf)) to shift from")
            }
            // A stored value is checked like any row: NaN or a time beyond 9999 would trap in the shift below.
            guard (0...StrictRow.latestDate).contains(asOf) else {
                throw StoreError.corruptRow(table: "settings", row: SettingKey.asOf, column: "value", value: asOfText,
                                            expected: "seconds since 1970 up to 9999-12-31")
            }
            let delta = (now.timeIntervalSince1970 - asOf).rounded()
            guard delta != 0 else { return 0 }
            let columns: [(String, [String])] = [
                ("customers", ["kyc_expiry"]), ("accounts", ["opened_at"]), ("transfers", ["at"]),
                ("applications", ["claim_expires_at", "submitted_at", "sla_due", "decided_at"]),
                ("decisions", ["decided_at"]), ("loans", ["opened_at", "closed_at"]),
                ("alerts", ["opened_at", "acknowledged_at", "resolved_at", "snoozed_until"]),
                ("model_versions", ["created_at", "trained_at", "promoted_at", "retired_at"]),
                ("loan_history", ["applied_at"]), ("model_scores", ["scored_at"]),
                ("model_proposals", ["proposed_at", "decided_at"]), ("model_monitoring", ["at"]),
            ]
            for (table, names) in columns {
                let assignments = names.map { "\($0) = \($0) + ?" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE \(table) SET \(assignments)",
                               arguments: StatementArguments(Array(repeating: delta, count: names.count)))
            }
            // The queue's sort key embeds the SLA time: recompute it from the shifted rows.
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM applications")
            let update = try db.makeStatement(sql: "UPDATE applications SET priority_key = ? WHERE id = ?")
            for row in rows {
                let app = try Rows.application(row)
                try update.execute(arguments: [QueuePriority.key(for: app), app.id])
            }
            try Self.setSetting(SettingKey.asOf, to: String(now.timeIntervalSince1970.rounded()), by: actor,
                                reason: "training data shifted by \(Int(delta)) s so that its 'now' is the current time",
                                at: now, db)
            return delta
        }
    }
}
