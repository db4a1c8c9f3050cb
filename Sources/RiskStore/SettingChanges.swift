import Foundation
import GRDB
import RiskCore

/// One desk setting as the store holds it: the registry's definition, what is stored and who changed it last.
public struct SettingEntry: Hashable, Sendable {
    public var definition: SettingDefinition
    /// The text in the settings table; nil when nothing is stored and the default applies.
    public var storedText: String?
    /// The value in force: the stored one, or the default. Nil when the stored text is corrupt (see `problem`).
    public var value: SettingValue?
    /// Why the stored text is not a value of the setting.
    public var problem: SettingError?
    public var changedBy: String?
    public var changedAt: Date?

    public init(definition: SettingDefinition, storedText: String?, value: SettingValue?, problem: SettingError? = nil,
                changedBy: String? = nil, changedAt: Date? = nil) {
        self.definition = definition
        self.storedText = storedText
        self.value = value
        self.problem = problem
        self.changedBy = changedBy
        self.changedAt = changedAt
    }

    public var key: String { definition.key }
    public var isStored: Bool { storedText != nil }
}

extension RiskStore {
    /// Every stored `key → value` of the settings table (the registry decides which matter and how they read).
    static func storedSettings(_ db: Database) throws -> [String: String] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM settings").map { ($0["key"] as String, $0["value"] as String) },
                   uniquingKeysWith: { $1 })
    }

    /// Runs a `DeskSettings` rule; its refusal becomes the store error that fits (a corrupt stored value is a data error).
    static func settingRuling<T>(_ rule: () throws(SettingError) -> T) throws(StoreError) -> T {
        do throws(SettingError) { return try rule() } catch { throw storeError(error) }
    }

    static func storeError(_ error: SettingError) -> StoreError {
        switch error {
        case .unknownKey: .notFound(error.description)
        case .invalidValue, .conflict: .invalidInput(error.description)
        case let .corruptStored(key, value, expected):
            .corruptRow(table: "settings", row: key, column: "value", value: value, expected: expected)
        }
    }

    /// Every desk setting, in the registry's order, with its value in force, default and last change.
    public func settings() throws(StoreError) -> [SettingEntry] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value, updated_at, updated_by FROM settings")
            var stored: [String: Row] = [:]
            for row in rows { stored[row["key"]] = row }
            return DeskSettings.all.map { definition in
                guard let row = stored[definition.key] else {
                    return SettingEntry(definition: definition, storedText: nil, value: definition.defaultValue)
                }
                let text: String = row["value"]
                let seconds: Double? = row["updated_at"]
                var entry = SettingEntry(definition: definition, storedText: text, value: nil,
                                         changedBy: row["updated_by"], changedAt: seconds.map(Date.init(timeIntervalSince1970:)))
                do throws(SettingError) { entry.value = try definition.decode(stored: text) } catch { entry.problem = error }
                return entry
            }
        }
    }

    /// Changes a desk setting as `actorName`: the core checks the permission (a supervisor, or a trainer on training
    /// data), the reason, the value (parsed in the setting's units, within its range) and the rules between settings;
    /// the new value and a `setting.change` audit entry (before, after, reason) are written in one transaction.
    /// Returns the value stored.
    @discardableResult
    public func changeSetting(_ key: String, to text: String, by actorName: String, reason: String,
                              at date: Date = Date()) throws(StoreError) -> SettingValue {
        try write { db in
            let actor = try Self.requireUser(actorName, db)
            let training = try Self.isTraining(db)
            try Self.ruling { () throws(DecisionError) in
                try DeskRules.changeSetting(by: actor, isTrainingData: training, reason: reason)
            }
            let stored = try Self.storedSettings(db)
            let value = try Self.settingRuling { () throws(SettingError) in
                try DeskSettings.change(key, to: text, stored: stored)
            }
            let definition = try Self.settingRuling { () throws(SettingError) in try DeskSettings.definition(key) }
            let before: [String: String] = stored[key].map { ["value": $0] }
                ?? ["value": definition.defaultValue.storedText, "default": "true"]
            try Self.storeSetting(key, value.storedText, by: actor.name, at: date, db)
            try AuditChain.append(AuditRecord(actor: actor.name, action: "setting.change", subject: "setting:\(key)",
                                              before: before, after: ["value": value.storedText],
                                              reason: reason.trimmingCharacters(in: .whitespacesAndNewlines)),
                                  at: date, db)
            return value
        }
    }
}
