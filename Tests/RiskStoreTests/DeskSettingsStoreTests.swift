import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Every threshold a stored setting, changed only by a supervisor with an audit entry (issue 6 §6).
@Suite("desk settings in the store")
struct DeskSettingsStoreTests {
    static let eightHundred = "APP-800K"

    /// The fixture plus a ¥800,000 application in manual review: within an officer's ¥1m limit.
    static func store(in dir: TempDir) throws -> RiskStore {
        let store = try Fixture.store(in: dir)
        try store.write { db in
            let app = Fixture.application(eightHundred, yuan: 800_000)
            try Rows.insert(app, modelVersion: nil, db)
            try AuditChain.append(AuditRecord.applicationCreated(app.id, stage: app.stage, line: app.requestedLine,
                                                                 leverage: app.requestedLeverage, actor: "seed"),
                                  at: app.submittedAt, db)
        }
        return store
    }

    @Test("an officer may not change a setting; nothing is written")
    func officerRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        let audit = try store.rowCount("audit_log")
        #expect(storeError { try store.changeSetting(SettingKey.fourEyesThreshold, to: "5m", by: "wang.fang", reason: "more room") }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "change settings")))
        #expect(storeError { try store.changeSetting(SettingKey.fourEyesThreshold, to: "5m", by: "zhou.qiang", reason: "x") }
            == .refused(.readOnly(user: "zhou.qiang")))
        #expect(storeError { try store.changeSetting(SettingKey.fourEyesThreshold, to: "5m", by: "zhao.min", reason: " ") }
            == .refused(.reasonRequired))
        // The internal door is shut for desk settings too.
        #expect(storeError { try store.setSetting(SettingKey.fourEyesThreshold, to: "1", by: "wang.fang") }
            == .invalidInput("policy.four_eyes_threshold_fen is a desk setting: change it with `riskdesk settings set` (a supervisor, with a reason)"))
        #expect(try store.setting(SettingKey.fourEyesThreshold) == nil)
        #expect(try store.rowCount("audit_log") == audit)
    }

    @Test("a supervisor lowers four eyes with an audit entry, and a ¥800,000 approval then needs a second approver")
    func lowerFourEyes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        // Four eyes below the officer limit is refused: lines between them would go straight through.
        guard case let .invalidInput(message)? = storeError({
            try store.changeSetting(SettingKey.fourEyesThreshold, to: "750k", by: "zhao.min", reason: "tighten", at: Fixture.asOf)
        }) else { Issue.record("not refused"); return }
        #expect(message.contains("must not exceed the four-eyes threshold ¥750,000"))

        try store.changeSetting(SettingKey.officerLimit, to: "70万", by: "zhao.min", reason: "tighten routing", at: Fixture.asOf)
        let stored = try store.changeSetting(SettingKey.fourEyesThreshold, to: "750k", by: "zhao.min", reason: "tighten four eyes",
                                             at: Fixture.asOf)
        #expect(stored == .money(Money(yuan: 750_000)))
        #expect(try store.setting(SettingKey.fourEyesThreshold) == "75000000")
        #expect(try store.approvalPolicy().fourEyesThreshold == Money(yuan: 750_000))
        #expect(try store.screeningPolicy().officerLimit == Money(yuan: 700_000))
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "setting.change")
        #expect(entry.record.actor == "zhao.min")
        #expect(entry.record.subject == "setting:policy.four_eyes_threshold_fen")
        #expect(entry.record.before == ["value": "100000000", "default": "true"])
        #expect(entry.record.after == ["value": "75000000"])
        #expect(entry.record.reason == "tighten four eyes")

        // A second change records the stored value it replaced.
        try store.changeSetting(SettingKey.fourEyesThreshold, to: "790,000", by: "zhao.min", reason: "round figure", at: Fixture.asOf)
        #expect(try store.auditTail(count: 1).first?.record.before == ["value": "75000000"])

        // An officer's ¥800,000 approval, within her own ¥1m limit, is now above four eyes.
        let outcome = try store.apply(DecisionRequest(applicationID: Self.eightHundred, kind: .approve, actor: "wang.fang",
                                                      expectedVersion: 1), at: Fixture.later)
        #expect(outcome.to == .awaitingSecondApproval)
        #expect(try store.verifyAuditChain().isIntact)
    }

    @Test("with the default threshold the same ¥800,000 approval goes straight to compliance")
    func defaultFourEyes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        let outcome = try store.apply(DecisionRequest(applicationID: Self.eightHundred, kind: .approve, actor: "wang.fang",
                                                      expectedVersion: 1), at: Fixture.later)
        #expect(outcome.to == .compliance)
    }

    @Test("a corrupt stored value is a data error for the policy and a decision, and is listed as corrupt")
    func corruptStored() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        try store.write { db in
            try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, '1e308', 0, 'hand')",
                           arguments: [SettingKey.claimMinutes])
        }
        let corrupt = StoreError.corruptRow(table: "settings", row: SettingKey.claimMinutes, column: "value", value: "1e308",
                                            expected: "a whole number of minutes from 1 minute to 480 minutes")
        #expect(storeError { try store.approvalPolicy() } == corrupt)
        #expect(storeError { try store.apply(DecisionRequest(applicationID: Self.eightHundred, kind: .approve, actor: "wang.fang",
                                                             expectedVersion: 1), at: Fixture.later) } == corrupt)
        let entry = try #require(try store.settings().first { $0.key == SettingKey.claimMinutes })
        #expect(entry.value == nil)
        #expect(entry.storedText == "1e308")
        #expect(entry.changedBy == "hand")
        // Other changes are refused while a stored value is corrupt; fixing the corrupt one itself is allowed.
        #expect(storeError { try store.changeSetting(SettingKey.rollbackDays, to: "3", by: "zhao.min", reason: "x") } == corrupt)
        try store.changeSetting(SettingKey.claimMinutes, to: "30", by: "zhao.min", reason: "repair")
        #expect(try store.approvalPolicy().claimDuration == 30 * 60)
    }

    @Test("unknown keys and bad values are refused with the range; settings() lists every entry with default and origin")
    func listing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        #expect(storeError { try store.changeSetting("policy.nothing", to: "1", by: "zhao.min", reason: "x") }
            == .notFound("unknown setting 'policy.nothing' (see `riskdesk settings` for the list)"))
        #expect(storeError { try store.changeSetting(SettingKey.claimMinutes, to: "1e308", by: "zhao.min", reason: "x") }
            == .invalidInput("policy.claim_minutes: '1e308' is not allowed: a whole number of minutes from 1 minute to 480 minutes"))
        try store.changeSetting(DeskSettings.Key.positionShare, to: "35%", by: "zhao.min", reason: "policy review", at: Fixture.asOf)
        let entries = try store.settings()
        #expect(entries.map(\.key) == DeskSettings.all.map(\.key))
        let share = try #require(entries.first { $0.key == DeskSettings.Key.positionShare })
        #expect(share.value == .fraction(0.35))
        #expect(share.storedText == "0.35")
        #expect(share.changedBy == "zhao.min")
        #expect(share.changedAt == Fixture.asOf)
        #expect(try store.alertThresholds().positionShare == 0.35)
        let untouched = try #require(entries.first { $0.key == SettingKey.claimMinutes })
        #expect(!untouched.isStored)
        #expect(untouched.value == .whole(30))
    }

    @Test("the generator writes every setting from the registry's defaults")
    func generatorWritesRegistry() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 20, seed: 3)
        for definition in DeskSettings.all {
            #expect(try store.setting(definition.key) == definition.defaultValue.storedText, "\(definition.key)")
        }
        #expect(try store.settings().allSatisfy { $0.isStored && $0.value == $0.definition.defaultValue })
    }
}
