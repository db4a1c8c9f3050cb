import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk model list|show|export|import|challenge|propose|rollback|approve|withdraw` through the real binary.
@Suite("riskdesk CLI: model registry", .serialized)
struct ModelRegistryCLITests {
    typealias CLI = CLITests
    let login = SystemLogin.current()

    @Test("on real data the proposer cannot approve, not even under a second name of the same login; another person can")
    func fourEyesOnRealData() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: false)
        try #require(seeded.status == 0)
        let card = ModelRegistryStoreTests.harsher
        let file = dir.path("card.json")
        try card.exportedJSON().write(to: URL(fileURLWithPath: file))
        #expect(try CLI.run(["users", "map", "--db", path, login, "zhao.min"], in: dir).status == 0)

        let imported = try CLI.run(["model", "import", "--db", path, file], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported \(card.version) (default_12m, 9 characteristics) as a candidate by zhao.min"))
        // Twice: refused.
        let again = try CLI.run(["model", "import", "--db", path, file], in: dir)
        #expect(again.status == 3)
        #expect(again.stderr.contains("already in the registry"))
        // Promoting a candidate that never was a challenger.
        let early = try CLI.run(["model", "propose", "--db", path, card.version, "--reason", "skip the shadow"], in: dir)
        #expect(early.status == 3)
        #expect(early.stderr.contains("is a candidate: only a challenger can be proposed for champion"), "\(early.stderr)")

        #expect(try CLI.run(["model", "challenge", "--db", path, card.version, "--reason", "holdout AUC"], in: dir).status == 0)
        let proposed = try CLI.run(["model", "propose", "--db", path, card.version, "--reason", "beats the default"], in: dir)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.hasPrefix("proposal #1: promote \(card.version) to champion of default_12m (replacing sc-2026.1)"))

        let list = try CLI.run(["model", "list", "--db", path], in: dir)
        #expect(list.stdout.contains("#1 promote by zhao.min (replaces sc-2026.1)"), "\(list.stdout)")
        let json = try CLI.run(["model", "list", "--db", path, "--json"], in: dir)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["status"] as? String } == ["champion", "challenger", "retired"])

        // The proposer approving: refused. Typing another supervisor's name: refused by identity.
        let own = try CLI.run(["model", "approve", "--db", path, "1"], in: dir)
        #expect(own.status == 3)
        #expect(own.stderr.contains("four eyes"), "\(own.stderr)")
        let typed = try CLI.run(["model", "approve", "--db", path, "--user", "david.lin", "1"], in: dir)
        #expect(typed.status == 3)
        #expect(typed.stderr.contains("may act only as zhao.min, not as david.lin"), "\(typed.stderr)")
        // Mapping the same login to a second supervisor does not make it a second person.
        #expect(try CLI.run(["users", "map", "--db", path, login, "david.lin"], in: dir).status == 0)
        let twoNames = try CLI.run(["model", "approve", "--db", path, "--user", "david.lin", "1"], in: dir)
        #expect(twoNames.status == 3)
        #expect(twoNames.stderr.contains("both names are used by the login '\(login)': one person"), "\(twoNames.stderr)")

        // Another person, at another login, approves: the queue is re-scored and re-priced, the chain verifies.
        let other = try RiskStore.open(at: path, login: "david-\(UUID().uuidString.prefix(6))")
        try other.write { db in try db.execute(sql: "DELETE FROM user_logins WHERE user_name = 'david.lin'") }
        let result = try other.approveModelProposal(1, by: "david.lin")
        #expect(result.to == card.version)
        #expect(result.rescored > 0)
        #expect(result.repriced == result.rescored)
        let verify = try CLI.run(["audit", "verify", "--db", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        let show = try CLI.run(["model", "show", "--db", path, card.version], in: dir)
        #expect(show.stdout.contains("\(card.version) · default_12m · champion"))
        #expect(show.stdout.contains("content hash \(card.version) matches"))
        #expect(show.stdout.contains("base points 450"))
        #expect(show.stdout.contains("≥ 60 months"))
    }

    @Test("on training data personas count as people: propose, approve, roll back, withdraw, export")
    func trainingRoundTrip() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir)
        try #require(seeded.status == 0)
        let card = ModelRegistryStoreTests.harsher
        let file = dir.path("card.json")
        try card.exportedJSON().write(to: URL(fileURLWithPath: file))
        #expect(try CLI.run(["model", "import", "--db", path, "--user", "zhao.min", file], in: dir).status == 0)
        #expect(try CLI.run(["model", "challenge", "--db", path, "--user", "zhao.min", card.version, "--reason", "r"], in: dir).status == 0)
        #expect(try CLI.run(["model", "propose", "--db", path, "--user", "zhao.min", card.version, "--reason", "r"], in: dir).status == 0)
        let officer = try CLI.run(["model", "approve", "--db", path, "--user", "wang.fang", "1"], in: dir)
        #expect(officer.status == 3)
        #expect(officer.stderr.contains("wang.fang (officer) may not approve a model switch"), "\(officer.stderr)")
        let approved = try CLI.run(["model", "approve", "--db", path, "--user", "david.lin", "1"], in: dir)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout.contains("approved #1: \(card.version) is champion of default_12m (was sc-2026.1)"))

        let rollback = try CLI.run(["model", "rollback", "--db", path, "--user", "david.lin", "--reason", "PSI 0.3"], in: dir)
        #expect(rollback.status == 0, "\(rollback.stderr)")
        #expect(rollback.stdout.contains("roll default_12m back from \(card.version) to sc-2026.1"))
        let withdraw = try CLI.run(["model", "withdraw", "--db", path, "--user", "zhao.min", "2", "--reason", "false alarm"], in: dir)
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        let stale = try CLI.run(["model", "approve", "--db", path, "--user", "zhao.min", "2"], in: dir)
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("proposal #2 is withdrawn, not pending"))

        let out = dir.path("back.json")
        let exported = try CLI.run(["model", "export", "--db", path, card.version, "--out", out], in: dir)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try Scorecard.imported(from: Data(contentsOf: URL(fileURLWithPath: out))) == card)
        // A tampered file is refused before anything is written.
        let text = try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "\"basePoints\" : 450", with: "\"basePoints\" : 520")
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["model", "import", "--db", path, "--user", "zhao.min", out], in: dir)
        #expect(tampered.status == 65)
        #expect(tampered.stderr.contains("does not match its version"), "\(tampered.stderr)")
        #expect(try CLI.run(["audit", "verify", "--db", path], in: dir).status == 0)
    }
}
