import Foundation
import GRDB

/// One row of the change log: something of `kind` about `subject` was written at `at` (seconds since 1970).
///
/// Kinds: `stage` (an application was created or changed stage), `application` (any other change of an
/// application: a claim, a note), `alert`, `setting`, `pricing`, `quote`, `account` (an account or its positions)
/// and `market` (the feed wrote a batch of prices; the subject names the batch).
public struct ChangeEntry: Hashable, Sendable {
    public var seq: Int64
    public var at: Date
    public var kind: String
    public var subject: String

    public init(seq: Int64, at: Date, kind: String, subject: String) {
        self.seq = seq
        self.at = at
        self.kind = kind
        self.subject = subject
    }
}

/// The change log's SQL, for the store's own writers (the feed appends a `market` entry per batch with it).
enum ChangeLog {
    static func append(kind: String, subject: String, at date: Date, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO change_log (at, kind, subject) VALUES (?, ?, ?)",
                       arguments: [date.timeIntervalSince1970, kind, subject])
    }

    static func entries(after seq: Int64, limit: Int, _ db: Database) throws -> [ChangeEntry] {
        try Row.fetchAll(db, sql: "SELECT seq, at, kind, subject FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
                         arguments: [seq, max(0, limit)]).map { row in
            ChangeEntry(seq: row["seq"], at: Date(timeIntervalSince1970: row["at"]), kind: row["kind"], subject: row["subject"])
        }
    }

    /// The last seq ever handed out (AUTOINCREMENT keeps it after pruning), 0 for an empty log.
    static func latestSeq(_ db: Database) throws -> Int64 {
        let handedOut = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'") ?? 0
        let present = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM change_log") ?? 0
        return max(handedOut, present)
    }

    /// The first seq still in the log, nil when it is empty.
    static func oldestSeq(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM change_log")
    }

    static func exists(_ db: Database) throws -> Bool { try db.tableExists("change_log") }
}

extension RiskStore {
    /// The entries after `seq`, oldest first, at most `limit`.
    public func changes(after seq: Int64, limit: Int) throws(StoreError) -> [ChangeEntry] {
        try read { db in try ChangeLog.entries(after: seq, limit: limit, db) }
    }

    /// The newest seq handed out so far (0 when nothing was ever logged): a console starts tailing after it.
    public func latestChangeSeq() throws(StoreError) -> Int64 {
        try read { db in try ChangeLog.exists(db) ? ChangeLog.latestSeq(db) : 0 }
    }

    /// Deletes the entries before `seq` so the log does not grow forever; returns how many went. A console whose
    /// last seen seq falls in the pruned part notices the gap (`ChangeFeed.read`) and reloads everything.
    @discardableResult
    public func pruneChanges(before seq: Int64) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM change_log WHERE seq < ?", arguments: [seq])
            return db.changesCount
        }
    }

    /// Appends an entry by hand, for writers that change nothing a trigger sees (the feed's `market` batch).
    public func appendChange(kind: String, subject: String, at date: Date) throws(StoreError) {
        try write { db in try ChangeLog.append(kind: kind, subject: subject, at: date, db) }
    }
}

extension RiskStore {
    /// The newest entry of `kind` (e.g. the last `market` batch), nil when there is none or no log.
    public func latestChange(ofKind kind: String) throws(StoreError) -> ChangeEntry? {
        try read { db in
            guard try ChangeLog.exists(db) else { return nil }
            return try Row.fetchOne(db, sql: "SELECT seq, at, kind, subject FROM change_log WHERE kind = ? ORDER BY seq DESC LIMIT 1",
                                    arguments: [kind]).map { row in
                ChangeEntry(seq: row["seq"], at: Date(timeIntervalSince1970: row["at"]), kind: row["kind"], subject: row["subject"])
            }
        }
    }

    /// The greatest alert id so far (0 without alerts): alerts above it that arrive later are new to a console.
    public func newestAlertID() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM alerts") ?? 0 }
    }
}
