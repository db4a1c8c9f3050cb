import Foundation
import GRDB
import RiskCore

/// What one monitoring pass recorded: a reading per champion and challenger, and what it did to the drift alerts.
public struct ModelMonitoringRun: Hashable, Sendable {
    public var details: [ModelMonitoringDetail]
    public var readings: [MonitoringReading] { details.map(\.stored) }
    public var alerts: EngineOutcome
    /// The PSI of the default target's champion, where it had recent scores.
    public var championPSI: Double?
}

extension RiskStore {
    /// The monitoring settings (window, interval, cap on recent scores, critical PSI).
    public func modelMonitoringPolicy() throws(StoreError) -> ModelMonitoringPolicy {
        try read { db in try Self.modelMonitoringPolicy(db) }
    }

    /// A reading of one stored version now, without writing it: PSI of the scores it gave applications in the last
    /// `model.monitor_window_days` (at most `feed.drift_window` of them, newest first) against its training deciles,
    /// CSI per characteristic over the same applications' features, and its AUC on loans whose outcome for its target
    /// matured after its training window. Works read-only on an older file (the champion's stored scores only).
    public func modelMonitoringReading(version: String, at now: Date = Date()) throws(StoreError) -> MonitoringReading {
        try read { db in
            let policy = try Self.modelMonitoringPolicy(db)
            return try Self.monitoringReading(version: version, policy: policy, at: now, db).stored
        }
    }

    /// The same reading with the matured bads (for the report), and the version's target and status.
    public func modelMonitoringDetail(version: String, at now: Date = Date()) throws(StoreError) -> ModelMonitoringDetail {
        try read { db in
            let policy = try Self.modelMonitoringPolicy(db)
            return try Self.monitoringReading(version: version, policy: policy, at: now, db)
        }
    }

    /// Records a reading of every champion and challenger in one transaction and runs the drift rule on the
    /// champions: PSI above `alert.psi_critical` (on at least `ModelMonitoring.minimumRecent` scores) opens the model-drift alert through the alert engine (one open alert
    /// per model; a later reading updates or clears it), 0.10 up to it is stored as "watch" without an alert. A former
    /// champion's open drift alert clears. A champion without recent scores, or with too few to judge, keeps its alert as it is.
    @discardableResult
    public func recordModelMonitoring(at now: Date = Date()) throws(StoreError) -> [MonitoringReading] {
        try write { db in try Self.recordModelMonitoring(at: now, db).readings }
    }

    /// `recordModelMonitoring` returning each reading with its detail (for the CLI's report of what it recorded).
    public func recordModelMonitoringDetails(at now: Date = Date()) throws(StoreError) -> [ModelMonitoringDetail] {
        try write { db in try Self.recordModelMonitoring(at: now, db).details }
    }

    // MARK: - Internals

    static func modelMonitoringPolicy(_ db: Database) throws -> ModelMonitoringPolicy {
        let stored = try storedSettings(db)
        return try settingRuling { () throws(SettingError) in try DeskSettings.modelMonitoring(from: stored) }
    }

    /// The feed's timed check: a monitoring pass when the last reading of any champion is at least
    /// `model.monitor_interval_minutes` old (or there is none, or it lies ahead of `now`); nil when it was not due.
    static func monitorModelsIfDue(at now: Date, _ db: Database) throws -> ModelMonitoringRun? {
        guard try hasModelRegistry(db) else { return nil }
        let policy = try modelMonitoringPolicy(db)
        let champions = try String.fetchAll(db, sql: "SELECT version FROM model_versions WHERE status = 'champion'")
        var last: Double?
        for version in champions {
            if let at = try Double.fetchOne(db, sql: "SELECT MAX(at) FROM model_monitoring WHERE version = ?", arguments: [version]) {
                last = max(last ?? at, at)
            }
        }
        if let last {
            let age = now.timeIntervalSince1970 - last
            if age >= 0 && age < policy.interval { return nil }
        }
        return try recordModelMonitoring(at: now, db)
    }

    static func recordModelMonitoring(at now: Date, _ db: Database) throws -> ModelMonitoringRun {
        guard try hasModelRegistry(db) else {
            throw StoreError.readOnly("this file predates the model registry; open it for writing to migrate it first")
        }
        let stored = try storedSettings(db)
        let policy = try settingRuling { () throws(SettingError) in try DeskSettings.modelMonitoring(from: stored) }
        let thresholds = try settingRuling { () throws(SettingError) in try DeskSettings.alertThresholds(from: stored) }
        let versions = try Row.fetchAll(db, sql: """
            SELECT version, target, status FROM model_versions WHERE status IN ('champion','challenger')
            ORDER BY status = 'champion' DESC, target, version
            """)
        var run = ModelMonitoringRun(details: [], alerts: EngineOutcome(), championPSI: nil)
        var subjects = Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT subject FROM alerts WHERE rule = ? AND state IN \(unresolvedStates)
            """, arguments: [AlertRule.modelDrift.rawValue]).filter { $0.hasPrefix("model:") })
        var candidates: [EngineCandidate] = []
        var unobserved = Set<String>()
        for row in versions {
            let version: String = row["version"], status: String = row["status"], target: String = row["target"]
            let detail = try monitoringReading(version: version, policy: policy, at: now, db)
            let reading = detail.stored
            try db.execute(sql: """
                INSERT INTO model_monitoring (version, at, recent, psi, level, csi, matured, matured_auc)
                VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [version, now.timeIntervalSince1970, reading.recent, reading.psi, reading.level?.rawValue,
                                 csiJSON(reading.csi), reading.matured, reading.maturedAUC])
            run.details.append(detail)
            guard status == ModelStatus.champion.rawValue else { continue }
            guard let psi = reading.psi, reading.level != nil else {
                // No recent scores, or too few to judge: nothing was observed, so an open drift alert stays as it is.
                unobserved.insert("model:\(version)")
                continue
            }
            if target == ModelTarget.default12m.code { run.championPSI = psi }
            subjects.insert("model:\(version)")
            candidates += AlertRules.evaluateDrift(psi: psi, modelVersion: version, thresholds: thresholds,
                                                   largestShift: detail.reading.csiBySize.first)
                .map { EngineCandidate($0) }
        }
        // Every other subject with an open drift alert (a former champion, a challenger) has no candidate: it clears.
        subjects.subtract(unobserved)
        run.alerts = try runEngine(subjects: subjects, candidates: candidates, rules: [.modelDrift], at: now, db)
        return run
    }

    static func csiJSON(_ csi: [String: Double]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rounded = csi.mapValues { ($0 * 1_000_000).rounded() / 1_000_000 }
        return (try? encoder.encode(rounded)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
