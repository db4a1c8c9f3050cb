import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("settings and pricing")
struct SettingsTests {
    @Test func supervisorChangesAPricingParameterWithAnAuditEntry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        #expect(try store.pricingParameters().floor == BasisPoints(450))
        let auditBefore = try store.rowCount("audit_log")

        let updated = try store.setPricingParameter("floor_bp", to: "600", by: "zhao.min", reason: "funding cost up", at: Fixture.later)
        #expect(updated.floor == BasisPoints(600))
        #expect(try store.pricingParameters().floor == BasisPoints(600))
        // One audited change for the parameter and the pending quotes it re-priced (the same transaction): the four
        // fixture applications price at 584 today (250 + 135 + 80 + 144 − 25 loyalty) under the old floor and at the
        // new floor of 600 under the new one, so the change moves all four, to 600.
        #expect(try store.rowCount("audit_log") == auditBefore + 1)
        let changes = try store.auditTail(count: 100).filter { $0.record.action == "pricing.change" }
        let entry = try #require(changes.last)
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.subject == "pricing:floor_bp")
        #expect(entry.record.before == ["value": "450", "pricing_version": "1"])
        #expect(entry.record.after == ["value": "600", "pricing_version": "2", "repriced_quotes": "4",
                                       "repriced": "APP-BIG@2 APP-CLAIM@2 APP-MID@2 APP-SMALL@2"])
        #expect(entry.record.reason == "funding cost up")
        #expect(try store.auditTail(count: 100).filter { $0.record.action == "pricing.requote" }.isEmpty)
        #expect(try store.currentQuote(for: Fixture.small)?.quote.rate == BasisPoints(600))

        // A second change records the previous stored value as "before"; a floor lowered to 590 is still above
        // what the inputs price at (584), so each quote moves to 590.
        _ = try store.setPricingParameter("floor_bp", to: "590", by: "david.lin", reason: "again", at: Fixture.later)
        let second = try #require(try store.auditTail(count: 100).last { $0.record.action == "pricing.change" })
        #expect(second.record.before == ["value": "600", "pricing_version": "2"])
        #expect(second.record.after == ["value": "590", "pricing_version": "3", "repriced_quotes": "4",
                                        "repriced": "APP-BIG@3 APP-CLAIM@3 APP-MID@3 APP-SMALL@3"])
        // A cap cut from 1200 to 1100 prices none of them differently: nothing is re-quoted.
        _ = try store.setPricingParameter("cap_bp", to: "1100", by: "zhao.min", reason: "cap", at: Fixture.later)
        let third = try #require(try store.auditTail(count: 100).last { $0.record.action == "pricing.change" })
        #expect(third.record.after == ["value": "1100", "pricing_version": "4", "repriced_quotes": "0"])
        #expect(try store.currentQuote(for: Fixture.small)?.quote.rate == BasisPoints(590))
        #expect(try store.verifyAuditChain() == .intact(entries: auditBefore + 3))
        // Other parameters are untouched.
        #expect(try store.pricingParameters().fundingCost == BasisPoints(250))
    }

    @Test func officerAndAuditorMayNotEditPricing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let auditBefore = try store.rowCount("audit_log")
        #expect(storeError { try store.setPricingParameter("floor_bp", to: "500", by: "wang.fang", reason: "r", at: Fixture.later) }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "edit pricing")))
        #expect(storeError { try store.setPricingParameter("floor_bp", to: "500", by: "zhou.qiang", reason: "r", at: Fixture.later) }
            == .refused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "edit pricing")))
        #expect(try store.pricingParameters().floor == BasisPoints(450))
        #expect(try store.rowCount("audit_log") == auditBefore)
        #expect(try store.rowCount("pricing_parameters") == 0)
    }

    @Test func invalidValuesAreRefusedWithAMessage() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let cases: [(String, String, String)] = [
            ("floor_bp", "abc", "not a number"),
            ("floor_bp", "2000", "cap_bp"),
            ("lgd_pct", "150", "0–100"),
            ("no_such_thing", "1", "unknown pricing parameter"),
            ("fee_bp", "nan", "not a number"),
        ]
        for (name, value, fragment) in cases {
            let error = storeError { try store.setPricingParameter(name, to: value, by: "zhao.min", reason: "r", at: Fixture.later) }
            guard case let .invalidInput(message)? = error else {
                Issue.record("\(name)=\(value): expected .invalidInput, got \(String(describing: error))")
                continue
            }
            #expect(message.contains(fragment), "\(name)=\(value): \(message)")
            #expect(!message.isEmpty)
        }
        #expect(try store.rowCount("audit_log") == Fixture.storeAuditEntries)
        #expect(try store.rowCount("pricing_parameters") == 0)
        #expect(try store.pricingParameters() == PricingParameters())
    }

    /// A floor above the default cap is valid once the cap was raised; it must survive being read back.
    @Test func floorAboveTheDefaultCapSurvivesAReload() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        _ = try store.setPricingParameter("floor_bp", to: "400", by: "zhao.min", reason: "r", at: Fixture.later)
        _ = try store.setPricingParameter("cap_bp", to: "1500", by: "zhao.min", reason: "r", at: Fixture.later)
        let accepted = try store.setPricingParameter("floor_bp", to: "1300", by: "zhao.min", reason: "r", at: Fixture.later)
        #expect(accepted.floor == BasisPoints(1_300))
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT value FROM pricing_parameters WHERE name = 'floor_bp'") } == "1300")
        let reloaded = try store.pricingParameters()
        #expect(reloaded.cap == BasisPoints(1_500))
        #expect(reloaded.floor == BasisPoints(1_300),
                "stored floor_bp=1300 (cap 1500) read back as \(reloaded.floor.value): the rows are applied one by one against the default cap of 1200")
    }

    @Test func settingsAndPolicy() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        #expect(try store.setting(SettingKey.fourEyesThreshold) == nil)
        #expect(try store.approvalPolicy() == ApprovalPolicy())
        try store.changeSetting(SettingKey.fourEyesThreshold, to: "2m", by: "zhao.min", reason: "board decision", at: Fixture.later)
        #expect(try store.approvalPolicy().fourEyesThreshold == Money(yuan: 2_000_000))
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "setting.change")
        #expect(entry.record.subject == "setting:\(SettingKey.fourEyesThreshold)")
        // Nothing was stored before: the entry records the default that was in force.
        #expect(entry.record.before == ["value": "100000000", "default": "true"])
        #expect(entry.record.after == ["value": "200000000"])
        #expect(entry.record.reason == "board decision")

        // With the threshold raised, a ¥1.5m supervisor approval needs no second approver.
        let outcome = try store.apply(DecisionRequest(applicationID: Fixture.mid, kind: .approve, actor: "zhao.min", expectedVersion: 1),
                                      at: Fixture.later)
        #expect(outcome.to == .compliance)
        #expect(try store.isTrainingData() == false)
    }
}

@Suite("alerts")
struct AlertTests {
    static let warning = AlertCandidate(rule: .marginWarning, severity: .warning, subject: "account:A000001",
                                        message: "maintenance ratio 142% is below the 150% warning line")
    static let critical = AlertCandidate(rule: .marginCloseOut, severity: .critical, subject: "account:A000001",
                                         message: "maintenance ratio 125% is below the 130% close-out line")

    @Test func raisingTwiceKeepsOneOpenAlert() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        #expect(try store.raise(Self.warning, at: Fixture.later) == nil)
        var reworded = Self.warning
        reworded.message = "maintenance ratio 140%"
        #expect(try store.raise(reworded, at: Fixture.later) == nil, "same (subject, rule): still one alert")
        let open = try store.openAlerts()
        #expect(open.count == 1)
        #expect(open.first?.id == id)
        #expect(open.first?.state == .open)
        #expect(open.first?.openedAt == Fixture.asOf)
        #expect(try store.rowCount("alerts") == 1)
        #expect(try store.rowCount("audit_log") == Fixture.storeAuditEntries + 1)
        #expect(try store.openAlertCounts() == [.warning: 1])

        // A different rule on the same subject is a separate alert.
        #expect(try store.raise(Self.critical, at: Fixture.later) != nil)
        #expect(try store.openAlerts().map(\.severity) == [.critical, .warning])
        #expect(try store.openAlerts(subjects: ["account:A000001"]).count == 2)
        #expect(try store.openAlerts(subjects: ["account:OTHER"]).isEmpty)
    }

    @Test func acknowledgeThenResolve() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        try store.acknowledgeAlert(id, by: "wang.fang", at: Fixture.later)
        let acknowledged = try #require(try store.openAlerts().first)
        #expect(acknowledged.state == .acknowledged)
        #expect(acknowledged.acknowledgedBy == "wang.fang")
        #expect(try store.auditTail(count: 1).first?.record.action == "alert.acknowledge")

        // Acknowledging twice is refused; the alert is no longer open.
        #expect(storeError { try store.acknowledgeAlert(id, by: "li.na", at: Fixture.later) } == .refused(.alertNotOpen(id: id, state: .acknowledged)))

        try store.resolveAlert(id, disposition: .falsePositive, by: "wang.fang", at: Fixture.later)
        #expect(try store.openAlerts().isEmpty)
        let resolved = try store.read { db in
            try String.fetchOne(db, sql: "SELECT state || '/' || resolved_by || '/' || disposition FROM alerts WHERE id = ?", arguments: [id])
        }
        #expect(resolved == "resolved/wang.fang/false_positive")
        let last = try #require(try store.auditTail(count: 1).first)
        #expect(last.record.action == "alert.resolve")
        #expect(last.record.before == ["state": "acknowledged"])
        #expect(last.record.after["disposition"] == "false_positive")
        #expect(try store.verifyAuditChain() == .intact(entries: Fixture.storeAuditEntries + 3))

        // Resolving again is refused; once resolved, the same condition can raise a new alert.
        #expect(storeError { try store.resolveAlert(id, disposition: .falsePositive, by: "wang.fang", at: Fixture.later) }
            == .refused(.alertNotOpen(id: id, state: .resolved)))
        let reopened = try #require(try store.raise(Self.warning, at: Fixture.later))
        #expect(reopened != id)
    }

    @Test func criticalAlertsNeedASupervisorToResolve() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.critical, at: Fixture.asOf))
        let auditBefore = try store.rowCount("audit_log")
        #expect(storeError { try store.resolveAlert(id, disposition: .positionReduced, by: "wang.fang", at: Fixture.later) }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "resolve critical alerts")))
        #expect(try store.openAlerts().first?.state == .open)
        #expect(try store.rowCount("audit_log") == auditBefore)

        // An officer may still acknowledge it; the supervisor resolves it.
        try store.acknowledgeAlert(id, by: "wang.fang", at: Fixture.later)
        try store.resolveAlert(id, disposition: .positionReduced, by: "zhao.min", at: Fixture.later)
        #expect(try store.openAlerts().isEmpty)
        #expect(try store.rowCount("audit_log") == auditBefore + 2)
    }

    @Test func auditorsCannotTouchAlerts() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        #expect(storeError { try store.acknowledgeAlert(id, by: "zhou.qiang", at: Fixture.later) }
            == .refused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "acknowledge alerts")))
        #expect(storeError { try store.resolveAlert(id, disposition: .falsePositive, by: "zhou.qiang", at: Fixture.later) }
            == .refused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "resolve warning alerts")))
        #expect(storeError { try store.resolveAlert(9_999, disposition: .falsePositive, by: "zhao.min", at: Fixture.later) }
            == .notFound("no alert 9999"))
        #expect(try store.openAlerts().first?.state == .open)
    }
}

@Suite("change feed")
struct ChangeFeedTests {
    @Test func reportsCommitsFromAnotherStoreOnTheSameFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("feed.sqlite")
        let store = try Fixture.store(in: dir, name: "feed.sqlite")
        let feed = try store.makeChangeFeed()
        #expect(feed.poll() == false)
        #expect(feed.poll() == false)

        // Reads change nothing.
        let other = try RiskStore.open(at: path)
        _ = try other.approvalQueue()
        _ = try store.verifyAuditChain()
        #expect(feed.poll() == false)

        try other.addNote(Fixture.small, by: "wang.fang", text: "from the other console", at: Fixture.later)
        #expect(feed.poll() == true)
        #expect(feed.poll() == false)

        // Several commits between two polls are reported once.
        try other.addNote(Fixture.small, by: "wang.fang", text: "one", at: Fixture.later)
        try other.addNote(Fixture.small, by: "wang.fang", text: "two", at: Fixture.later)
        #expect(feed.poll() == true)
        #expect(feed.poll() == false)

        // The store's own writes are reported too.
        try store.addNote(Fixture.small, by: "li.na", text: "mine", at: Fixture.later)
        #expect(feed.poll() == true)
        #expect(feed.poll() == false)
    }
}
