import Foundation
import GRDB
import RiskCore

/// The alert lifecycle's steps in the store: each reads the alert, asks `AlertLifecycle`, and writes what it decided
/// with an audit entry, in one transaction. `expectedVersion` (the version the person read) makes a step on an alert
/// that changed since refused; nil means "as it is now" (the CLI).
extension RiskStore {
    /// Acknowledges an open alert (officers and supervisors).
    @discardableResult
    public func acknowledgeAlert(_ id: Int64, by userName: String, at now: Date = Date(),
                                 expectedVersion: Int? = nil) throws(StoreError) -> StoredAlert {
        try takeStep(on: id, by: userName, at: now, expectedVersion: expectedVersion) { _ in .acknowledge }
    }

    /// Assigns an alert to `assignee` (nil: to the actor). Supervisors assign anyone who works alerts; officers themselves.
    @discardableResult
    public func assignAlert(_ id: Int64, to assignee: String? = nil, by userName: String, at now: Date = Date(),
                            expectedVersion: Int? = nil) throws(StoreError) -> StoredAlert {
        try takeStep(on: id, by: userName, at: now, expectedVersion: expectedVersion) { db in
            .assign(to: try Self.requireUser(assignee ?? userName, db))
        }
    }

    /// Resolves an alert with a disposition (`other` needs a note); critical and escalated alerts need a supervisor.
    @discardableResult
    public func resolveAlert(_ id: Int64, disposition: AlertDisposition, note: String = "", by userName: String,
                             at now: Date = Date(), expectedVersion: Int? = nil) throws(StoreError) -> StoredAlert {
        try takeStep(on: id, by: userName, at: now, expectedVersion: expectedVersion) { _ in .resolve(disposition, note: note) }
    }

    /// Snoozes an open or acknowledged alert until `until` (at most the `alert.snooze_max_days` setting ahead).
    @discardableResult
    public func snoozeAlert(_ id: Int64, until: Date, by userName: String, at now: Date = Date(),
                            expectedVersion: Int? = nil) throws(StoreError) -> StoredAlert {
        try takeStep(on: id, by: userName, at: now, expectedVersion: expectedVersion) { _ in .snooze(until: until) }
    }

    /// Escalates an open or acknowledged alert to the supervisors, with a reason.
    @discardableResult
    public func escalateAlert(_ id: Int64, reason: String, by userName: String, at now: Date = Date(),
                              expectedVersion: Int? = nil) throws(StoreError) -> StoredAlert {
        try takeStep(on: id, by: userName, at: now, expectedVersion: expectedVersion) { _ in .escalate(reason: reason) }
    }

    /// Records the reopening of every snooze expired at `now` (actor `system`, one audit entry each); returns how many.
    /// The feed's timer calls it; until then the listing already shows them as open.
    @discardableResult
    public func reopenExpiredSnoozes(at now: Date = Date()) throws(StoreError) -> Int {
        try write { db in try Self.reopenExpiredSnoozes(at: now, db) }
    }

    /// Reopens expired snoozes inside the caller's transaction (the feed's timer); returns how many.
    static func reopenExpiredSnoozes(at now: Date, _ db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM alerts WHERE state = 'snoozed' AND (snoozed_until IS NULL OR snoozed_until <= ?) ORDER BY id
            """, arguments: [now.timeIntervalSince1970])
        for row in rows {
            let alert = try Self.alert(row).status
            try Self.reopen(alert, at: now, db)
        }
        return rows.count
    }

    /// The policy the lifecycle runs under, from the stored settings.
    public func alertLifecyclePolicy() throws(StoreError) -> AlertLifecyclePolicy {
        try read { db in try Self.alertLifecyclePolicy(db) }
    }

    static func alertLifecyclePolicy(_ db: Database) throws -> AlertLifecyclePolicy {
        let stored = try storedSettings(db)
        return try settingRuling { () throws(SettingError) in try DeskSettings.alertLifecyclePolicy(from: stored) }
    }

    /// One alert by id, or nil.
    public func alert(_ id: Int64) throws(StoreError) -> StoredAlert? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]).map(Self.alert) }
    }

    private func takeStep(on id: Int64, by userName: String, at now: Date, expectedVersion: Int?,
                          _ makeStep: @escaping (Database) throws -> AlertStep) throws(StoreError) -> StoredAlert {
        try write { db in
            let user = try Self.requireUser(userName, db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no alert \(id)")
            }
            var current = try Self.alert(row).status
            if let expectedVersion, expectedVersion != current.version {
                throw StoreError.refused(.staleAlert(id: id, expected: expectedVersion, actual: current.version))
            }
            let training = try Self.isTraining(db)
            let policy = try Self.alertLifecyclePolicy(db)
            let step = try makeStep(db)
            // Decide before writing anything: a refused step leaves even an expired snooze as it was.
            let opened = current.snoozeExpired(at: now)
                ? try Self.ruling { () throws(DecisionError) in try AlertLifecycle.reopenExpiredSnooze(current, now: now) }
                : current
            let next = try Self.ruling { () throws(DecisionError) in
                try AlertLifecycle.apply(step, to: opened, by: user, now: now, isTrainingData: training, policy: policy)
            }
            if opened != current {
                // The expired snooze is reopened by the system first, as its own audited step.
                try Self.reopen(current, at: now, db)
                current = opened
            }
            try Self.store(next, replacing: current, db)
            try AuditChain.append(AuditRecord(actor: user.name, action: "alert.\(step.name)", subject: "alert:\(id)",
                                              before: Self.auditFields(current, differingFrom: next),
                                              after: Self.auditFields(next, differingFrom: current),
                                              reason: Self.auditReason(step)), at: now, db)
            guard let written = try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no alert \(id)")
            }
            return try Self.alert(written)
        }
    }

    /// Reopens an expired snooze as the system, audited.
    static func reopen(_ alert: AlertStatus, at now: Date, _ db: Database) throws {
        let next = try ruling { () throws(DecisionError) in try AlertLifecycle.reopenExpiredSnooze(alert, now: now) }
        try store(next, replacing: alert, db)
        try AuditChain.append(AuditRecord(actor: "system", action: "alert.reopen", subject: "alert:\(alert.id)",
                                          before: auditFields(alert, differingFrom: next), after: auditFields(next, differingFrom: alert),
                                          reason: "snooze expired"), at: now, db)
    }

    /// Writes the lifecycle columns of `next`, only if the row is still at `current`'s version (optimistic).
    static func store(_ next: AlertStatus, replacing current: AlertStatus, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE alerts SET state = ?, version = ?, acknowledged_by = ?, acknowledged_at = ?, assignee = ?, assigned_by = ?,
              assigned_at = ?, escalated_by = ?, escalated_at = ?, escalation_reason = ?, snoozed_by = ?, snoozed_until = ?,
              resolved_by = ?, resolved_at = ?, disposition = ?, resolution_note = ?
            WHERE id = ? AND version = ?
            """, arguments: [next.state.rawValue, next.version, next.acknowledgedBy, next.acknowledgedAt?.timeIntervalSince1970,
                             next.assignee, next.assignedBy, next.assignedAt?.timeIntervalSince1970, next.escalatedBy,
                             next.escalatedAt?.timeIntervalSince1970, next.escalationReason, next.snoozedBy,
                             next.snoozedUntil?.timeIntervalSince1970, next.resolvedBy, next.resolvedAt?.timeIntervalSince1970,
                             next.disposition?.rawValue, next.resolutionNote, next.id, current.version])
        guard db.changesCount == 1 else {
            let actual = try Int.fetchOne(db, sql: "SELECT version FROM alerts WHERE id = ?", arguments: [next.id]) ?? 0
            throw StoreError.refused(.staleAlert(id: next.id, expected: current.version, actual: actual))
        }
    }

    /// The fields an audit entry shows, only those that differ between the two (state, assignee, disposition, snooze).
    static func auditFields(_ alert: AlertStatus, differingFrom other: AlertStatus) -> [String: String] {
        func fields(_ a: AlertStatus) -> [String: String] {
            var f: [String: String] = ["state": a.state.rawValue]
            f["assignee"] = a.assignee
            f["disposition"] = a.disposition?.rawValue
            f["snoozed_until"] = a.snoozedUntil.map(AuditChain.timestamp)
            return f
        }
        let mine = fields(alert), theirs = fields(other)
        return mine.filter { theirs[$0.key] != $0.value }
    }

    /// The audit entry's reason: the note of a resolution, the reason of an escalation.
    static func auditReason(_ step: AlertStep) -> String {
        switch step {
        case let .resolve(_, note): note.trimmingCharacters(in: .whitespacesAndNewlines)
        case let .escalate(reason): reason.trimmingCharacters(in: .whitespacesAndNewlines)
        default: ""
        }
    }
}
