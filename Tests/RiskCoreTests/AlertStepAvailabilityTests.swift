import Foundation
import RiskCore
import Testing

/// `AlertLifecycle.refusal`: the console's disabled reasons are the lifecycle's own refusals.
@Suite("alert step availability")
struct AlertStepAvailabilityTests {
    static func alert(_ severity: Severity = .warning, state: AlertState = .open) -> AlertStatus {
        AlertStatus(id: 42, severity: severity, rule: AlertRule.marginWarning.rawValue, state: state, version: 2)
    }

    static func refusal(_ kind: AlertStepKind, _ alert: AlertStatus, _ user: User) -> DecisionError? {
        AlertLifecycle.refusal(of: kind, on: alert, by: user, now: Fixture.now, isTrainingData: false)
    }

    @Test("an officer on a critical alert: resolve and snooze refused with the lifecycle's reason; acknowledge, take and escalate allowed")
    func officerOnCritical() {
        let critical = Self.alert(.critical)
        let officer = Fixture.officer
        #expect(Self.refusal(.resolve, critical, officer)
                == .notPermitted(user: officer.name, role: .officer, action: "resolve critical alerts"))
        #expect(Self.refusal(.snooze, critical, officer)
                == .notPermitted(user: officer.name, role: .officer, action: "snooze critical alerts"))
        for kind in [AlertStepKind.acknowledge, .assignToSelf, .escalate] { #expect(Self.refusal(kind, critical, officer) == nil) }
        for kind in AlertStepKind.allCases { #expect(Self.refusal(kind, critical, Fixture.supervisor) == nil) }
    }

    @Test("resolved alerts take no step; an acknowledged one cannot be acknowledged again but can be resolved")
    func states() {
        let resolved = Self.alert(state: .resolved)
        for kind in AlertStepKind.allCases { #expect(Self.refusal(kind, resolved, Fixture.supervisor) != nil) }
        let acknowledged = Self.alert(state: .acknowledged)
        #expect(Self.refusal(.acknowledge, acknowledged, Fixture.officer) == .alertNotOpen(id: 42, state: .acknowledged))
        #expect(Self.refusal(.resolve, acknowledged, Fixture.officer) == nil)
    }

    @Test("an auditor may take no step at all")
    func auditor() {
        for kind in AlertStepKind.allCases { #expect(Self.refusal(kind, Self.alert(), Fixture.auditor) != nil) }
    }
}
