import Foundation
import GRDB
import RiskCore

/// Keys of the settings table that the product reads.
public enum SettingKey {
    public static let trainingData = "database.training"
    public static let description = "database.description"
    // The thresholds are `DeskSettings` (RiskCore): these names stay for callers that knew them here.
    public static let fourEyesThreshold = DeskSettings.Key.fourEyesThreshold
    public static let claimMinutes = DeskSettings.Key.claimMinutes
    public static let rollbackDays = DeskSettings.Key.rollbackDays
    public static let officerLimit = DeskSettings.Key.officerLimit
    public static let autoApprovePD = DeskSettings.Key.autoApprovePD
    /// The financing margin ratio for new contracts in basis points (10000 = 100%, the default when absent).
    public static let financingMarginRatio = DeskSettings.Key.financingMarginRatio
    public static let sentiment = "market.sentiment"
    public static let championModel = "model.champion"
    /// When the sample data was generated (seconds since 1970): the moment its SLAs and ages are relative to.
    public static let asOf = "database.as_of"
}

extension RiskStore {
    public func setting(_ key: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    /// Changes an internal setting (`database.*`, `market.sentiment`, …) in one transaction with its audit entry.
    /// The thresholds of `DeskSettings` are refused here: they change only through `changeSetting`, checked.
    public func setSetting(_ key: String, to value: String, by actor: String, reason: String = "",
                           at date: Date = Date()) throws(StoreError) {
        guard !DeskSettings.isRegistered(key) else {
            throw .invalidInput("\(key) is a desk setting: change it with `riskdesk settings set` (a supervisor, with a reason)")
        }
        try write { db in try Self.setSetting(key, to: value, by: actor, reason: reason, at: date, db) }
    }

    /// Writes a setting's row (no audit entry: callers record the change they are part of).
    static func storeSetting(_ key: String, _ value: String, by actor: String, at date: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?,?,?,?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, arguments: [key, value, date.timeIntervalSince1970, actor])
    }

    static func setSetting(_ key: String, to value: String, by actor: String, reason: String, at date: Date,
                           _ db: Database) throws {
        let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
        try storeSetting(key, value, by: actor, at: date, db)
        try AuditChain.append(AuditRecord(actor: actor, action: "setting.change", subject: "setting:\(key)",
                                          before: old.map { ["value": $0] } ?? [:], after: ["value": value],
                                          reason: reason), at: date, db)
    }

    /// True when the database is marked as training data (trainers may write only there).
    public func isTrainingData() throws(StoreError) -> Bool {
        try setting(SettingKey.trainingData) == "true"
    }

    public func approvalPolicy() throws(StoreError) -> ApprovalPolicy {
        try read { db in try Self.approvalPolicy(db) }
    }

    static func approvalPolicy(_ db: Database) throws -> ApprovalPolicy {
        let stored = try storedSettings(db)
        return try settingRuling { () throws(SettingError) in try DeskSettings.approvalPolicy(from: stored) }
    }

    public func screeningPolicy() throws(StoreError) -> ScreeningPolicy {
        try read { db in try Self.screeningPolicy(db) }
    }

    static func screeningPolicy(_ db: Database) throws -> ScreeningPolicy {
        let stored = try storedSettings(db)
        return try settingRuling { () throws(SettingError) in try DeskSettings.screeningPolicy(from: stored) }
    }

    /// The alert thresholds as stored (defaults for absent keys; a corrupt value is a data error).
    public func alertThresholds() throws(StoreError) -> AlertThresholds {
        try read { db in
            let stored = try Self.storedSettings(db)
            return try Self.settingRuling { () throws(SettingError) in try DeskSettings.alertThresholds(from: stored) }
        }
    }

    /// The warning, close-out and recovery lines (and financing ratio) a new contract takes.
    public func newContractLines() throws(StoreError) -> MarginLines {
        try read { db in
            let stored = try Self.storedSettings(db)
            return try Self.settingRuling { () throws(SettingError) in try DeskSettings.newContractLines(from: stored) }
        }
    }

    /// How many seconds the market feed may stay silent before the console shows STALE.
    public func staleAfter() throws(StoreError) -> TimeInterval {
        try read { db in
            let stored = try Self.storedSettings(db)
            return try Self.settingRuling { () throws(SettingError) in try DeskSettings.staleAfter(from: stored) }
        }
    }

    /// The market sentiment index in [−1, 1] (0 when none is recorded).
    public func sentiment() throws(StoreError) -> Double {
        try read { db in try Self.sentiment(db) }
    }

    static func sentiment(_ db: Database) throws -> Double {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [SettingKey.sentiment])
            .flatMap(Double.init) ?? 0
    }

    public func pricingParameters() throws(StoreError) -> PricingParameters {
        try read { db in try Self.pricingParameters(db) }
    }

    static func pricingParameters(_ db: Database) throws -> PricingParameters {
        let stored = Dictionary(try Row.fetchAll(db, sql: "SELECT name, value FROM pricing_parameters").map {
            ($0["name"] as String, $0["value"] as String)
        }, uniquingKeysWith: { $1 })
        return PricingParameters(fields: stored)
    }

    static func isTraining(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [SettingKey.trainingData]) == "true"
    }

    // MARK: users

    public func users() throws(StoreError) -> [User] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY role, name").map(Rows.user)
        }
    }

    public func user(named name: String) throws(StoreError) -> User? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map(Rows.user) }
    }

    static func requireUser(_ name: String, _ db: Database) throws -> User {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]) else {
            throw StoreError.refused(.unknownUser(name))
        }
        let user = try Rows.user(row)
        guard user.isActive else { throw StoreError.refused(.notPermitted(user: name, role: user.role, action: "act (account disabled)")) }
        return user
    }

    /// Adds a user (set-up and sample data).
    public func addUser(_ user: User) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO users (name, display_name, role, approval_limit_fen, active) VALUES (?,?,?,?,?)",
                           arguments: [user.name, user.displayName, user.role.rawValue, user.approvalLimit.fen, user.isActive])
        }
    }
}
