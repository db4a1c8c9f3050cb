import Foundation
import Testing
@testable import RiskCore

/// The desk's smaller acts are judged in the core; the store only executes (issue 6 §2).
@Suite("DeskRules")
struct DeskRulesTests {
    @Test("a claim is released by its holder or a supervisor, never by another officer")
    func release() throws {
        let held = Fixture.application(claimedBy: "olga", claimExpiresAt: Fixture.now.addingTimeInterval(600))
        let tom = User(name: "tom", displayName: "Tom", role: .officer, approvalLimit: Money(yuan: 500_000))
        #expect(try DeskRules.releaseClaim(of: held, by: Fixture.officer, isTrainingData: false, now: Fixture.now) == "olga")
        #expect(try DeskRules.releaseClaim(of: held, by: Fixture.supervisor, isTrainingData: false, now: Fixture.now) == "olga")
        #expect(throws: DecisionError.claimedByOther(holder: "olga")) {
            try DeskRules.releaseClaim(of: held, by: tom, isTrainingData: false, now: Fixture.now)
        }
        #expect(throws: DecisionError.readOnly(user: "ada")) {
            try DeskRules.releaseClaim(of: held, by: Fixture.auditor, isTrainingData: false, now: Fixture.now)
        }
        // An expired claim is no claim.
        #expect(throws: DecisionError.notClaimed(applicationID: "APP-000123")) {
            try DeskRules.releaseClaim(of: held, by: Fixture.officer, isTrainingData: false, now: Fixture.now.addingTimeInterval(601))
        }
    }

    @Test("critical alerts are resolved by supervisors; only open alerts are acknowledged; auditors do neither")
    func alerts() throws {
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "resolve critical alerts")) {
            try DeskRules.resolveAlert(7, severity: .critical, state: .open, by: Fixture.officer, isTrainingData: false)
        }
        try DeskRules.resolveAlert(7, severity: .critical, state: .acknowledged, by: Fixture.supervisor, isTrainingData: false)
        try DeskRules.resolveAlert(8, severity: .warning, state: .open, by: Fixture.officer, isTrainingData: false)
        #expect(throws: DecisionError.alertNotOpen(id: 8, state: .resolved)) {
            try DeskRules.resolveAlert(8, severity: .warning, state: .resolved, by: Fixture.supervisor, isTrainingData: false)
        }
        #expect(throws: DecisionError.alertNotOpen(id: 9, state: .acknowledged)) {
            try DeskRules.acknowledgeAlert(9, state: .acknowledged, by: Fixture.officer, isTrainingData: false)
        }
        #expect(throws: DecisionError.notPermitted(user: "ada", role: .auditor, action: "acknowledge alerts")) {
            try DeskRules.acknowledgeAlert(9, state: .open, by: Fixture.auditor, isTrainingData: false)
        }
    }

    @Test("pricing is edited by supervisors, and by trainers only on training data")
    func pricing() throws {
        try DeskRules.editPricing(by: Fixture.supervisor, isTrainingData: false)
        try DeskRules.editPricing(by: Fixture.trainer, isTrainingData: true)
        #expect(throws: DecisionError.notPermitted(user: "tina", role: .trainer, action: "edit pricing")) {
            try DeskRules.editPricing(by: Fixture.trainer, isTrainingData: false)
        }
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "edit pricing")) {
            try DeskRules.editPricing(by: Fixture.officer, isTrainingData: false)
        }
    }
}
