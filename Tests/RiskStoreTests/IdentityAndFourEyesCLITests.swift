import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Who is at the keyboard, and four eyes, through the real binary (issue 6 §2 and §4).
@Suite("riskdesk CLI: identity and four eyes", .serialized)
struct IdentityAndFourEyesCLITests {
    typealias CLI = CLITests
    let login = SystemLogin.current()

    @Test("on real data --user is refused unless it names the user this login maps to; mapping is a supervisor's, audited")
    func userBoundToLogin() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: false)
        try #require(seeded.status == 0)
        let app = try #require(try CLI.manualReviewApplication(path, withinLimit: true))

        // Nobody is mapped: typing a name gets nobody anywhere.
        let unmapped = try CLI.run(["decide", "--db", path, "--user", "wang.fang", app.id, "reject", "--reason", "R02"], in: dir)
        #expect(unmapped.status == 3)
        #expect(unmapped.stderr.contains("may not act as wang.fang"), "\(unmapped.stderr)")

        // The bootstrap maps this login to a supervisor, never to an officer.
        let officerFirst = try CLI.run(["users", "map", "--db", path, login, "wang.fang"], in: dir)
        #expect(officerFirst.status == 3)
        #expect(officerFirst.stderr.contains("the first mapping must be to a supervisor"))
        let bootstrap = try CLI.run(["users", "map", "--db", path, login, "zhao.min"], in: dir)
        #expect(bootstrap.status == 0, "\(bootstrap.stderr)")

        // One person typing a second name: refused, nothing written.
        let store = try RiskStore.open(at: path, readOnly: true)
        let audit = try store.rowCount("audit_log")
        let asOther = try CLI.run(["decide", "--db", path, "--user", "david.lin", app.id, "approve"], in: dir)
        #expect(asOther.status == 3)
        #expect(asOther.stderr.contains("may act only as zhao.min, not as david.lin"), "\(asOther.stderr)")
        #expect(try store.rowCount("audit_log") == audit)

        // Without --user the process acts as its mapped user, and the decision says so.
        let decided = try CLI.run(["decide", "--db", path, app.id, "approve"], in: dir)
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(try store.decisions(for: app.id).last?.actor == "zhao.min")
        // The audit entry names the desk user and the login at the keyboard; the generated history says `sample`.
        let entry = try #require(try store.auditTail(count: 1, subject: "application:\(app.id)").last)
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.login == login)
        #expect(try store.auditTail(count: 1_000).filter { $0.record.action == "application.create" }.allSatisfy { $0.record.login == "sample" })

        // The mappings are audited and listed.
        let maps = try store.auditTail(count: 50).filter { $0.record.action == "identity.map" }
        #expect(maps.map(\.record.subject) == ["login:\(login)"])
        #expect(maps.first?.record.reason.hasPrefix("bootstrap") == true)
        let list = try CLI.run(["users", "--db", path], in: dir)
        #expect(list.stdout.contains("this process's login: \(login)"))
    }

    @Test("a login not mapped to a supervisor cannot map logins once the bootstrap is done")
    func onlySupervisorsMap() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (seeded, _) = try Fixture.sample(in: dir, name: "ids.sqlite", applications: 20, seed: 3)
        let path = seeded.path
        try RiskStore.open(at: path, login: "sam").mapLogin("sam", to: "zhao.min")
        try RiskStore.open(at: path, login: "sam").mapLogin("olga", to: "wang.fang")
        // olga (an officer) tries to give herself a supervisor's name; mallory, unmapped, tries anything.
        #expect(storeError { try RiskStore.open(at: path, login: "olga").mapLogin("olga", to: "david.lin") }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "map logins to desk users")))
        #expect(storeError { try RiskStore.open(at: path, login: "mallory").mapLogin("mallory", to: "zhao.min") }
            == .refused(.loginNotMapped(login: "mallory")))
        #expect(try RiskStore.open(at: path, readOnly: true).mappedUsers(login: "olga") == ["wang.fang"])
        #expect(storeError { try RiskStore.open(at: path, login: "sam").mapLogin("-rf", to: "wang.fang") }
            == .invalidInput("'-rf' is not a login name (letters, digits, . _ -; at most 64)"))
    }

    @Test("on training data --user switches personas freely")
    func trainingPersonas() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let app = try #require(try CLI.manualReviewApplication(path, withinLimit: true))
        let run = try CLI.run(["decide", "--db", path, "--user", "li.na", app.id, "approve"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try RiskStore.open(at: path, readOnly: true).decisions(for: app.id).last?.actor == "li.na")
    }

    @Test("two supervisors both meaning a first approval: the second is refused; a named second approval goes through")
    func racingFirstApprovals() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let app = try #require(try CLI.manualReviewApplication(path, withinLimit: false))
        let first = try CLI.run(["decide", "--db", path, "--user", "zhao.min", app.id, "approve"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let racing = try CLI.run(["decide", "--db", path, "--user", "david.lin", app.id, "approve"], in: dir)
        #expect(racing.status == 3)
        #expect(racing.stderr.contains("zhao.min already gave the first approval"), "\(racing.stderr)")
        let store = try RiskStore.open(at: path, readOnly: true)
        #expect(try store.application(app.id)?.stage == .awaitingSecondApproval)
        let second = try CLI.run(["decide", "--db", path, "--user", "david.lin", app.id, "approve", "--second"], in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try store.application(app.id)?.stage == .compliance)
        // An officer cannot undo it from compliance.
        let undo = try CLI.run(["decide", "--db", path, "--user", "wang.fang", app.id, "reject", "--reason", "R02"], in: dir)
        #expect(undo.status == 3)
        #expect(undo.stderr.contains("only a supervisor may reject an application in compliance"), "\(undo.stderr)")
    }

    @Test("overrides: extreme integers and values beyond the policy are usage errors, not crashes; the rate is recorded")
    func overrides() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let app = try #require(try CLI.manualReviewApplication(path, withinLimit: true))
        for value in ["-9223372036854775808", "9223372036854775807", "400"] {
            let run = try CLI.run(["decide", "--db", path, "--user", "zhao.min", app.id, "approve", "--price-override=\(value)"], in: dir)
            #expect(run.status == 64, "override \(value): \(run.status) \(run.stderr)")
        }
        let quoted = try #require(try RiskStore.open(at: path, readOnly: true).application(app.id)?.quotedRate)
        let floor = 450, cap = 1_200
        let override = quoted.value - 30 >= floor ? -30 : (quoted.value + 30 <= cap ? 30 : 0)
        let run = try CLI.run(["decide", "--db", path, "--user", "zhao.min", app.id, "approve", "--price-override=\(override)"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let decision = try #require(try RiskStore.open(at: path, readOnly: true).decisions(for: app.id).last)
        #expect(decision.rate == BasisPoints(quoted.value + override))
    }

    @Test("a note over the limit is a usage error on the CLI and invalid input in the store; nothing is written")
    func noteLimit() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)
        let app = try #require(try CLI.manualReviewApplication(path, withinLimit: true))
        let store = try RiskStore.open(at: path)
        let audit = try store.rowCount("audit_log")
        let long = String(repeating: "长", count: 2_001)
        let run = try CLI.run(["decide", "--db", path, "--user", "wang.fang", app.id, "escalate", "--note", long], in: dir)
        #expect(run.status == 64)
        #expect(run.stderr.contains("at most 2,000 characters; this one has 2,001"), "\(run.stderr)")
        #expect(storeError { try store.addNote(app.id, by: "wang.fang", text: long) }
            == .invalidInput("a note may hold at most 2,000 characters; this one has 2,001"))
        #expect(try store.rowCount("audit_log") == audit)
    }
}
