import Foundation
import RiskCore
import Testing

/// Every step of `AlertLifecycle` and each way around its rules.
@Suite("alert lifecycle")
struct AlertLifecycleTests {
    static let officer = Fixture.officer
    static let officer2 = User(name: "otto", displayName: "Otto", role: .officer, approvalLimit: Money(yuan: 500_000))
    static let supervisor = Fixture.supervisor
    static let now = Fixture.now
    static let hour: TimeInterval = 3_600

    static func alert(_ severity: Severity = .warning, state: AlertState = .open, version: Int = 1) -> AlertStatus {
        AlertStatus(id: 42, severity: severity, rule: AlertRule.marginWarning.rawValue, state: state, version: version)
    }

    static func apply(_ step: AlertStep, _ alert: AlertStatus, by user: User, training: Bool = false,
                      at now: Date = now) throws(DecisionError) -> AlertStatus {
        try AlertLifecycle.apply(step, to: alert, by: user, now: now, isTrainingData: training)
    }

    @Test("acknowledge: an open alert becomes acknowledged with who and when; the version goes up by one")
    func acknowledge() throws {
        let next = try Self.apply(.acknowledge, Self.alert(version: 3), by: Self.officer)
        #expect(next.state == .acknowledged)
        #expect(next.acknowledgedBy == "olga")
        #expect(next.acknowledgedAt == Self.now)
        #expect(next.version == 4)
        #expect(throws: DecisionError.alertNotOpen(id: 42, state: .acknowledged)) { try Self.apply(.acknowledge, next, by: Self.supervisor) }
        #expect(throws: DecisionError.notPermitted(user: "ada", role: .auditor, action: "acknowledge alerts")) {
            try Self.apply(.acknowledge, Self.alert(), by: Fixture.auditor)
        }
        // A trainer works alerts on training data only.
        #expect(try Self.apply(.acknowledge, Self.alert(), by: Fixture.trainer, training: true).state == .acknowledged)
        #expect(throws: DecisionError.notPermitted(user: "tina", role: .trainer, action: "acknowledge alerts")) {
            try Self.apply(.acknowledge, Self.alert(), by: Fixture.trainer, training: false)
        }
    }

    @Test("assign: officers take an alert themselves; supervisors assign anyone who works alerts")
    func assign() throws {
        let mine = try Self.apply(.assign(to: Self.officer), Self.alert(), by: Self.officer)
        #expect(mine.assignee == "olga" && mine.assignedBy == "olga" && mine.assignedAt == Self.now)
        #expect(mine.state == .open, "assigning leaves the state")
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "assign alerts to someone else")) {
            try Self.apply(.assign(to: Self.officer2), Self.alert(), by: Self.officer)
        }
        // Another officer cannot take it over from her; a supervisor can reassign it.
        #expect(throws: DecisionError.assignedToOther(id: 42, assignee: "olga")) { try Self.apply(.assign(to: Self.officer2), mine, by: Self.officer2) }
        #expect(throws: DecisionError.alreadyAssigned(id: 42, to: "olga")) { try Self.apply(.assign(to: Self.officer), mine, by: Self.officer) }
        let moved = try Self.apply(.assign(to: Self.officer2), mine, by: Self.supervisor)
        #expect(moved.assignee == "otto" && moved.assignedBy == "sam")
        // Nobody is given an alert who cannot work it; auditors assign nothing.
        #expect(throws: DecisionError.cannotTakeAlerts(user: "ada", role: .auditor)) { try Self.apply(.assign(to: Fixture.auditor), Self.alert(), by: Self.supervisor) }
        var disabled = Self.officer2
        disabled.isActive = false
        #expect(throws: DecisionError.cannotTakeAlerts(user: "otto", role: .officer)) { try Self.apply(.assign(to: disabled), Self.alert(), by: Self.supervisor) }
        #expect(throws: DecisionError.notPermitted(user: "ada", role: .auditor, action: "assign alerts")) {
            try Self.apply(.assign(to: Fixture.auditor), Self.alert(), by: Fixture.auditor)
        }
        // Escalated alerts go to supervisors; resolved ones take no assignment.
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "take escalated alerts (they are for supervisors)")) {
            try Self.apply(.assign(to: Self.officer), Self.alert(state: .escalated), by: Self.officer)
        }
        #expect(try Self.apply(.assign(to: Fixture.supervisor2), Self.alert(state: .escalated), by: Self.supervisor).assignee == "sue")
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "assign", state: .resolved)) {
            try Self.apply(.assign(to: Self.supervisor), Self.alert(state: .resolved), by: Self.supervisor)
        }
    }

    @Test("resolve: a disposition, other with a note; critical and escalated alerts by supervisors only; auto_cleared is the engine's")
    func resolve() throws {
        let done = try Self.apply(.resolve(.toppedUp, note: "  ¥200k wired  "), Self.alert(state: .acknowledged), by: Self.officer)
        #expect(done.state == .resolved && done.disposition == .toppedUp && done.resolvedBy == "olga" && done.resolvedAt == Self.now)
        #expect(done.resolutionNote == "¥200k wired", "the note is trimmed")
        #expect(throws: DecisionError.alertNotOpen(id: 42, state: .resolved)) { try Self.apply(.resolve(.falsePositive, note: ""), done, by: Self.supervisor) }

        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "resolve critical alerts")) {
            try Self.apply(.resolve(.falsePositive, note: ""), Self.alert(.critical), by: Self.officer)
        }
        #expect(try Self.apply(.resolve(.positionReduced, note: ""), Self.alert(.critical), by: Self.supervisor).state == .resolved)
        #expect(try Self.apply(.resolve(.positionReduced, note: ""), Self.alert(.critical), by: Fixture.trainer, training: true).state == .resolved)
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "resolve escalated alerts")) {
            try Self.apply(.resolve(.falsePositive, note: ""), Self.alert(.info, state: .escalated), by: Self.officer)
        }
        #expect(try Self.apply(.resolve(.falsePositive, note: ""), Self.alert(.info, state: .escalated), by: Self.supervisor).state == .resolved)

        #expect(throws: DecisionError.noteRequired(action: "resolving an alert as other")) {
            try Self.apply(.resolve(.other, note: "   "), Self.alert(), by: Self.officer)
        }
        #expect(try Self.apply(.resolve(.other, note: "customer closed the account"), Self.alert(), by: Self.officer).resolutionNote
            == "customer closed the account")
        #expect(throws: DecisionError.dispositionReserved("auto_cleared")) {
            try Self.apply(.resolve(.autoCleared, note: ""), Self.alert(), by: Self.supervisor)
        }
        #expect(throws: DecisionError.noteTooLong(length: 2_001, maximum: 2_000)) {
            try Self.apply(.resolve(.other, note: String(repeating: "x", count: 2_001)), Self.alert(), by: Self.officer)
        }
        #expect(throws: DecisionError.notPermitted(user: "ada", role: .auditor, action: "resolve warning alerts")) {
            try Self.apply(.resolve(.falsePositive, note: ""), Self.alert(), by: Fixture.auditor)
        }
    }

    @Test("snooze: until a time within the maximum; not a resolved or escalated alert; a critical one only by a supervisor")
    func snooze() throws {
        let policy = AlertLifecyclePolicy(maximumSnooze: 72 * Self.hour)
        let until = Self.now.addingTimeInterval(4 * Self.hour)
        let snoozed = try AlertLifecycle.apply(.snooze(until: until), to: Self.alert(state: .acknowledged), by: Self.officer,
                                               now: Self.now, isTrainingData: false, policy: policy)
        #expect(snoozed.state == .snoozed && snoozed.snoozedBy == "olga" && snoozed.snoozedUntil == until)
        // Exactly the maximum is allowed; a minute more is not; nor a time already past.
        let longest = Self.now.addingTimeInterval(72 * Self.hour)
        #expect(try AlertLifecycle.apply(.snooze(until: longest), to: Self.alert(), by: Self.officer, now: Self.now,
                                         isTrainingData: false, policy: policy).snoozedUntil == longest)
        #expect(throws: DecisionError.snoozeOutOfRange(seconds: 72 * Self.hour + 60, maximum: 72 * Self.hour)) {
            try AlertLifecycle.apply(.snooze(until: longest.addingTimeInterval(60)), to: Self.alert(), by: Self.officer, now: Self.now,
                                     isTrainingData: false, policy: policy)
        }
        #expect(DecisionError.snoozeOutOfRange(seconds: 72 * Self.hour + 60, maximum: 72 * Self.hour).description
            == "a snooze of 3d 1m is longer than the maximum of 3d")
        #expect(throws: DecisionError.snoozeOutOfRange(seconds: -60, maximum: 72 * Self.hour)) {
            try AlertLifecycle.apply(.snooze(until: Self.now.addingTimeInterval(-60)), to: Self.alert(), by: Self.officer, now: Self.now,
                                     isTrainingData: false, policy: policy)
        }
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "snooze", state: .resolved)) {
            try Self.apply(.snooze(until: until), Self.alert(state: .resolved), by: Self.supervisor)
        }
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "snooze", state: .escalated)) {
            try Self.apply(.snooze(until: until), Self.alert(state: .escalated), by: Self.supervisor)
        }
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "snooze", state: .snoozed)) {
            try Self.apply(.snooze(until: until.addingTimeInterval(60)), snoozed, by: Self.officer)
        }
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "snooze critical alerts")) {
            try Self.apply(.snooze(until: until), Self.alert(.critical), by: Self.officer)
        }
        #expect(try Self.apply(.snooze(until: until), Self.alert(.critical), by: Self.supervisor).state == .snoozed)
        #expect(throws: DecisionError.notPermitted(user: "ada", role: .auditor, action: "snooze alerts")) {
            try Self.apply(.snooze(until: until), Self.alert(), by: Fixture.auditor)
        }
    }

    @Test("an expired snooze counts as open: the system reopens it, and a step on it applies to the reopened alert")
    func snoozeExpiry() throws {
        let until = Self.now.addingTimeInterval(4 * Self.hour)
        let snoozed = try Self.apply(.snooze(until: until), Self.alert(version: 2), by: Self.officer)
        #expect(snoozed.version == 3)
        #expect(!snoozed.snoozeExpired(at: until.addingTimeInterval(-1)))
        #expect(snoozed.snoozeExpired(at: until))
        #expect(throws: DecisionError.snoozeNotExpired(id: 42, until: until)) {
            try AlertLifecycle.reopenExpiredSnooze(snoozed, now: until.addingTimeInterval(-1))
        }
        let reopened = try AlertLifecycle.reopenExpiredSnooze(snoozed, now: until)
        #expect(reopened.state == .open && reopened.snoozedUntil == nil && reopened.snoozedBy == nil && reopened.version == 4)
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "reopen", state: .open)) {
            try AlertLifecycle.reopenExpiredSnooze(reopened, now: until)
        }
        // Before the expiry the snoozed alert cannot be acknowledged; after it, it can.
        #expect(throws: DecisionError.alertNotOpen(id: 42, state: .snoozed)) { try Self.apply(.acknowledge, snoozed, by: Self.officer, at: until.addingTimeInterval(-1)) }
        let acknowledged = try Self.apply(.acknowledge, snoozed, by: Self.officer, at: until.addingTimeInterval(60))
        #expect(acknowledged.state == .acknowledged && acknowledged.snoozedUntil == nil)
    }

    @Test("escalate: with a reason, from open or acknowledged; never twice, never a resolved alert")
    func escalate() throws {
        let up = try Self.apply(.escalate(reason: "customer unreachable for two days"), Self.alert(state: .acknowledged), by: Self.officer)
        #expect(up.state == .escalated && up.escalatedBy == "olga" && up.escalatedAt == Self.now)
        #expect(up.escalationReason == "customer unreachable for two days")
        #expect(throws: DecisionError.escalationReasonRequired) { try Self.apply(.escalate(reason: " "), Self.alert(), by: Self.officer) }
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "escalate", state: .escalated)) {
            try Self.apply(.escalate(reason: "again"), up, by: Self.officer)
        }
        #expect(throws: DecisionError.alertStepNotAllowed(id: 42, step: "escalate", state: .resolved)) {
            try Self.apply(.escalate(reason: "late"), Self.alert(state: .resolved), by: Self.officer)
        }
        #expect(throws: DecisionError.notPermitted(user: "ada", role: .auditor, action: "escalate alerts")) {
            try Self.apply(.escalate(reason: "x"), Self.alert(), by: Fixture.auditor)
        }
    }

    @Test("snooze durations parse as 30m, 4h, 2d; anything else is refused with the accepted form")
    func durations() throws {
        #expect(try AlertLifecycle.parseDuration("30m") == 1_800)
        #expect(try AlertLifecycle.parseDuration("4h") == 14_400)
        #expect(try AlertLifecycle.parseDuration(" 2D ") == 172_800)
        for bad in ["", "h", "4", "-4h", "4.5h", "0m", "99999d", "1e9h", "4w", "４h"] {
            #expect(throws: InputError.self, "\(bad)") { try AlertLifecycle.parseDuration(bad) }
        }
        #expect(AlertLifecycle.durationText(90 * 60) == "1h 30m")
        #expect(AlertLifecycle.durationText(2 * 86_400) == "2d")
    }

    @Test("the engine auto-clears any unresolved alert as auto_cleared by engine; a resolved one stays")
    func autoClear() throws {
        var snoozed = Self.alert(state: .snoozed, version: 2)
        snoozed.snoozedUntil = Self.now.addingTimeInterval(Self.hour)
        snoozed.assignee = "olga"
        let cleared = try AlertLifecycle.autoClear(snoozed, now: Self.now)
        #expect(cleared.state == .resolved && cleared.resolvedBy == "engine" && cleared.disposition == .autoCleared)
        #expect(cleared.resolvedAt == Self.now && cleared.snoozedUntil == nil && cleared.version == 3 && cleared.assignee == "olga")
        #expect(throws: DecisionError.alertNotOpen(id: 42, state: .resolved)) { try AlertLifecycle.autoClear(cleared, now: Self.now) }
    }

    @Test("DeskRules' alert checks (kept for their callers) say what the lifecycle says, with no clock")
    func deskRulesDelegate() throws {
        #expect(throws: DecisionError.alertNotOpen(id: 5, state: .snoozed)) {
            try DeskRules.acknowledgeAlert(5, state: .snoozed, by: Self.officer, isTrainingData: false)
        }
        try DeskRules.acknowledgeAlert(5, state: .open, by: Self.officer, isTrainingData: false)
        #expect(throws: DecisionError.notPermitted(user: "olga", role: .officer, action: "resolve escalated alerts")) {
            try DeskRules.resolveAlert(5, severity: .info, state: .escalated, by: Self.officer, isTrainingData: false)
        }
    }

    @Test("filters: mine, unassigned, critical, calls, combined")
    func filters() {
        let mine = AlertFilter(assignment: .user("olga"))
        #expect(mine.matches(severity: .info, rule: "kyc.expiring", assignee: "olga"))
        #expect(!mine.matches(severity: .info, rule: "kyc.expiring", assignee: nil))
        #expect(AlertFilter(assignment: .nobody).matches(severity: .info, rule: "x", assignee: nil))
        #expect(!AlertFilter(assignment: .nobody).matches(severity: .info, rule: "x", assignee: "otto"))
        let criticalCalls = AlertFilter(criticalOnly: true, callsOnly: true)
        #expect(criticalCalls.matches(severity: .critical, rule: "margin.closeout", assignee: nil))
        #expect(!criticalCalls.matches(severity: .warning, rule: "margin.warning", assignee: nil))
        #expect(!criticalCalls.matches(severity: .critical, rule: "volatility.limit_down", assignee: nil))
        #expect(criticalCalls.label == "critical · calls")
        #expect(AlertFilter.none.isEmpty && AlertFilter.none.label.isEmpty)
    }
}
