import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary on inputs that used to crash it (exit 132) or hang, and on read-only files.
/// It does not build the binary: run `swift build` first.
@Suite("riskdesk CLI: bad input and bad files", .serialized)
struct CLIRobustnessTests {
    /// Runs the binary; with `asNobody`, as uid/gid 65534 through setpriv when this process is root,
    /// because root reads and writes through any permission. Output goes to files in `outputs`.
    static func run(_ arguments: [String], outputs: TempDir, asNobody: Bool = false) throws -> CLITests.Run {
        let launcher = asNobody && getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        return try CLITests.run(arguments, outputs: outputs, workingDirectory: URL(fileURLWithPath: "/"), launcher: launcher)
    }

    /// Running as another user needs setpriv when this is root; say so rather than pass silently.
    static func canRunAsNobody() -> Bool {
        guard getuid() == 0 else { return true }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            Issue.record("running as root without /usr/bin/setpriv: cannot test permissions (root reads everything)")
            return false
        }
        return true
    }

    @Test func crashingNumbersAreUsageErrors() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let app = try #require(try CLITests.manualReviewApplication(path, withinLimit: true))
        let audit = try RiskStore.open(at: path, readOnly: true).rowCount("audit_log")
        let cases: [([String], String)] = [
            (["decide", "--db", path, "--user", "wang.fang", app.id, "approve-with", "--leverage", "1e17"], "from 1.0× to 10.0×"),
            (["decide", "--db", path, "--user", "wang.fang", app.id, "approve-with", "--leverage", "99999999999999999999"], "out of range"),
            (["decide", "--db", path, "--user", "wang.fang", app.id, "approve-with", "--leverage", "nan"], "from 1.0× to 10.0×"),
            (["decide", "--db", path, "--user", "wang.fang", app.id, "approve-with", "--line", "9223372036854775807"],
             "amounts must be between -¥1,000,000,000,000 and ¥1,000,000,000,000"),
            (["decide", "--db", path, "--user", "wang.fang", app.id, "approve-with", "--line", "1e19"], "is not an amount"),
            (["seed", "--out", dir.path("big.sqlite"), "--applications", "9223372036854775807"], "--applications must be from 1 to 1000000"),
            (["seed", "--out", dir.path("big.sqlite"), "--customers=-9223372036854775808"], "--customers must be from 1 to 1000000"),
            (["seed", "--out", dir.path("big.sqlite"), "--as-of", "99999999999-01-01"], "--as-of must be a date"),
            (["seed", "--out", dir.path("big.sqlite"), "--as-of", "2026-02-30"], "--as-of must be a date"),
            (["bench", "--db", path, "--decisions", "9223372036854775807"], "--decisions must be from 1 to 10000"),
            (["queue", "--db", path, "--limit", "9223372036854775807"], "--limit must be 1–10000"),
        ]
        for (arguments, fragment) in cases {
            let run = try Self.run(arguments, outputs: dir)
            #expect(run.status == 64, "\(arguments.suffix(2)): exit \(run.status), \(run.stderr)")
            #expect(run.stderr.contains(fragment), "\(arguments.suffix(2)): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("big.sqlite")))
        let store = try RiskStore.open(at: path, readOnly: true)
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.application(app.id)?.stage == .manualReview)
    }

    @Test func badFilesEachGetTheirMessageAndExit65() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let fifo = dir.path("pipe.sqlite")
        #expect(mkfifo(fifo, 0o600) == 0)
        let empty = dir.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        let short = dir.path("short.sqlite")
        _ = FileManager.default.createFile(atPath: short, contents: Data("SQLite".utf8))
        let folder = dir.path("folder.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let cases: [(String, String)] = [
            (fifo, "\(fifo) is a named pipe (FIFO), not a database file"),
            ("/dev/null", "/dev/null is a character device, not a database file"),
            (folder, "\(folder) is a directory, not a database file"),
            (empty, "\(empty) is an empty file (0 bytes), not a riskdesk database"),
            (short, "\(short) is only 6 bytes, shorter than an SQLite header (100 bytes)"),
            (dir.path("missing.sqlite"), "no database at \(dir.path("missing.sqlite"))"),
        ]
        for (path, message) in cases {
            for arguments in [["queue", "--db", path], ["audit", "verify", "--db", path], ["decide", "--db", path, "--user", "x", "APP-1", "approve"]] {
                let run = try Self.run(arguments, outputs: dir)
                #expect(run.status == 65, "\(arguments): exit \(run.status), \(run.stderr)")
                #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            }
        }
    }

    @Test func unreadableFileSaysPermissionDenied() throws {
        guard CLITests.requireBinary() != nil, Self.canRunAsNobody() else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        #expect(chmod(dir.url.path, 0o755) == 0)
        #expect(chmod(path, 0) == 0)
        defer { chmod(path, 0o644) }
        let run = try Self.run(["audit", "verify", "--db", path], outputs: dir, asNobody: true)
        #expect(run.status == 65, "exit \(run.status), \(run.stderr)")
        #expect(run.stderr.contains("cannot read \(path): Permission denied"), "\(run.stderr)")
    }

    @Test func readOnlyCommandsWorkOnAReadOnlyFileInAReadOnlyFolder() throws {
        guard CLITests.requireBinary() != nil, Self.canRunAsNobody() else { return }
        let scratch = try TempDir()
        let outputs = try TempDir()
        defer { scratch.remove(); outputs.remove() }
        let (seededPath, seeded) = try CLITests.seed(scratch)
        try #require(seeded.status == 0)
        let expected = try RiskStore.open(at: seededPath, readOnly: true)
        let entries = try expected.rowCount("audit_log")
        let firstInQueue = try #require(try expected.approvalQueue(limit: 1).rows.first?.application.id)

        // A copy as an auditor receives it: file 0444 in a folder 0555, no -wal or -shm beside it.
        let vault = try TempDir()
        defer { chmod(vault.url.path, 0o755); vault.remove() }
        let path = vault.path("evidence.sqlite")
        try FileManager.default.copyItem(atPath: seededPath, toPath: path)
        #expect(chmod(path, 0o444) == 0)
        #expect(chmod(vault.url.path, 0o555) == 0)
        let listing = try FileManager.default.contentsOfDirectory(atPath: vault.url.path)
        #expect(listing == ["evidence.sqlite"])

        let verify = try Self.run(["audit", "verify", "--db", path], outputs: outputs, asNobody: true)
        #expect(verify.status == 0, "audit verify: \(verify.stderr)")
        #expect(verify.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok: \(entries) entries")
        let queue = try Self.run(["queue", "--db", path, "--limit", "1", "--json"], outputs: outputs, asNobody: true)
        #expect(queue.status == 0, "queue: \(queue.stderr)")
        #expect(queue.stdout.contains("\"\(firstInQueue)\""), "\(queue.stdout)")
        let show = try Self.run(["show", "--db", path, firstInQueue], outputs: outputs, asNobody: true)
        #expect(show.status == 0, "show: \(show.stderr)")
        #expect(show.stdout.contains(firstInQueue))
        let tail = try Self.run(["audit", "tail", "--db", path, "-n", "3"], outputs: outputs, asNobody: true)
        #expect(tail.status == 0, "audit tail: \(tail.stderr)")
        let users = try Self.run(["users", "--db", path], outputs: outputs, asNobody: true)
        #expect(users.status == 0, "users: \(users.stderr)")
        #expect(users.stdout.contains("zhou.qiang"))
        // Nothing was created beside the file, and the file is byte for byte what was copied.
        #expect(try FileManager.default.contentsOfDirectory(atPath: vault.url.path) == ["evidence.sqlite"])
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: seededPath))

        // A writing command cannot write there: refused with a message, nothing created.
        let app = try #require(try CLITests.manualReviewApplication(seededPath, withinLimit: true))
        let decide = try Self.run(["decide", "--db", path, "--user", "wang.fang", app.id, "approve"], outputs: outputs, asNobody: true)
        #expect(decide.status == 3)
        #expect(decide.stderr.contains("\(path) cannot be opened for writing"), "\(decide.stderr)")
        #expect(decide.stderr.contains("the file or its folder is read-only here; read-only commands (queue, show, users, audit) still read it"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: vault.url.path) == ["evidence.sqlite"])
    }

    @Test func pendingWriteAheadLogInAReadOnlyFolderIsExplained() throws {
        guard CLITests.requireBinary() != nil, Self.canRunAsNobody() else { return }
        let scratch = try TempDir()
        let outputs = try TempDir()
        let vault = try TempDir()
        defer { chmod(vault.url.path, 0o755); scratch.remove(); outputs.remove(); vault.remove() }
        let (seededPath, seeded) = try CLITests.seed(scratch)
        try #require(seeded.status == 0)
        let path = vault.path("live.sqlite")
        do {
            // Copy the file while a writer holds changes in its -wal (not yet checkpointed).
            let store = try RiskStore.open(at: seededPath)
            try store.setSetting("database.description", to: "copied mid-write", by: "trainer", at: Fixture.later)
            try FileManager.default.copyItem(atPath: seededPath, toPath: path)
            try FileManager.default.copyItem(atPath: seededPath + "-wal", toPath: path + "-wal")
        }
        #expect(DatabaseFile.hasWriteAheadLog(path))
        #expect(chmod(vault.url.path, 0o555) == 0)
        let run = try Self.run(["audit", "verify", "--db", path], outputs: outputs, asNobody: true)
        #expect(run.status == 65, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("write-ahead log (\(path)-wal) holds changes not yet in the file"), "\(run.stderr)")
    }

    @Test func corruptRowIsADataError() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                try db.execute(sql: "UPDATE users SET role = 'root' WHERE name = 'zhou.qiang'")
            }
        }
        let run = try Self.run(["users", "--db", path], outputs: dir)
        #expect(run.status == 65, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("corrupt data: users row zhou.qiang has role = 'root'"), "\(run.stderr)")
    }
}
