import Foundation
import GRDB

/// Notices commits made through other connections (another console, the CLI, a feed) by polling `PRAGMA data_version`.
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

    /// True once for each batch of commits made since the last call by any other connection (~0.01 ms a poll);
    /// nil when the database could not be read, so the caller can show its data as stale.
    public func poll() -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        guard let version = try? connection.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else { return nil }
        defer { lastVersion = version }
        return lastVersion != nil && version != lastVersion
    }
}

extension RiskStore {
    /// A feed that reports commits by any other connection to this file, this store's own writes included.
    public func makeChangeFeed() throws(StoreError) -> ChangeFeed {
        try wrap { try ChangeFeed(path: path) }
    }
}
