import Foundation
import GRDB
import RiskCore

/// Alerts raised by the real alert rules over the generated data, and the model versions.
extension Generation {

    mutating func makeAlerts() throws {
        var candidates: [AlertCandidate] = []
        let accountIDs = try String.fetchAll(db, sql: "SELECT DISTINCT customer_id FROM accounts")
        for customerID in accountIDs {
            for account in try RiskStore.accounts(ofCustomer: customerID, db) {
                candidates += AlertRules.evaluate(account)
                let transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers WHERE account_id = ?", arguments: [account.id]).map(Rows.transfer)
                candidates += AlertRules.evaluate(transfers: transfers, subject: "account:\(account.id)", now: now)
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM instruments") {
            candidates += AlertRules.evaluate(try Rows.instrument(row))
        }
        for customer in customers { candidates += AlertRules.evaluate(customer, now: now) }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM applications WHERE stage IN ('manual_review','escalated','awaiting_second_approval')") {
            candidates += AlertRules.evaluate(try Rows.application(row), now: now)
        }
        candidates += AlertRules.evaluateSentiment(-0.35)
        candidates += AlertRules.evaluateSentiment(-0.68)
        for candidate in candidates {
            let opened = now.addingTimeInterval(-Double(random.int(1...(3 * 24 * 60))) * 60)
            if try RiskStore.raise(candidate, at: opened, db) != nil { summary.alerts += 1 }
        }
    }

    mutating func modelVersions() throws {
        // Training distribution: the scores the champion gave the applications it was validated on (the sample's own,
        // oldest first), so the feed's drift check starts stable and moves only as new applications shift it; the
        // previous model's scores sit 8 points lower. (The loan book's scores come from older cards: comparing the
        // champion against them read as a PSI near 1, a drift alert on the first timer run.)
        let scores = try Int.fetchAll(db, sql: "SELECT score FROM applications WHERE score IS NOT NULL ORDER BY submitted_at, id")
        let json = "[" + scores.prefix(5_000).map(String.init).joined(separator: ",") + "]"
        let older = "[" + scores.prefix(5_000).map { String($0 - 8) }.joined(separator: ",") + "]"
        try db.execute(sql: "INSERT INTO model_versions (version, created_at, is_champion, description, training_scores) VALUES (?,?,0,?,?)",
                       arguments: ["sc-2025.2", now.addingTimeInterval(-300 * day).timeIntervalSince1970, "previous champion", older])
        try db.execute(sql: "INSERT INTO model_versions (version, created_at, is_champion, description, training_scores) VALUES (?,?,1,?,?)",
                       arguments: [Scorecard.standard.version, now.addingTimeInterval(-60 * day).timeIntervalSince1970,
                                   "binned logistic scorecard, 9 characteristics", json])
    }
}
