import Foundation
import GRDB
import RiskCore

/// Alerts raised by the real alert rules over the generated data, and the model versions.
extension Generation {

    /// Raises the alerts; returns every margin account (by id), as read for the rules, for the margin-call review.
    mutating func makeAlerts() throws -> [MarginAccount] {
        var candidates: [AlertCandidate] = []
        // Every account and transfer read in one pass each, then taken customer by customer (in customer id order), each
        // customer's accounts by id and each account's transfers by time: the order the rules always saw them in.
        let all = try RiskStore.marginAccounts(nil, db)
        let accounts = Dictionary(grouping: all, by: \.customerID)
        var transfers: [String: [Transfer]] = [:]
        let transferRows = try Row.fetchCursor(db, sql: "SELECT * FROM transfers ORDER BY account_id, at, id")
        while let row = try transferRows.next() {
            transfers[try StrictRow(row, table: "transfers", key: "id").string("account_id"), default: []].append(try Rows.transfer(row))
        }
        for customerID in accounts.keys.sorted() {
            for account in accounts[customerID] ?? [] {
                candidates += AlertRules.evaluate(account)
                candidates += AlertRules.evaluate(transfers: transfers[account.id] ?? [], subject: "account:\(account.id)", now: now)
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM instruments") {
            candidates += AlertRules.evaluate(try Rows.instrument(row))
        }
        for customer in customers { candidates += AlertRules.evaluate(customer, now: now) }
        // In the order of the queue index (stage, priority, rowid), which served this query before the load dropped it.
        for row in try Row.fetchAll(db, sql: """
            SELECT * FROM applications WHERE stage IN ('manual_review','escalated','awaiting_second_approval')
            ORDER BY stage, priority_key, rowid
            """) {
            candidates += AlertRules.evaluate(try Rows.application(row), now: now)
        }
        candidates += AlertRules.evaluateSentiment(-0.35)
        candidates += AlertRules.evaluateSentiment(-0.68)
        try report(.alerts, 0, candidates.count)
        for (index, candidate) in candidates.enumerated() {
            let opened = now.addingTimeInterval(-Double(random.int(1...(3 * 24 * 60))) * 60)
            if let id = try RiskStore.insertAlert(candidate, at: opened, db) {
                try chain.append(RiskStore.alertOpened(candidate, id: id), at: opened)
                summary.alerts += 1
            }
            try report(.alerts, index + 1, candidates.count)
        }
        return all
    }

    mutating func modelVersions() throws {
        // Training distribution: the scores the champion gave the applications it was validated on (the sample's own,
        // oldest first), so the feed's drift check starts stable and moves only as new applications shift it; the
        // previous model's scores sit 8 points lower. (The loan book's scores come from older cards: comparing the
        // champion against them read as a PSI near 1, a drift alert on the first timer run.)
        let scores = try Int.fetchAll(db, sql: "SELECT score FROM applications WHERE score IS NOT NULL ORDER BY submitted_at, id")
        let json = "[" + scores.prefix(5_000).map(String.init).joined(separator: ",") + "]"
        let older = "[" + scores.prefix(5_000).map { String($0 - 8) }.joined(separator: ",") + "]"
        try db.execute(sql: """
            INSERT INTO model_versions (version, created_at, is_champion, status, retired_at, description, training_scores)
            VALUES (?,?,0,'retired',?,?,?)
            """, arguments: ["sc-2025.2", now.addingTimeInterval(-300 * day).timeIntervalSince1970,
                             now.addingTimeInterval(-60 * day).timeIntervalSince1970, "previous champion", older])
        let standard = Scorecard.standard
        try db.execute(sql: """
            INSERT INTO model_versions (version, created_at, is_champion, status, promoted_at, description, training_scores, card)
            VALUES (?,?,1,'champion',?,?,?,?)
            """, arguments: [standard.version, now.addingTimeInterval(-60 * day).timeIntervalSince1970,
                             now.addingTimeInterval(-60 * day).timeIntervalSince1970, standard.description, json,
                             String(decoding: standard.canonicalJSON(), as: UTF8.self)])
        try makeModelReadings(version: standard.version)
    }
}
