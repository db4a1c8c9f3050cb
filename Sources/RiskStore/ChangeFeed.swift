import Foundation
import GRDB

/// What a console learns from one look at the change log.
public enum ChangeFeedResult: Hashable, Sendable {
    /// Nothing was committed since the last look (`PRAGMA data_version` did not move).
    case unchanged
    /// These entries were appended after the seq asked about (possibly none, for a commit nothing logs).
    case changes([ChangeEntry])
    /// The entries after the seq asked about were pruned, there were more than one read takes, or the file has no
    /// change log: reload everything and carry on after `latest`.
    case reloadAll(latest: Int64)
    /// The database could not be read: the caller shows its data as stale.
    case unreadable
}

/// Tails the change log of a database on its own read-only connection: a cheap `PRAGMA data_version` poll
/// (~0.01 ms) first, and the log itself only when another connection (this store's writer included) committed.
public final class ChangeFeed: @unchecked Sendable {
    private let connection: DatabaseQueue
    private var lastVersion: Int?
    private let lock = NSLock()

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: config)
        lastVersion = try connection.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
    }

    /// Closes the feed's connection (the demo's `:reset` replaces the file underneath); later reads are `.unreadable`.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        try? connection.close()
    }

    /// True once for each batch of commits made since the last call by any other connection;
    /// nil when the database could not be read, so the caller can show its data as stale.
    public func poll() -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        return versionMoved()
    }

    private func versionMoved() -> Bool? {
        guard let version = try? connection.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else { return nil }
        defer { lastVersion = version }
        return lastVersion != nil && version != lastVersion
    }

    /// The entries after `seq` (at most `limit`), read only when something was committed since the last call.
    public func read(after seq: Int64, limit: Int) -> ChangeFeedResult {
        lock.lock()
        defer { lock.unlock() }
        switch versionMoved() {
        case nil: return .unreadable
        case false?: return .unchanged
        case true?: break
        }
        do {
            return try connection.read { db in
                guard try ChangeLog.exists(db) else { return .reloadAll(latest: 0) }  // an older file, read as it is
                let latest = try ChangeLog.latestSeq(db)
                if let oldest = try ChangeLog.oldestSeq(db), oldest > seq + 1, latest > seq { return .reloadAll(latest: latest) }
                if try ChangeLog.oldestSeq(db) == nil, latest > seq { return .reloadAll(latest: latest) }
                let entries = try ChangeLog.entries(after: seq, limit: limit + 1, db)
                return entries.count > limit ? .reloadAll(latest: latest) : .changes(entries)
            }
        } catch {
            return .unreadable
        }
    }
}

extension RiskStore {
    /// A feed that reports commits by any other connection to this file, this store's own writes included.
    public func makeChangeFeed() throws(StoreError) -> ChangeFeed {
        try wrap { try ChangeFeed(path: path) }
    }
}
