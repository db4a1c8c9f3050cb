import Foundation
import GRDB
import RiskCore

/// Where other parts of the desk plug into the feed's transactions; each runs inside the batch's transaction, so
/// whatever it writes commits or rolls back with the batch.
enum FeedHooks {
    /// How much of the change log the feed keeps: consoles poll it four times a second, so an hour is ample; a
    /// console that fell further behind notices the gap and reloads everything.
    static let changeLogRetention: TimeInterval = 3_600

    /// After a batch revalued `accounts` (and the engine wrote its alerts): margin calls open, are updated, are met
    /// when prices restore the recovery line, and turn into close-out instructions past their deadline.
    static func afterRevaluation(accounts: [MarginAccount], at now: Date, _ db: Database) throws {
        guard try RiskStore.hasMarginCalls(db) else { return }
        _ = try RiskStore.reviewMarginCalls(accounts, at: now, by: RiskStore.engineActor, db)
    }

    /// On every timer tick of the feed: snoozed alerts whose expiry has passed reopen (recorded by `system`), and the
    /// change log is pruned to its retention.
    static func onTimer(at now: Date, _ db: Database) throws {
        _ = try RiskStore.reopenExpiredSnoozes(at: now, db)
        if try ChangeLog.exists(db) {
            try db.execute(sql: "DELETE FROM change_log WHERE at < ?", arguments: [now.timeIntervalSince1970 - changeLogRetention])
        }
    }
}
