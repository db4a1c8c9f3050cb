import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The alert lifecycle through the store: each step one transaction with its audit entry, optimistic versions,
/// snoozes leaving the list and coming back, the system's reopening.
@Suite("alert lifecycle in the store")
struct AlertLifecycleStoreTests {
    static let warning = AlertCandidate(rule: .marginWarning, severity: .warning, subject: "account:A000001",
                                        message: "maintenance ratio 142% is below the 150% warning line")
    static let critical = AlertCandidate(rule: .marginCloseOut, severity: .critical, subject: "account:A000002",
                                         message: "maintenance ratio 126% is below the 130% close-out line")
    static let t0 = Fixture.later

    @Test("acknowledge, assign, escalate, resolve: each step audited with what changed; the version counts the steps")
    func stepsAreAudited() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        let audit = try store.rowCount("audit_log")

        let acknowledged = try store.acknowledgeAlert(id, by: "wang.fang", at: Self.t0)
        #expect(acknowledged.state == .acknowledged && acknowledged.acknowledgedBy == "wang.fang" && acknowledged.version == 2)
        let assigned = try store.assignAlert(id, by: "wang.fang", at: Self.t0)
        #expect(assigned.assignee == "wang.fang" && assigned.assignedBy == "wang.fang" && assigned.version == 3)
        let assignEntry = try #require(try store.auditTail(count: 1).first)
        #expect(assignEntry.record.action == "alert.assign" && assignEntry.record.subject == "alert:\(id)")
        #expect(assignEntry.record.before == [:] && assignEntry.record.after == ["assignee": "wang.fang"])

        let escalated = try store.escalateAlert(id, reason: "customer unreachable", by: "wang.fang", at: Self.t0)
        #expect(escalated.state == .escalated && escalated.escalationReason == "customer unreachable")
        let escalation = try #require(try store.auditTail(count: 1).first)
        #expect(escalation.record.action == "alert.escalate" && escalation.record.reason == "customer unreachable")
        #expect(escalation.record.before == ["state": "acknowledged"] && escalation.record.after == ["state": "escalated"])
        // Escalated: still listed; the officer may no longer resolve it, a supervisor may.
        #expect(try store.openAlerts(after: nil, limit: 10, now: Self.t0).map(\.alert.id) == [id])
        #expect(storeError { try store.resolveAlert(id, disposition: .falsePositive, by: "wang.fang", at: Self.t0) }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "resolve escalated alerts")))
        let resolved = try store.resolveAlert(id, disposition: .other, note: "closed out by the customer", by: "zhao.min", at: Self.t0)
        #expect(resolved.state == .resolved && resolved.disposition == "other" && resolved.resolvedBy == "zhao.min")
        #expect(resolved.resolutionNote == "closed out by the customer" && resolved.version == 5)
        let resolution = try #require(try store.auditTail(count: 1).first)
        #expect(resolution.record.after == ["state": "resolved", "disposition": "other"])
        #expect(resolution.record.reason == "closed out by the customer")
        // Four steps, four entries; the refusal wrote none.
        #expect(try store.rowCount("audit_log") == audit + 4)
        #expect(try store.verifyAuditChain() == .intact(entries: audit + 4))
        #expect(try store.openAlerts(after: nil, limit: 10, now: Self.t0).isEmpty)
        // Resolved: no further step.
        #expect(storeError { try store.assignAlert(id, to: "zhao.min", by: "zhao.min", at: Self.t0) }
            == .refused(.alertStepNotAllowed(id: id, step: "assign", state: .resolved)))
        #expect(storeError { try store.snoozeAlert(id, until: Self.t0.addingTimeInterval(3_600), by: "zhao.min", at: Self.t0) }
            == .refused(.alertStepNotAllowed(id: id, step: "snooze", state: .resolved)))
        #expect(storeError { try store.acknowledgeAlert(id, by: "zhao.min", at: Self.t0) } == .refused(.alertNotOpen(id: id, state: .resolved)))
    }

    @Test("refusals write nothing: officer resolving a critical alert, officer assigning to someone else, auto_cleared, an auditor")
    func refusals() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.critical, at: Fixture.asOf))
        let audit = try store.rowCount("audit_log")
        #expect(storeError { try store.resolveAlert(id, disposition: .toppedUp, by: "wang.fang", at: Self.t0) }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "resolve critical alerts")))
        #expect(storeError { try store.assignAlert(id, to: "li.na", by: "wang.fang", at: Self.t0) }
            == .refused(.notPermitted(user: "wang.fang", role: .officer, action: "assign alerts to someone else")))
        #expect(storeError { try store.resolveAlert(id, disposition: .autoCleared, by: "zhao.min", at: Self.t0) }
            == .refused(.dispositionReserved("auto_cleared")))
        #expect(storeError { try store.acknowledgeAlert(id, by: "zhou.qiang", at: Self.t0) }
            == .refused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "acknowledge alerts")))
        #expect(storeError { try store.assignAlert(id, to: "nobody.here", by: "zhao.min", at: Self.t0) } == .refused(.unknownUser("nobody.here")))
        #expect(storeError { try store.assignAlert(id, to: "zhou.qiang", by: "zhao.min", at: Self.t0) }
            == .refused(.cannotTakeAlerts(user: "zhou.qiang", role: .auditor)))
        #expect(storeError { try store.escalateAlert(9_999, reason: "x", by: "zhao.min", at: Self.t0) } == .notFound("no alert 9999"))
        // Over the stored maximum (3 days by default).
        #expect(storeError { try store.snoozeAlert(id, until: Self.t0.addingTimeInterval(4 * 86_400), by: "zhao.min", at: Self.t0) }
            == .refused(.snoozeOutOfRange(seconds: 4 * 86_400, maximum: 3 * 86_400)))
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.alert(id)?.version == 1)
        // A supervisor assigns it to an officer.
        #expect(try store.assignAlert(id, to: "li.na", by: "zhao.min", at: Self.t0).assignee == "li.na")
    }

    @Test("optimistic: a step on an alert that changed since it was read is refused with both versions")
    func staleVersion() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        let read = try #require(try store.alert(id))
        #expect(read.version == 1)
        // Someone else acknowledges it meanwhile.
        try store.acknowledgeAlert(id, by: "li.na", at: Self.t0, expectedVersion: read.version)
        let audit = try store.rowCount("audit_log")
        let error = storeError { try store.snoozeAlert(id, until: Self.t0.addingTimeInterval(3_600), by: "wang.fang", at: Self.t0,
                                                       expectedVersion: read.version) }
        #expect(error == .refused(.staleAlert(id: id, expected: 1, actual: 2)))
        #expect(error?.description == "alert \(id) changed since you read it (version 1, now 2): reload and try again")
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.snoozeAlert(id, until: Self.t0.addingTimeInterval(3_600), by: "wang.fang", at: Self.t0, expectedVersion: 2).state == .snoozed)
    }

    @Test("a snoozed alert leaves the list until its expiry, is listed as open once expired, and the system records the reopening")
    func snoozeAndReopen() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let a = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        let b = try #require(try store.raise(Self.critical, at: Fixture.asOf))
        let until = Self.t0.addingTimeInterval(4 * 3_600)
        try store.snoozeAlert(a, until: until, by: "wang.fang", at: Self.t0)
        let snoozeEntry = try #require(try store.auditTail(count: 1).first)
        #expect(snoozeEntry.record.after["state"] == "snoozed" && snoozeEntry.record.after["snoozed_until"] != nil)

        // Still one alert per key: the condition raising again while it is snoozed opens no second alert.
        #expect(try store.raise(Self.warning, at: Self.t0) == nil)
        let before = until.addingTimeInterval(-1)
        #expect(try store.openAlerts(after: nil, limit: 10, now: before).map(\.alert.id) == [b])
        #expect(try store.openAlertCounts(now: before) == [.critical: 1])
        #expect(try store.openAlerts(now: before).map(\.id) == [b])

        // Expired, not yet reopened: listed again in its place (the warning after the critical), counted, positioned.
        let after = until.addingTimeInterval(60)
        let rows = try store.openAlerts(after: nil, limit: 10, now: after)
        #expect(rows.map(\.alert.id) == [b, a])
        #expect(rows.map(\.key.rank) == [0, 1])
        #expect(rows[1].alert.state == .snoozed && rows[1].alert.effectiveState(at: after) == .open)
        #expect(try store.openAlertCounts(now: after) == [.critical: 1, .warning: 1])
        #expect(try store.openAlertPosition(of: rows[1].key, now: after) == 1)
        #expect(try store.openAlerts(before: rows[1].key, limit: 5, now: after).map(\.alert.id) == [b])
        #expect(try store.openAlertsLastPage(limit: 1, now: after).map(\.alert.id) == [a])

        // The system's timer records it: one reopened, audited as system; a second run finds none.
        let audit = try store.rowCount("audit_log")
        #expect(try store.reopenExpiredSnoozes(at: after) == 1)
        #expect(try store.reopenExpiredSnoozes(at: after) == 0)
        let reopen = try #require(try store.auditTail(count: 1).first)
        #expect(reopen.record.actor == "system" && reopen.record.action == "alert.reopen" && reopen.record.subject == "alert:\(a)")
        #expect(reopen.record.before["state"] == "snoozed" && reopen.record.after == ["state": "open"])
        #expect(try store.rowCount("audit_log") == audit + 1)
        let reopened = try #require(try store.alert(a))
        #expect(reopened.state == .open && reopened.snoozedUntil == nil && reopened.version == 3)
    }

    @Test("the next writer records an expired snooze's reopening before its own step; a refused step records neither")
    func nextWriterReopens() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        try store.snoozeAlert(id, until: Self.t0.addingTimeInterval(1_800), by: "wang.fang", at: Self.t0)
        let later = Self.t0.addingTimeInterval(3_600)
        let audit = try store.rowCount("audit_log")
        #expect(storeError { try store.acknowledgeAlert(id, by: "zhou.qiang", at: later) }
            == .refused(.notPermitted(user: "zhou.qiang", role: .auditor, action: "acknowledge alerts")))
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.alert(id)?.state == .snoozed)

        let acknowledged = try store.acknowledgeAlert(id, by: "li.na", at: later)
        #expect(acknowledged.state == .acknowledged && acknowledged.version == 4, "1 raised, 2 snoozed, 3 reopened, 4 acknowledged")
        let tail = try store.auditTail(count: 2)
        #expect(tail.map(\.record.action) == ["alert.reopen", "alert.acknowledge"])
        #expect(tail.map(\.record.actor) == ["system", "li.na"])
        #expect(try store.verifyAuditChain() == .intact(entries: audit + 2))
    }

    @Test("the maximum snooze is a stored setting")
    func snoozeMaximumSetting() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        #expect(try store.alertLifecyclePolicy().maximumSnooze == 3 * 86_400)
        _ = try store.changeSetting(DeskSettings.Key.snoozeMaximumDays, to: "1", by: "zhao.min", reason: "shorter snoozes")
        #expect(try store.alertLifecyclePolicy().maximumSnooze == 86_400)
        let id = try #require(try store.raise(Self.warning, at: Fixture.asOf))
        #expect(storeError { try store.snoozeAlert(id, until: Self.t0.addingTimeInterval(2 * 86_400), by: "wang.fang", at: Self.t0) }
            == .refused(.snoozeOutOfRange(seconds: 2 * 86_400, maximum: 86_400)))
    }
}
