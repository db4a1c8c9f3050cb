import Foundation
import Testing
@testable import RiskCore

/// Every threshold is one registered setting with a checked parser, a range and rules between settings (issue 6 §6).
@Suite("DeskSettings")
struct DeskSettingsTests {
    typealias Key = DeskSettings.Key

    func definition(_ key: String) throws -> SettingDefinition { try DeskSettings.definition(key) }

    @Test("the registry covers every field of the policies, each key once, defaults within range and consistent")
    func registry() throws {
        // 27 before issue 7: + snooze maximum, stale threshold, two margin-call settings, three feed settings.
        #expect(DeskSettings.all.count == 39)
        #expect(Set(DeskSettings.all.map(\.key)).count == DeskSettings.all.count)
        for setting in DeskSettings.all {
            // The default survives its own stored text and is within the range it declares.
            #expect(try setting.decode(stored: setting.defaultValue.storedText) == setting.defaultValue, "\(setting.key)")
            #expect(!setting.summary.isEmpty)
        }
        let defaults = try DeskSettings.values(from: [:])
        try DeskSettings.checkConsistency(defaults)
        // Built from nothing stored, the policies are exactly the types' own defaults.
        #expect(try DeskSettings.approvalPolicy(from: [:]) == ApprovalPolicy())
        #expect(try DeskSettings.screeningPolicy(from: [:]) == ScreeningPolicy())
        #expect(try DeskSettings.alertThresholds(from: [:]) == AlertThresholds())
        #expect(try DeskSettings.newContractLines(from: [:]) == MarginLines())
        #expect(try DeskSettings.alertLifecyclePolicy(from: [:]) == AlertLifecyclePolicy())
    }

    @Test("money settings take the forms people type and store fen")
    func moneyForms() throws {
        let threshold = try definition(Key.fourEyesThreshold)
        #expect(try threshold.parse("800000") == .money(Money(yuan: 800_000)))
        #expect(try threshold.parse("1m") == .money(Money(yuan: 1_000_000)))
        #expect(try threshold.parse("50万") == .money(Money(yuan: 500_000)))
        #expect(try threshold.parse("¥2,000,000").storedText == "200000000")
        #expect(try threshold.parse("10000") == .money(Money(yuan: 10_000)))
        #expect(try threshold.parse("1000000000") == .money(Money(yuan: 1_000_000_000)))
    }

    @Test("boundary and hostile text is refused with a typed error naming the range", arguments: [
        "1e308", "-1", "9223372036854775807", "abc", "", "9999.99", "1000000000.01", "nan", "inf",
    ])
    func refusedMoney(text: String) throws {
        let threshold = try definition(Key.fourEyesThreshold)
        #expect(throws: SettingError.invalidValue(key: Key.fourEyesThreshold, text: text,
                                                  expected: "an amount from ¥10,000 to ¥1,000,000,000")) {
            try threshold.parse(text)
        }
    }

    @Test("whole-number settings refuse decimals, exponents, overflow and out-of-range values")
    func wholeNumbers() throws {
        let claim = try definition(Key.claimMinutes)
        #expect(try claim.parse("45") == .whole(45))
        #expect(try claim.parse("480") == .whole(480))
        for bad in ["0", "481", "1e308", "30.5", "-1", "9223372036854775807", "99999999999999999999999", "abc", "3O"] {
            #expect(throws: SettingError.invalidValue(key: Key.claimMinutes, text: bad,
                                                      expected: "a whole number of minutes from 1 minute to 480 minutes")) {
                try claim.parse(bad)
            }
        }
        let unreviewed = try definition(Key.overrideUnreviewed)
        #expect(try unreviewed.parse("0") == .whole(0))
        #expect(throws: SettingError.invalidValue(key: Key.overrideUnreviewed, text: "301",
                                                  expected: "a whole number of basis points from 0 bp to 300 bp")) {
            try unreviewed.parse("301")
        }
    }

    @Test("fractions take 0.3 or 30% and refuse exponents, NaN and values outside the range")
    func fractions() throws {
        let pd = try definition(Key.autoApprovePD)
        #expect(try pd.parse("0.015") == .fraction(0.015))
        #expect(try pd.parse("1.5%") == .fraction(0.015))
        #expect(try pd.parse("0.25") == .fraction(0.25))
        for bad in ["0.26", "26%", "-0.01", "1e-2", "nan", "inf", "0.0.1", "%"] {
            #expect(throws: SettingError.invalidValue(key: Key.autoApprovePD, text: bad, expected: "a share (0.3 or 30%) from 0% to 25%")) {
                try pd.parse(bad)
            }
        }
        // Stored text is canonical: a percentage in the table is corrupt, not read as 2%.
        #expect(throws: SettingError.corruptStored(key: Key.autoApprovePD, value: "2%", expected: "a share (0.3 or 30%) from 0% to 25%")) {
            try pd.decode(stored: "2%")
        }
    }

    @Test("suitability takes C1–C5 only")
    func suitability() throws {
        let minimum = try definition(Key.minimumSuitability)
        #expect(try minimum.parse("c4") == .suitability(.c4))
        #expect(throws: SettingError.invalidValue(key: Key.minimumSuitability, text: "C6", expected: "a suitability level from C1 to C5")) {
            try minimum.parse("C6")
        }
    }

    @Test("policies are built from stored values in their units")
    func policiesFromStored() throws {
        let stored = [Key.fourEyesThreshold: "80000000", Key.officerLimit: "70000000", Key.claimMinutes: "45",
                      Key.rollbackDays: "3", Key.overrideUnreviewed: "25", Key.overrideMaximum: "200",
                      Key.minimumAssets: "30000000", Key.minimumSuitability: "C4", Key.financingMarginRatio: "8000",
                      Key.autoApprovePD: "0.015", Key.positionShare: "0.4", Key.dormantDays: "365", "market.sentiment": "-0.35"]
        let approval = try DeskSettings.approvalPolicy(from: stored)
        #expect(approval.fourEyesThreshold == Money(yuan: 800_000))
        #expect(approval.claimDuration == 45 * 60)
        #expect(approval.rollbackWindow == 3 * 86_400)
        #expect(approval.maximumUnreviewedOverride == BasisPoints(25))
        #expect(approval.maximumOverride == BasisPoints(200))
        let screening = try DeskSettings.screeningPolicy(from: stored)
        #expect(screening.officerLimit == Money(yuan: 700_000))
        #expect(screening.minimumAssets == Money(yuan: 300_000))
        #expect(screening.minimumSuitability == .c4)
        #expect(screening.autoApprovePD == 0.015)
        #expect(screening.maximumLeverage == Leverage(hundredths: 187))
        let alerts = try DeskSettings.alertThresholds(from: stored)
        #expect(alerts.positionShare == 0.4)
        #expect(alerts.dormantDays == 365)
        #expect(alerts.floatShare == 0.25)
    }

    @Test("a corrupt stored value is a data error, never the default", arguments: [
        (Key.claimMinutes, "1e308"), (Key.claimMinutes, "30.0"), (Key.fourEyesThreshold, "1m"),
        (Key.fourEyesThreshold, "-100"), (Key.rollbackDays, "0"), (Key.financingMarginRatio, "80%"),
        (Key.psiCritical, "NaN"),
    ])
    func corruptStored(key: String, value: String) throws {
        let expected = try definition(key).expected
        #expect(throws: SettingError.corruptStored(key: key, value: value, expected: expected)) {
            try DeskSettings.approvalPolicy(from: [key: value])
        }
        #expect(throws: SettingError.corruptStored(key: key, value: value, expected: expected)) {
            try DeskSettings.alertThresholds(from: [key: value])
        }
    }

    @Test("rules between settings: officer limit ≤ four eyes, unreviewed ≤ maximum override, close-out < warning ≤ recovery")
    func crossField() throws {
        // Lowering four eyes below the officer limit would let lines between them go straight through.
        #expect(throws: SettingError.conflict("the officer limit ¥1,000,000 must not exceed the four-eyes threshold ¥800,000: lines between them would go straight through without a second approver")) {
            try DeskSettings.change(Key.fourEyesThreshold, to: "800k", stored: [:])
        }
        // Lower the officer limit first, then four eyes: both allowed.
        #expect(try DeskSettings.change(Key.officerLimit, to: "700k", stored: [:]) == .money(Money(yuan: 700_000)))
        #expect(try DeskSettings.change(Key.fourEyesThreshold, to: "800k", stored: [Key.officerLimit: "70000000"])
            == .money(Money(yuan: 800_000)))
        // Equal is allowed.
        #expect(try DeskSettings.change(Key.officerLimit, to: "1m", stored: [:]) == .money(Money(yuan: 1_000_000)))
        #expect(throws: SettingError.conflict("the unreviewed override ±60 bp must not exceed the maximum override ±50 bp")) {
            try DeskSettings.change(Key.overrideMaximum, to: "50", stored: [Key.overrideUnreviewed: "60"])
        }
        #expect(throws: SettingError.conflict("the close-out line 15000 bp must be below the warning line 15000 bp")) {
            try DeskSettings.change(Key.marginCloseOut, to: "15000", stored: [:])
        }
        #expect(throws: SettingError.conflict("the recovery line 14000 bp must be at or above the warning line 15000 bp")) {
            try DeskSettings.change(Key.marginRecovery, to: "14000", stored: [:])
        }
        #expect(throws: SettingError.conflict("the dormant-recent window (60 days) must be shorter than the dormant period (60 days)")) {
            try DeskSettings.change(Key.dormantDays, to: "60", stored: [Key.dormantRecentDays: "60"])
        }
        #expect(throws: SettingError.unknownKey("policy.four_eyes")) {
            try DeskSettings.change("policy.four_eyes", to: "1m", stored: [:])
        }
    }

    @Test("only a supervisor, or a trainer on training data, changes a setting, and only with a reason")
    func whoMayChange() throws {
        try DeskRules.changeSetting(by: Fixture.supervisor, isTrainingData: false, reason: "board decision")
        try DeskRules.changeSetting(by: Fixture.trainer, isTrainingData: true, reason: "demo")
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "change settings")) {
            try DeskRules.changeSetting(by: Fixture.officer, isTrainingData: true, reason: "I want a higher limit")
        }
        #expect(throws: DecisionError.readOnly(user: "ada")) {
            try DeskRules.changeSetting(by: Fixture.auditor, isTrainingData: false, reason: "x")
        }
        #expect(throws: DecisionError.readOnly(user: "tina")) {
            try DeskRules.changeSetting(by: Fixture.trainer, isTrainingData: false, reason: "demo")
        }
        #expect(throws: DecisionError.reasonRequired) {
            try DeskRules.changeSetting(by: Fixture.supervisor, isTrainingData: false, reason: "  \n")
        }
    }

    @Test("values read for people in their units")
    func texts() throws {
        #expect(SettingValue.money(Money(yuan: 1_000_000)).text(.money) == "¥1,000,000")
        #expect(SettingValue.fraction(0.02).text(.fraction) == "2%")
        #expect(SettingValue.fraction(0.02).storedText == "0.02")
        #expect(SettingValue.whole(5).text(.days) == "5 days")
        #expect(SettingValue.fraction(0.25).text(.decimal) == "0.25")
        #expect(try definition(Key.psiCritical).expected == "a decimal number from 0.05 to 1")
        #expect(throws: SettingError.invalidValue(key: Key.psiCritical, text: "25%", expected: "a decimal number from 0.05 to 1")) {
            try definition(Key.psiCritical).parse("25%")
        }
        #expect(try definition(Key.financingMarginRatio).expected == "a whole number of basis points from 5000 bp to 30000 bp")
    }
}
