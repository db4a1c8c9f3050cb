import Foundation
import GRDB
import RiskCore

/// Where other parts of the desk plug into the feed's transactions; each runs inside the batch's transaction, so
/// whatever it writes commits or rolls back with the batch.
enum FeedHooks {
    /// After a batch revalued `accounts` (and the engine wrote its alerts): margin calls open, are met or expire here.
    static func afterRevaluation(accounts: [MarginAccount], at now: Date, _ db: Database) throws {
        // Intentionally empty: the margin-call step (issue 7, item 3) plugs in here.
    }

    /// On every timer tick of the feed: snoozed alerts whose expiry has passed reopen here.
    static func onTimer(at now: Date, _ db: Database) throws {
        // Intentionally empty: the alert lifecycle's snooze expiry (issue 7, item 4) plugs in here.
    }
}
