import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("RiskStore.open / create")
struct OpenCreateTests {
    @Test func newDatabaseHasTheCurrentSchemaVersionAndApplicationID() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("new.sqlite")
        let store = try RiskStore.create(at: path)
        #expect(try store.schemaVersion() == Schema.version)
        #expect(store.isReadOnly == false)
        let appID = try store.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(appID == Schema.applicationID)
        #expect(try store.rowCount("applications") == 0)
        // Not yet seeded: no entry at all, which verification reports (a seeded database always has one).
        #expect(try store.verifyAuditChain().description.contains("the audit log is empty"))

        // Reopening gives the same version, read-write and read-only.
        #expect(try RiskStore.open(at: path).schemaVersion() == Schema.version)
        let readOnly = try RiskStore.open(at: path, readOnly: true)
        #expect(readOnly.isReadOnly)
        #expect(try readOnly.schemaVersion() == Schema.version)
    }

    @Test func createRefusesAnExistingFileUnlessOverwrite() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("exists.sqlite")
        do {
            let store = try Fixture.store(in: dir, name: "exists.sqlite")
            #expect(try store.rowCount("applications") == 4)
        }
        #expect(storeError { try RiskStore.create(at: path) } == .fileExists(path: path))
        // The refused create left the old data alone.
        #expect(try RiskStore.open(at: path).rowCount("applications") == 4)

        // Real data is never overwritten, even when asked to…
        #expect(storeError { try RiskStore.create(at: path, overwrite: true) }
            == .overwriteRefused(path: path, reason: "it is not marked as training data"))
        #expect(try RiskStore.open(at: path).rowCount("applications") == 4)
        // …training data is.
        try RiskStore.open(at: path).setSetting(SettingKey.trainingData, to: "true", by: "test")
        let fresh = try RiskStore.create(at: path, overwrite: true)
        #expect(try fresh.rowCount("applications") == 0)
        #expect(try fresh.rowCount("users") == 0)
        #expect(try fresh.schemaVersion() == Schema.version)
    }

    @Test func missingFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("nowhere.sqlite")
        #expect(storeError { try RiskStore.open(at: path) } == .missingFile(path: path))
        #expect(storeError { try RiskStore.open(at: path, readOnly: true) } == .missingFile(path: path))
        #expect(!FileManager.default.fileExists(atPath: path), "open must not create a missing file")
    }

    @Test func textFileIsCorrupt() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("notes.txt")
        try "this is not a database, just some notes\n".write(toFile: path, atomically: true, encoding: .utf8)
        for readOnly in [false, true] {
            let error = storeError { try RiskStore.open(at: path, readOnly: readOnly) }
            guard case let .corrupt(errorPath, detail)? = error else {
                Issue.record("expected .corrupt, got \(String(describing: error))")
                continue
            }
            #expect(errorPath == path)
            #expect(!detail.isEmpty)
            #expect(error?.description.contains(path) == true)
        }
    }

    @Test func emptyFileIsCalledEmptyNotAnSQLiteFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(storeError { try RiskStore.open(at: path) } == .emptyFile(path: path))
        #expect(storeError { try RiskStore.open(at: path, readOnly: true) } == .emptyFile(path: path))
        #expect(StoreError.emptyFile(path: path).description == "\(path) is an empty file (0 bytes), not a riskdesk database")
        // Refusing it left it empty: SQLite did not write a header into it.
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
    }

    @Test func plainSQLiteFileIsNotARiskdeskDatabase() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("other-app.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')")
            }
        }
        #expect(storeError { try RiskStore.open(at: path) } == .notARiskdeskDatabase(path: path))
        #expect(storeError { try RiskStore.open(at: path, readOnly: true) } == .notARiskdeskDatabase(path: path))
        #expect(StoreError.notARiskdeskDatabase(path: path).description.contains(path))
    }

    /// Refusing another application's SQLite file must leave that file as it was.
    @Test func refusingAForeignSQLiteFileDoesNotModifyIt() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("other-app.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
            #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "delete")
        }
        #expect(storeError { try RiskStore.open(at: path) } == .notARiskdeskDatabase(path: path))
        let queue = try DatabaseQueue(path: path)
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "delete", "RiskStore.open switched another application's database to journal_mode=\(mode ?? "?") before refusing it")
    }

    @Test func newerSchemaIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("future.sqlite")
        do {
            let store = try Fixture.store(in: dir, name: "future.sqlite")
            try store.checkpoint()
        }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        }
        for readOnly in [false, true] {
            let error = storeError { try RiskStore.open(at: path, readOnly: readOnly) }
            #expect(error == .schemaTooNew(path: path, found: 99, supported: Schema.version))
            let message = error?.description ?? ""
            #expect(message.contains("99"))
            #expect(message.contains("(\(Schema.version))"))
            #expect(message.contains(path))
        }
        // Nothing was migrated or rewritten by the refused open.
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 99)
    }

    @Test func corruptedPagesGiveAStoreErrorNotACrash() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("damaged.sqlite")
        do {
            let (store, _) = try Fixture.sample(in: dir, name: "damaged.sqlite", applications: 80)
            try store.checkpoint()
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

        // Overwrite a run of whole pages in the middle of the file (page 1 and its header stay intact).
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 4_096
        #expect(size > 20 * pageSize)
        let start = (size / 2 / pageSize) * pageSize - 4 * pageSize
        try handle.seek(toOffset: start)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(8 * pageSize)))
        try handle.close()

        var problems: [String] = []
        func note(_ error: StoreError?) {
            guard let error else { return }
            switch error {
            case .corrupt, .database: problems.append(error.description)
            default: Issue.record("unexpected error for a damaged file: \(error)")
            }
        }
        do throws(StoreError) {
            let store = try RiskStore.open(at: path, readOnly: true)
            do throws(StoreError) {
                if let complaint = try store.integrityProblem() { problems.append(complaint) }
            } catch { note(error) }
            note(storeError { try store.approvalQueue(filter: QueueFilter(stages: Stage.allCases), limit: 100_000) })
            note(storeError { try store.verifyAuditChain() })
            note(storeError { try store.users() })
            note(storeError { try store.openAlerts(limit: 10_000) })
        } catch {
            note(error)
        }
        #expect(!problems.isEmpty, "eight damaged pages went unnoticed")
    }

    @Test func walAndSynchronousFullOnTheWriter() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("durable.sqlite")
        for store in [try RiskStore.create(at: path), try RiskStore.open(at: path)] {
            let (mode, synchronous) = try store.writer.writeWithoutTransaction { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            #expect(mode == "wal")
            #expect(synchronous == 2, "synchronous should be FULL (2) on the writer")
        }
    }

    @Test func readOnlyStoreRefusesWrites() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("ro.sqlite")
        do { _ = try Fixture.store(in: dir, name: "ro.sqlite") }
        let store = try RiskStore.open(at: path, readOnly: true)
        let before = try store.rowCount("audit_log")
        let error = storeError { try store.apply(DecisionRequest(applicationID: Fixture.small, kind: .approve, actor: "wang.fang", expectedVersion: 1), at: Fixture.later) }
        guard case .readOnly? = error else {
            Issue.record("expected .readOnly, got \(String(describing: error))")
            return
        }
        guard case .readOnly? = storeError({ try store.appendAudit(AuditRecord(actor: "x", action: "y", subject: "z")) }) else {
            Issue.record("appendAudit on a read-only store should be refused")
            return
        }
        #expect(try store.rowCount("audit_log") == before)
        #expect(try store.application(Fixture.small)?.stage == .manualReview)
    }
}
