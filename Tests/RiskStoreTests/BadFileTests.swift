import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Paths that are not riskdesk databases each get their own message, and nothing blocks on a pipe.
@Suite("RiskStore.open on bad files")
struct BadFileTests {
    @Test func namedPipeIsRefusedWithoutOpeningIt() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("pipe.sqlite")
        #expect(mkfifo(path, 0o600) == 0)
        // Opening a FIFO for reading blocks until a writer appears; the check must come before any open.
        for readOnly in [false, true] {
            #expect(storeError { try RiskStore.open(at: path, readOnly: readOnly) } == .notARegularFile(path: path, kind: "named pipe (FIFO)"))
        }
        #expect(StoreError.notARegularFile(path: path, kind: "named pipe (FIFO)").description == "\(path) is a named pipe (FIFO), not a database file")
        // A symbolic link is followed: what it points to decides.
        let link = dir.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(storeError { try RiskStore.open(at: link, readOnly: true) } == .notARegularFile(path: link, kind: "named pipe (FIFO)"))
    }

    @Test func characterDeviceIsRefused() {
        #expect(storeError { try RiskStore.open(at: "/dev/null", readOnly: true) } == .notARegularFile(path: "/dev/null", kind: "character device"))
        #expect(storeError { try RiskStore.open(at: "/dev/zero") } == .notARegularFile(path: "/dev/zero", kind: "character device"))
    }

    @Test func directoryIsRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let error = storeError { try RiskStore.open(at: dir.url.path) }
        #expect(error == .notARegularFile(path: dir.url.path, kind: "directory"))
        #expect(error?.description.contains("not an SQLite") != true)
        #expect(error?.description == "\(dir.url.path) is a directory, not a database file")
    }

    @Test func fileShorterThanTheHeaderIsTruncated() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("short.sqlite")
        // the right magic, but 50 bytes where SQLite's header alone is 100
        var bytes = Data("SQLite format 3\0".utf8)
        bytes.append(Data(repeating: 0, count: 34))
        #expect(FileManager.default.createFile(atPath: path, contents: bytes))
        let error = storeError { try RiskStore.open(at: path, readOnly: true) }
        #expect(error == .truncated(path: path, size: 50))
        #expect(error?.description == "\(path) is only 50 bytes, shorter than an SQLite header (100 bytes): not a database, or a copy cut short")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 50, "the refused file was changed")
        // a short file that does not start like SQLite is "not SQLite", not "truncated"
        let text = dir.path("short.txt")
        #expect(FileManager.default.createFile(atPath: text, contents: Data("hello\n".utf8)))
        #expect(storeError { try RiskStore.open(at: text) } == .corrupt(path: text, detail: "the file does not start with an SQLite header"))
    }

    @Test func missingFileInAMissingFolder() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("no-such-folder/db.sqlite")
        #expect(storeError { try RiskStore.open(at: path, readOnly: true) } == .missingFile(path: path))
    }

    /// As root, permissions do not stop reading; `CLIRobustnessTests` runs the binary as `nobody` for that case.
    @Test func unreadableFileWhenNotRoot() throws {
        guard getuid() != 0 else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("locked.sqlite")
        do { _ = try Fixture.store(in: dir, name: "locked.sqlite") }
        #expect(chmod(path, 0) == 0)
        defer { chmod(path, 0o644) }
        guard case let .unreadable(errorPath, reason)? = storeError({ try RiskStore.open(at: path, readOnly: true) }) else {
            Issue.record("expected .unreadable")
            return
        }
        #expect(errorPath == path)
        #expect(reason.contains("ermission"))
    }

    @Test func pendingSchemaOpenedReadOnlySaysToMigrate() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("unmigrated.sqlite")
        // A riskdesk file whose initial migration never ran: nothing in it can be read without a writer migrating it.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                try db.execute(sql: "CREATE TABLE placeholder (x)")
            }
        }
        let error = storeError { try RiskStore.open(at: path, readOnly: true) }
        #expect(error == .needsMigration(path: path, found: 0, supported: Schema.version))
        #expect(error?.description.contains("opened read-only, so it was not migrated") == true)
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 0, "a read-only open migrated the file")
    }

    @Test func olderSchemaThatOnlyLacksDataMigrationsIsReadReadOnly() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // Everything but the last migration, which changes data only (alert keys).
        let before = Schema.version - 1
        let path = try OldSchema.makeVersion1(in: dir, upTo: Schema.migrations[before - 1].name, version: before)
        let store = try RiskStore.open(at: path, readOnly: true)
        #expect(try store.schemaVersion() == before)
        #expect(try store.users().map(\.name).contains("wang.fang"))
        #expect(Schema.canRead(version: before))
        #expect(!Schema.canRead(version: 1), "v1 lacks tables the reading code needs")
        #expect(!Schema.canRead(version: 0))
    }

    @Test func readOnlyOpenUsesTheImmutableURIOnlyAsAFallback() throws {
        // A path with characters URIs reserve still names the same file.
        #expect(DatabaseFile.immutableURI("/tmp/a b/c?d#e%f.sqlite") == "file:/tmp/a%20b/c%3Fd%23e%25f.sqlite?immutable=1")
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("odd name?#%.sqlite")
        do { _ = try Fixture.store(in: dir, name: "odd name?#%.sqlite") }
        let queue = try DatabaseQueue(path: DatabaseFile.immutableURI(path), configuration: {
            var c = Configuration()
            c.readonly = true
            return c
        }())
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications") } == 4)
    }
}

/// A database at schema version 1 (before `v2-alert-keys`), as an older riskdesk left it.
enum OldSchema {
    static func makeVersion1(in dir: TempDir, name: String = "v1.sqlite", upTo migration: String = "v1-initial",
                             version: Int = 1) throws -> String {
        let path = dir.path(name)
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(version)")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            for user in SampleGenerator.users {
                try db.execute(sql: "INSERT INTO users (name, display_name, role, approval_limit_fen, active) VALUES (?,?,?,?,?)",
                               arguments: [user.name, user.displayName, user.role.rawValue, user.approvalLimit.fen, user.isActive])
            }
        }
        try queue.close()
        return path
    }
}
