import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk settings` through the real binary (issue 6 §6).
@Suite("riskdesk CLI: settings", .serialized)
struct SettingsCLITests {
    typealias CLI = CLITests

    @Test("settings lists every setting with value, default, range and origin, as a table and as JSON lines")
    func list() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let table = try CLI.run(["settings", "--db", path], in: dir)
        #expect(table.status == 0, "\(table.stderr)")
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("policy.four_eyes_threshold_fen ") })
        #expect(row.contains("¥1,000,000"))
        #expect(row.contains("¥10,000 to ¥1,000,000,000"))
        #expect(row.contains("seed "))
        #expect(table.stdout.contains("change with: riskdesk settings set"))

        let json = try CLI.run(["settings", "--db", path, "--json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == DeskSettings.all.count)
        let ratio = try #require(objects.first { $0["key"] as? String == "policy.financing_margin_ratio_bp" })
        #expect(ratio["value"] as? String == "10000")
        #expect(ratio["default"] as? String == "10000")
        #expect(ratio["range"] as? String == "5000 bp to 30000 bp")
        #expect(ratio["changed_by"] as? String == "seed")
    }

    @Test("set: an officer is refused (3), a bad value names the range (64), an unknown key is 65; a supervisor's change is audited and takes effect")
    func set() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let store = try RiskStore.open(at: path, readOnly: true)
        let audit = try store.rowCount("audit_log")

        let officer = try CLI.run(["settings", "set", "--db", path, "--user", "wang.fang", "policy.four_eyes_threshold_fen", "5m",
                                   "--reason", "more room"], in: dir)
        #expect(officer.status == 3, "\(officer.stderr)")
        #expect(officer.stderr.contains("wang.fang (officer) may not change settings"), "\(officer.stderr)")

        for bad in ["1e308", "-1", "9223372036854775807", "abc"] {
            // `--` lets a value start with a minus sign.
            let run = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "--reason", "typo", "--",
                                   "policy.four_eyes_threshold_fen", bad], in: dir)
            #expect(run.status == 64, "\(bad): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("an amount from ¥10,000 to ¥1,000,000,000"), "\(run.stderr)")
        }
        let conflict = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "policy.four_eyes_threshold_fen", "500k",
                                    "--reason", "tighten"], in: dir)
        #expect(conflict.status == 64, "\(conflict.stderr)")
        #expect(conflict.stderr.contains("must not exceed the four-eyes threshold"), "\(conflict.stderr)")
        let unknown = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "policy.nope", "1", "--reason", "x"], in: dir)
        #expect(unknown.status == 65, "\(unknown.stderr)")
        let noReason = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "policy.claim_minutes", "45"], in: dir)
        #expect(noReason.status == 64)
        #expect(try store.rowCount("audit_log") == audit)

        // Lower four eyes just below a pending line within the officer's own limit: her approval now needs a second one.
        let app = try #require(try CLI.manualReviewApplication(path, withinLimit: true))
        let below = Money(fen: app.requestedLine.fen - 100)
        try #require(below >= Money(yuan: 10_000))
        let officerLimit = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "policy.officer_limit_fen", "10000",
                                        "--reason", "route everything to a person"], in: dir)
        #expect(officerLimit.status == 0, "\(officerLimit.stderr)")
        let lowered = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "policy.four_eyes_threshold_fen",
                                   String(below.fen / 100), "--reason", "tighten four eyes"], in: dir)
        #expect(lowered.status == 0, "\(lowered.stderr)")
        #expect(lowered.stdout == "policy.four_eyes_threshold_fen: ¥1,000,000 → \(below.formattedWhole) (by zhao.min)\n")
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "setting.change")
        #expect(entry.record.before == ["value": "100000000"])
        #expect(entry.record.after == ["value": String(below.fen)])
        #expect(entry.record.reason == "tighten four eyes")
        #expect(try store.approvalPolicy().fourEyesThreshold == below)

        let decided = try CLI.run(["decide", "--db", path, "--user", "wang.fang", app.id, "approve"], in: dir)
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(try store.application(app.id)?.stage == .awaitingSecondApproval)
        let verify = try CLI.run(["audit", "verify", "--db", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    @Test("a corrupt stored value is listed as corrupt and makes other changes a data error (65)")
    func corrupt() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        try RiskStore.open(at: path).write { db in
            try db.execute(sql: "UPDATE settings SET value = '1e308' WHERE key = 'policy.claim_minutes'")
        }
        let list = try CLI.run(["settings", "--db", path], in: dir)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("corrupt: '1e308'"))
        let other = try CLI.run(["settings", "set", "--db", path, "--user", "zhao.min", "policy.rollback_days", "3", "--reason", "x"], in: dir)
        #expect(other.status == 65, "\(other.stderr)")
        #expect(other.stderr.contains("policy.claim_minutes has value = '1e308'"), "\(other.stderr)")
        let repair = try CLI.run(["settings", "set", "--db", path, "--user", "trainer", "policy.claim_minutes", "30", "--reason", "repair"], in: dir)
        #expect(repair.status == 0, "\(repair.stderr)")
    }
}
