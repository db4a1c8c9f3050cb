import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk audit anchor`, `audit verify --anchor` and the escaping of people's text, through the built binary.
@Suite("riskdesk audit and plain-text output, end to end", .serialized)
struct AuditCLITests {
    static let payload = "\u{1B}]0;PWNED\u{07}\u{1B}[2J"
    static let escapedPayload = #"\e]0;PWNED\u{7}\e[2J"#
    static let forgedLine = "ok\n#9999  2026-11-27T09:30:00.000Z  zhao.min  decision.approve  application:APP-000001  forged"

    static func run(_ arguments: [String], in dir: TempDir) throws -> CLITests.Run { try CLITests.run(arguments, in: dir) }

    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func anchorThenVerifyWithIt() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0, "\(seeded.stderr)")

        let anchor = try Self.run(["audit", "anchor", "--db", path], in: dir)
        #expect(anchor.status == 0, "\(anchor.stderr)")
        let head = try #require(try RiskStore.open(at: path, readOnly: true).auditHead())
        #expect(anchor.stdout == "\(head.sequence):\(head.hash)\n", "stdout carries the anchor and nothing else")
        #expect(anchor.stderr.contains("keep it outside"))
        let text = anchor.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let ok = try Self.run(["audit", "verify", "--db", path, "--anchor", text], in: dir)
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        #expect(ok.stdout == "ok: \(head.sequence) entries\n")

        for bad in ["12", "12:xyz", "0:\(head.hash)", "abc:\(head.hash)", "\(head.sequence):\(head.hash.dropLast())"] {
            let usage = try Self.run(["audit", "verify", "--db", path, "--anchor", bad], in: dir)
            #expect(usage.status == 64, "\(bad): \(usage.stderr)")
            #expect(usage.stderr.contains("SEQ:HASH"), "\(bad): \(usage.stderr)")
        }

        // Rewrite the seed entry consistently (every later hash and the head recomputed): only the anchor sees it.
        try AuditTamperTests.rehash(try RiskStore.open(at: path), from: 1) { $0.reason = "real data, honestly" }
        let plain = try Self.run(["audit", "verify", "--db", path], in: dir)
        #expect(plain.status == 0, "a consistent rehash passes without an anchor: \(plain.stdout)")
        let caught = try Self.run(["audit", "verify", "--db", path, "--anchor", text], in: dir)
        #expect(caught.status == 4)
        #expect(caught.stdout.contains("broken at entry \(head.sequence): "), "\(caught.stdout)")
        #expect(caught.stdout.contains("anchor"), "\(caught.stdout)")
    }

    @Test func truncatedChainFailsTheAnchorAndBrokenLogsAreNotAnchored() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let text = try Self.run(["audit", "anchor", "--db", path], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let anchor = try #require(AuditAnchor(parsing: text))
        // The sample ends with alert entries, which no table replays: cut two (triggers dropped and restored).
        let kept = try #require(try RiskStore.open(at: path, readOnly: true).auditTail(count: 3).first)
        #expect(kept.record.action.hasPrefix("alert."))
        try AuditTamperTests.tamper(path, "DELETE FROM audit_log WHERE seq > \(kept.sequence)")
        #expect(try Self.run(["audit", "verify", "--db", path], in: dir).status == 0)
        let cut = try Self.run(["audit", "verify", "--db", path, "--anchor", text], in: dir)
        #expect(cut.status == 4)
        #expect(cut.stdout.contains("the chain ends at \(kept.sequence) but the anchor is entry \(anchor.sequence)"), "\(cut.stdout)")

        try AuditTamperTests.tamper(path, "DELETE FROM audit_log")
        let empty = try Self.run(["audit", "verify", "--db", path], in: dir)
        #expect(empty.status == 4)
        #expect(empty.stdout.hasPrefix("broken: the audit log is empty"))
        let refused = try Self.run(["audit", "anchor", "--db", path], in: dir)
        #expect(refused.status == 4)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("not anchoring"))
    }

    @Test func editedDecisionRowExits4() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let row = try AuditTamperTests.approvedRow(try RiskStore.open(at: path, readOnly: true))
        try AuditTamperTests.tamper(path, dropTriggers: false, "UPDATE decisions SET line_fen = line_fen * 10 WHERE id = ?", arguments: [row.id])
        let run = try Self.run(["audit", "verify", "--db", path], in: dir)
        #expect(run.status == 4)
        #expect(run.stdout.contains("decision row \(row.id) of \(row.app)"), "\(run.stdout)")
    }

    /// A seeded database with the escape payload and a forged audit line as notes on one application.
    static func seedWithHostileNotes(_ dir: TempDir) throws -> (path: String, app: String) {
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let app = try #require(try CLITests.manualReviewApplication(path, withinLimit: true))
        let store = try RiskStore.open(at: path)
        try store.addNote(app.id, by: "wang.fang", text: payload)
        try store.addNote(app.id, by: "wang.fang", text: forgedLine)
        return (path, app.id)
    }

    @Test func auditTailEscapesPeoplesText() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, _) = try Self.seedWithHostileNotes(dir)
        let tail = try Self.run(["audit", "tail", "--db", path, "-n", "2"], in: dir)
        #expect(tail.status == 0, "\(tail.stderr)")
        #expect(!Self.hasControlCharacters(tail.stdout))
        let lines = tail.stdout.split(separator: "\n")
        #expect(lines.count == 2, "a note's newline must not forge a line: \(lines)")
        #expect(lines.first?.contains("\"\(Self.escapedPayload)\"") == true, "\(tail.stdout)")
        #expect(lines.last?.contains(#""ok\n#9999  2026-11-27T09:30:00.000Z  zhao.min"#) == true, "\(tail.stdout)")
        #expect(!tail.stdout.contains("\n#9999"))

        // JSON keeps JSON's escaping: no raw control character, and the text decodes to what was written.
        let json = try Self.run(["audit", "tail", "--db", path, "-n", "2", "--json"], in: dir)
        #expect(json.status == 0)
        #expect(!Self.hasControlCharacters(json.stdout))
        let reasons = try json.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["reason"] as? String
        }
        #expect(reasons == [Self.payload, Self.forgedLine])

        #expect(try Self.run(["audit", "verify", "--db", path], in: dir).status == 0, "hostile text is still verifiable text")
    }

    @Test func showEscapesNotesAndNames() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, app) = try Self.seedWithHostileNotes(dir)
        try AuditTamperTests.tamper(path, dropTriggers: false,
                                    "UPDATE customers SET name = ? WHERE id = (SELECT customer_id FROM applications WHERE id = ?)",
                                    arguments: ["张\u{202E}伟\u{1B}[31m", app])
        let show = try Self.run(["show", "--db", path, app], in: dir)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(!Self.hasControlCharacters(show.stdout))
        #expect(!show.stdout.contains("\u{202E}"))
        #expect(show.stdout.contains(Self.escapedPayload))
        #expect(show.stdout.contains(#"张\u{202E}伟\e[31m"#))
        let forged = show.stdout.split(separator: "\n").filter { $0.contains("#9999") }
        #expect(forged.count == 1)
        #expect(forged.first?.contains(#""ok\n#9999"#) == true, "\(forged)")

        let queue = try Self.run(["queue", "--db", path, "--limit", "500"], in: dir)
        #expect(queue.status == 0)
        #expect(!Self.hasControlCharacters(queue.stdout))
        #expect(queue.stdout.contains(#"张\u{202E}伟\e[31m"#))
        let queueJSON = try Self.run(["queue", "--db", path, "--limit", "500", "--json"], in: dir)
        #expect(!Self.hasControlCharacters(queueJSON.stdout))
        #expect(!queueJSON.stdout.contains("\u{202E}"))
        #expect(queueJSON.stdout.contains(#"\u202e"#))
    }

    @Test func usersAndErrorMessagesAreEscaped() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        try RiskStore.open(at: path).addUser(User(name: "mallory", displayName: "Mal\(Self.payload)", role: .officer,
                                                 approvalLimit: Money(yuan: 1)))
        let users = try Self.run(["users", "--db", path], in: dir)
        #expect(users.status == 0)
        #expect(!Self.hasControlCharacters(users.stdout))
        #expect(users.stdout.contains("Mal" + Self.escapedPayload))

        let show = try Self.run(["show", "--db", path, "APP-\(Self.payload)"], in: dir)
        #expect(show.status == 65)
        #expect(!Self.hasControlCharacters(show.stderr))
        #expect(show.stderr.contains("APP-" + Self.escapedPayload))

        let stage = try Self.run(["queue", "--db", path, "--stage", Self.payload], in: dir)
        #expect(stage.status == 64)
        #expect(!Self.hasControlCharacters(stage.stderr))
        #expect(stage.stderr.contains(Self.escapedPayload), "\(stage.stderr)")
    }
}
