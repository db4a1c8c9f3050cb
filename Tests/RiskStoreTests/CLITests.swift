import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Runs the built `riskdesk` binary end to end. It does not build it: run `swift build` first.
@Suite("riskdesk CLI end to end", .serialized)
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/riskdesk")

    /// The binary, or nil (with an issue recorded) when it has not been built.
    static func requireBinary() -> URL? {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("riskdesk binary not found at \(binary.path): build it with `swift build` before running the CLI tests")
            return nil
        }
        return binary
    }

    static func run(_ arguments: [String], in dir: TempDir) throws -> Run {
        try run(arguments, outputs: dir, workingDirectory: dir.url)
    }

    /// Runs the binary with its output in files in `outputs`; `launcher` (e.g. setpriv and its options) runs it as
    /// someone else.
    static func run(_ arguments: [String], outputs: TempDir, workingDirectory: URL,
                    launcher: [String] = []) throws -> Run {
        let process = Process()
        if let tool = launcher.first {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = workingDirectory
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let id = UUID().uuidString
        let outURL = outputs.url.appendingPathComponent("out-\(id)")
        let errURL = outputs.url.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try String(contentsOf: outURL, encoding: .utf8)
        let stderr = try String(contentsOf: errURL, encoding: .utf8)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Seeds 120 applications. Training data unless `training` is false: on training data any login may act as
    /// any user, so a test can play several people; identity tests seed real data and map logins.
    static func seed(_ dir: TempDir, _ name: String = "cli.sqlite", training: Bool = true) throws -> (String, Run) {
        let path = dir.path(name)
        return (path, try run(["seed", "--out", path, "--applications", "120", "--seed", "7", "--as-of", "2026-11-27"]
                              + (training ? ["--training"] : []), in: dir))
    }

    /// An unclaimed application in manual review whose line is within (or above) ¥1,000,000.
    static func manualReviewApplication(_ path: String, withinLimit: Bool) throws -> Application? {
        let store = try RiskStore.open(at: path, readOnly: true)
        let now = Date()
        return try store.approvalQueue(filter: QueueFilter(stages: [.manualReview]), limit: 10_000).rows.map(\.application).first {
            $0.claimHolder(at: now.addingTimeInterval(-60)) == nil && $0.claimHolder(at: now.addingTimeInterval(60)) == nil
                && ($0.requestedLine <= Money(yuan: 1_000_000)) == withinLimit
        }
    }

    @Test func seedRefusesToOverwriteWithoutForce() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, first) = try Self.seed(dir, training: true)
        #expect(first.status == 0, "seed failed: \(first.stderr)")
        #expect(first.stdout.contains("120 applications"))
        #expect(FileManager.default.fileExists(atPath: path))
        let head = try RiskStore.open(at: path, readOnly: true).auditHead()?.anchor

        let again = try Self.run(["seed", "--out", path, "--applications", "120", "--seed", "7", "--as-of", "2026-11-27"], in: dir)
        #expect(again.status == 65)
        #expect(again.stderr.contains("--force"))
        #expect(try RiskStore.open(at: path, readOnly: true).auditHead()?.anchor == head)

        let forced = try Self.run(["seed", "--out", path, "--applications", "60", "--seed", "7", "--as-of", "2026-11-27", "--force"], in: dir)
        #expect(forced.status == 0, "seed --force failed: \(forced.stderr)")
        #expect(try RiskStore.open(at: path, readOnly: true).rowCount("applications") == 60)

        // --force never overwrites real data: the 60 applications above are not training data.
        let realHead = try RiskStore.open(at: path, readOnly: true).auditHead()?.anchor
        let refused = try Self.run(["seed", "--out", path, "--applications", "10", "--force"], in: dir)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("not marked as training data"), "\(refused.stderr)")
        #expect(try RiskStore.open(at: path, readOnly: true).auditHead()?.anchor == realHead)
        // Nor a file that is not a riskdesk database at all.
        let other = dir.path("notes.txt")
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: other))
        let foreign = try Self.run(["seed", "--out", other, "--applications", "10", "--force"], in: dir)
        #expect(foreign.status == 3)
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "my notes")
    }

    @Test func seedIsDeterministicAndMatchesTheLibrary() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (a, runA) = try Self.seed(dir, "a.sqlite", training: false)
        let (b, runB) = try Self.seed(dir, "b.sqlite", training: false)
        #expect(runA.status == 0 && runB.status == 0)
        let headA = try RiskStore.open(at: a, readOnly: true).auditHead()?.anchor
        #expect(headA != nil)
        #expect(headA == (try RiskStore.open(at: b, readOnly: true).auditHead()?.anchor))
        // The CLI's --as-of 2026-11-27 is the library's 09:30 UTC on that day.
        let (lib, _) = try Fixture.sample(in: dir, name: "lib.sqlite", applications: 120, seed: 7)
        #expect(try lib.auditHead()?.anchor == headA)
    }

    @Test func queueJSONLines() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try Self.seed(dir)
        try #require(seeded.status == 0)
        let run = try Self.run(["queue", "--db", path, "--json", "--limit", "5"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 5)
        let expected = try RiskStore.open(at: path, readOnly: true).approvalQueue(limit: 5).rows.map(\.application.id)
        var ids: [String] = []
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let id = try #require(object?["id"] as? String)
            ids.append(id)
            #expect(object?["stage"] as? String != nil)
            #expect(object?["cursor"] as? String != nil)
        }
        #expect(ids == expected)
    }

    @Test func decideApproveThenAuditVerify() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try Self.seed(dir)
        try #require(seeded.status == 0)

        let verify = try Self.run(["audit", "verify", "--db", path], in: dir)
        #expect(verify.status == 0)
        let n = try RiskStore.open(at: path, readOnly: true).rowCount("audit_log")
        #expect(verify.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok: \(n) entries")

        let app = try #require(try Self.manualReviewApplication(path, withinLimit: true))
        let decide = try Self.run(["decide", "--db", path, "--user", "wang.fang", app.id, "approve"], in: dir)
        #expect(decide.status == 0, "decide failed: \(decide.stderr)")
        #expect(decide.stdout.contains(app.id))
        #expect(try RiskStore.open(at: path, readOnly: true).application(app.id)?.stage == .compliance)

        let after = try Self.run(["audit", "verify", "--db", path], in: dir)
        #expect(after.status == 0)
        #expect(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok: \(n + 1) entries")
    }

    @Test func officerAboveLimitExits3() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try Self.seed(dir)
        try #require(seeded.status == 0)
        let n = try RiskStore.open(at: path, readOnly: true).rowCount("audit_log")
        let app = try #require(try Self.manualReviewApplication(path, withinLimit: false))
        let run = try Self.run(["decide", "--db", path, "--user", "wang.fang", app.id, "approve"], in: dir)
        #expect(run.status == 3)
        #expect(run.stderr.contains("exceeds"), "\(run.stderr)")
        let store = try RiskStore.open(at: path, readOnly: true)
        #expect(try store.application(app.id) == app)
        #expect(try store.rowCount("audit_log") == n)
    }

    @Test func rejectWithoutReasonIsAUsageError() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try Self.seed(dir)
        try #require(seeded.status == 0)
        let app = try #require(try Self.manualReviewApplication(path, withinLimit: true))
        let run = try Self.run(["decide", "--db", path, "--user", "wang.fang", app.id, "reject"], in: dir)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--reason"))
        #expect(try RiskStore.open(at: path, readOnly: true).application(app.id)?.stage == .manualReview)
    }

    @Test func auditVerifyAfterTamperingExits4AndNamesTheEntry() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try Self.seed(dir)
        try #require(seeded.status == 0)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "DROP TRIGGER audit_log_no_update")
                try db.execute(sql: "UPDATE audit_log SET actor = 'nobody', reason = 'quietly changed' WHERE seq = 7")
            }
        }
        let run = try Self.run(["audit", "verify", "--db", path], in: dir)
        #expect(run.status == 4)
        #expect(run.stdout.contains("broken at entry 7"), "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    @Test func missingIdAndNonDatabaseFilesExit65() throws {
        guard Self.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try Self.seed(dir)
        try #require(seeded.status == 0)

        let show = try Self.run(["show", "--db", path, "APP-999999"], in: dir)
        #expect(show.status == 65)
        #expect(show.stderr.contains("APP-999999"))

        let text = dir.path("notes.txt")
        try "not a database\n".write(toFile: text, atomically: true, encoding: .utf8)
        for arguments in [["queue", "--db", text], ["show", "--db", text, "APP-000001"], ["audit", "verify", "--db", text]] {
            let run = try Self.run(arguments, in: dir)
            #expect(run.status == 65, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("not a readable database"), "\(arguments): \(run.stderr)")
        }

        let missing = try Self.run(["queue", "--db", dir.path("missing.sqlite")], in: dir)
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no database"))
    }
}
