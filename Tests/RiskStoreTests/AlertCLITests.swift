import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk alerts` and `riskdesk alert ack|assign|resolve|snooze|escalate` through the real binary (issue 7 §6).
@Suite("riskdesk CLI: alerts", .serialized)
struct AlertCLITests {
    typealias CLI = CLITests

    /// The first listed alert of `severity` in the seeded sample, as the store lists them.
    static func alert(_ path: String, _ severity: Severity, skipping: Set<Int64> = []) throws -> StoredAlert {
        let store = try RiskStore.open(at: path, readOnly: true)
        return try #require(try store.openAlerts(limit: 100_000).first { $0.severity == severity && !skipping.contains($0.id) })
    }

    static func jsonObjects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test("alerts lists the open alerts with the pane's filters, as a table and as JSON lines; --mine follows assignment")
    func list() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let store = try RiskStore.open(at: path, readOnly: true)
        let counts = try store.openAlertCounts()
        let total = counts.values.reduce(0, +)
        try #require(total > 0 && (counts[.critical] ?? 0) > 0)

        let all = try CLI.run(["alerts", "--db", path, "--open", "--json", "--limit", "10000"], in: dir)
        #expect(all.status == 0, "\(all.stderr)")
        let objects = try Self.jsonObjects(all.stdout)
        #expect(objects.count == total)
        #expect(objects.first?["severity"] as? String == "critical", "critical first")

        let critical = try Self.jsonObjects(try CLI.run(["alerts", "--db", path, "--open", "--critical", "--json", "--limit", "10000"], in: dir).stdout)
        #expect(critical.count == counts[.critical])
        #expect(critical.allSatisfy { $0["severity"] as? String == "critical" })
        let calls = try Self.jsonObjects(try CLI.run(["alerts", "--db", path, "--open", "--calls", "--json", "--limit", "10000"], in: dir).stdout)
        #expect(calls.allSatisfy { ["margin.warning", "margin.closeout"].contains($0["rule"] as? String ?? "") })
        #expect(calls.count == (try store.openAlerts(limit: 100_000).filter { $0.rule.hasPrefix("margin.") }.count))

        let table = try CLI.run(["alerts", "--db", path, "--open", "--critical", "--limit", "5"], in: dir)
        #expect(table.status == 0)
        #expect(table.stdout.contains("CRIT"))
        #expect(table.stdout.contains("\(min(5, counts[.critical] ?? 0)) of \(counts[.critical] ?? 0) open (critical)"), "\(table.stdout)")

        // Nothing is anyone's until assigned; then it is wang.fang's and no longer unassigned.
        #expect(try CLI.run(["alerts", "--db", path, "--open", "--mine", "--user", "wang.fang", "--json"], in: dir).stdout.isEmpty)
        let target = try Self.alert(path, .warning)
        let assign = try CLI.run(["alert", "assign", String(target.id), "--db", path, "--user", "wang.fang"], in: dir)
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(assign.stdout.contains("assigned to wang.fang"), "\(assign.stdout)")
        let mine = try Self.jsonObjects(try CLI.run(["alerts", "--db", path, "--open", "--mine", "--user", "wang.fang", "--json"], in: dir).stdout)
        #expect(mine.map { $0["id"] as? Int64 } == [target.id])
        #expect(mine.first?["assignee"] as? String == "wang.fang")
        let unassigned = try Self.jsonObjects(try CLI.run(["alerts", "--db", path, "--open", "--unassigned", "--json", "--limit", "10000"], in: dir).stdout)
        #expect(unassigned.count == total - 1)

        let both = try CLI.run(["alerts", "--db", path, "--mine", "--unassigned", "--user", "wang.fang"], in: dir)
        #expect(both.status == 64)
        #expect(both.stderr.contains("exclude each other"))
        #expect(try CLI.run(["alerts", "--db", path, "--limit", "0"], in: dir).status == 64)
        // Without --open: the most recent alerts in any state, newest first.
        let recent = try Self.jsonObjects(try CLI.run(["alerts", "--db", path, "--json", "--limit", "3"], in: dir).stdout)
        #expect(recent.count == 3)
        let ids = recent.compactMap { $0["id"] as? Int64 }
        #expect(ids == ids.sorted(by: >))
    }

    @Test("each step through the CLI, and each refusal with its exit code and reason; the audit chain verifies afterwards")
    func steps() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let critical = try Self.alert(path, .critical)
        let warning = try Self.alert(path, .warning)
        let other = try Self.alert(path, .warning, skipping: [warning.id])
        let c = String(critical.id), w = String(warning.id), o = String(other.id)
        func run(_ arguments: [String]) throws -> CLITests.Run { try CLI.run(arguments + ["--db", path], in: dir) }
        let audit = try RiskStore.open(at: path, readOnly: true).rowCount("audit_log")

        // An officer may not resolve a critical alert: exit 3 with the reason.
        let officerResolve = try run(["alert", "resolve", c, "--disposition", "topped_up", "--user", "wang.fang"])
        #expect(officerResolve.status == 3)
        #expect(officerResolve.stderr.contains("wang.fang (officer) may not resolve critical alerts"), "\(officerResolve.stderr)")
        // Nor assign it to someone else; an auditor may not acknowledge.
        let officerAssign = try run(["alert", "assign", c, "li.na", "--user", "wang.fang"])
        #expect(officerAssign.status == 3)
        #expect(officerAssign.stderr.contains("may not assign alerts to someone else"), "\(officerAssign.stderr)")
        let auditor = try run(["alert", "ack", c, "--user", "zhou.qiang"])
        #expect(auditor.status == 3)
        #expect(auditor.stderr.contains("zhou.qiang (auditor) may not acknowledge alerts"), "\(auditor.stderr)")
        // auto_cleared is the engine's; other needs a note; an unknown disposition is bad input.
        let reserved = try run(["alert", "resolve", w, "--disposition", "auto_cleared", "--user", "zhao.min"])
        #expect(reserved.status == 3)
        #expect(reserved.stderr.contains("only by the alert engine"), "\(reserved.stderr)")
        let noNote = try run(["alert", "resolve", w, "--disposition", "other", "--user", "zhao.min"])
        #expect(noNote.status == 3)
        #expect(noNote.stderr.contains("resolving an alert as other needs a note"), "\(noNote.stderr)")
        let unknown = try run(["alert", "resolve", w, "--disposition", "fixed", "--user", "zhao.min"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("false_positive, topped_up, position_reduced, other"), "\(unknown.stderr)")
        // Snooze lengths are parsed with checks; longer than the maximum (3 days) is refused by the rule.
        for bad in ["4x", "-2h", "0m", "1e3h", ""] {
            let run = try run(["alert", "snooze", w, "--for", bad, "--user", "wang.fang"])
            #expect(run.status == 64, "\(bad): \(run.stderr)")
        }
        let tooLong = try run(["alert", "snooze", w, "--for", "4d", "--user", "wang.fang"])
        #expect(tooLong.status == 3)
        #expect(tooLong.stderr.contains("a snooze of 4d is longer than the maximum of 3d"), "\(tooLong.stderr)")
        #expect(try run(["alert", "escalate", w, "--reason", "  ", "--user", "wang.fang"]).status == 64)
        #expect(try run(["alert", "ack", "999999", "--user", "wang.fang"]).status == 65)
        #expect(try run(["alert", "ack", "0", "--user", "wang.fang"]).status == 64)
        #expect(try RiskStore.open(at: path, readOnly: true).rowCount("audit_log") == audit, "refusals write nothing")

        // The steps themselves.
        let ack = try run(["alert", "ack", w, "--user", "wang.fang"])
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(ack.stdout.contains("alert \(w): acknowledged → acknowledged (version 2)"), "\(ack.stdout)")
        let again = try run(["alert", "ack", w, "--user", "li.na"])
        #expect(again.status == 3)
        #expect(again.stderr.contains("alert \(w) is acknowledged, not open"))
        let snooze = try run(["alert", "snooze", w, "--for", "4h", "--user", "wang.fang"])
        #expect(snooze.status == 0, "\(snooze.stderr)")
        #expect(snooze.stdout.contains("→ snoozed until"))
        let open = try CLI.run(["alerts", "--db", path, "--open", "--json", "--limit", "10000"], in: dir)
        #expect(!(try Self.jsonObjects(open.stdout)).contains { $0["id"] as? Int64 == warning.id }, "a snoozed alert leaves the open list")

        let escalate = try run(["alert", "escalate", o, "--reason", "customer unreachable", "--user", "wang.fang"])
        #expect(escalate.status == 0, "\(escalate.stderr)")
        let officerOnEscalated = try run(["alert", "resolve", o, "--disposition", "false_positive", "--user", "li.na"])
        #expect(officerOnEscalated.status == 3)
        #expect(officerOnEscalated.stderr.contains("may not resolve escalated alerts"), "\(officerOnEscalated.stderr)")
        let supervisor = try run(["alert", "resolve", o, "--disposition", "other", "--note", "duplicate of a closed case", "--user", "zhao.min"])
        #expect(supervisor.status == 0, "\(supervisor.stderr)")
        #expect(supervisor.stdout.contains("resolved as other by zhao.min"), "\(supervisor.stdout)")
        let assign = try run(["alert", "assign", c, "li.na", "--user", "zhao.min"])
        #expect(assign.status == 0, "\(assign.stderr)")
        let resolveCritical = try run(["alert", "resolve", c, "--disposition", "position_reduced", "--user", "zhao.min"])
        #expect(resolveCritical.status == 0, "\(resolveCritical.stderr)")

        let stored = try RiskStore.open(at: path, readOnly: true)
        #expect(try stored.alert(other.id)?.resolutionNote == "duplicate of a closed case")
        #expect(try stored.alert(critical.id)?.disposition == "position_reduced")
        #expect(try stored.alert(critical.id)?.assignee == "li.na")
        #expect(try stored.rowCount("audit_log") == audit + 6)
        let verify = try CLI.run(["audit", "verify", "--db", path], in: dir)
        #expect(verify.status == 0, "\(verify.stderr)")
    }
}
