import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Several processes open an older file at the same moment (two consoles and the feed after an upgrade): each must
/// open it, none may fail on a table or trigger another one just created, and the file ends at the current schema.
@Suite("Opening an older file from several processes at once")
struct ConcurrentMigrationTests {
    @Test("four openers race to migrate the same file: all open, each migration ran once")
    func racingMigrations() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("old.sqlite")
        do {
            let store = try Fixture.store(in: dir, name: "old.sqlite")
            // Make it a file from before the last migration: its triggers gone, its record and version rolled back.
            try store.write { db in
                for trigger in MigrationLiveTables.triggers {
                    for event in trigger.events { try db.execute(sql: "DROP TRIGGER change_log_\(trigger.table)_\(event.rawValue)") }
                }
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v13-live-tables'")
            }
            try store.write { db in try db.execute(sql: "PRAGMA user_version = \(Schema.version - 1)") }
        }
        #expect(try RiskStore.open(at: path, readOnly: true).schemaVersion() == Schema.version - 1)

        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let store = try RiskStore.open(at: path)
                results.add(.success(try store.schemaVersion()))
            } catch {
                results.add(.failure(error))
            }
        }
        let outcomes = results.all
        #expect(outcomes.count == 4)
        for outcome in outcomes {
            switch outcome {
            case let .success(version): #expect(version == Schema.version)
            case let .failure(error): Issue.record("an opener failed: \(error)")
            }
        }
        let store = try RiskStore.open(at: path, readOnly: true)
        let triggers = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change_log_margin_calls_%'")
        }
        #expect(triggers == 2, "insert and update triggers, once each")
    }

    /// Collects the openers' outcomes across threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Result<Int, any Error>] = []
        func add(_ outcome: Result<Int, any Error>) { lock.lock(); outcomes.append(outcome); lock.unlock() }
        var all: [Result<Int, any Error>] { lock.lock(); defer { lock.unlock() }; return outcomes }
    }
}
