import Foundation

/// What an audit entry records before the store stamps it with a time and chains its hash.
public struct AuditRecord: Hashable, Sendable, Codable {
    public var actor: String
    /// The operating-system login of the process that acted ("" when unknown, as in entries written before v2).
    public var login: String
    public var action: String
    /// `application:APP-000123`, `alert:17`, `setting:pricing.floor_bp`.
    public var subject: String
    public var before: [String: String]
    public var after: [String: String]
    public var reason: String

    public init(actor: String, action: String, subject: String, before: [String: String] = [:],
                after: [String: String] = [:], reason: String = "", login: String = "") {
        self.actor = actor
        self.login = login
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
        self.reason = reason
    }

    /// The text the hash chain covers, in the given encoding (new entries use `AuditEncoding.current`).
    public func canonicalEncoding(sequence: Int64, timestamp: String, encoding: AuditEncoding = .current) -> String {
        switch encoding {
        case .v1: AuditEncoding.version1(self, sequence: sequence, timestamp: timestamp)
        case .v2: AuditEncoding.version2(self, sequence: sequence, timestamp: timestamp)
        }
    }

    /// `{a=1;b=2}` with keys sorted and separators escaped: the version-1 form of a field map, also used for display.
    public static func canonical(_ fields: [String: String]) -> String {
        AuditEncoding.version1Fields(fields)
    }
}

extension AuditRecord {
    /// The entry that opens an application's history: the stage and terms it had before anyone decided on it.
    /// `audit verify` replays every application from its creation entry, so each application needs one.
    public static func applicationCreated(_ id: String, stage: Stage, line: Money, leverage: Leverage,
                                          actor: String, login: String = "") -> AuditRecord {
        AuditRecord(actor: actor, action: "application.create", subject: "application:\(id)",
                    after: ["stage": stage.rawValue, "version": "1", "line": String(line.fen), "leverage": leverage.text],
                    login: login)
    }

    /// Written once by the schema-v2 migration for an application whose current stage and version the log
    /// did not give (databases made before every application had a creation entry): from here on it replays.
    public static func applicationBaseline(_ id: String, stage: String, version: Int64, logged: (stage: String?, version: String?),
                                           at migration: String) -> AuditRecord {
        var before: [String: String] = [:]
        if let stage = logged.stage { before["stage"] = stage }
        if let version = logged.version { before["version"] = version }
        return AuditRecord(actor: "riskdesk", action: "application.baseline", subject: "application:\(id)", before: before,
                           after: ["stage": stage, "version": String(version)],
                           reason: "state as found by the \(migration) migration; the log did not record how it got there")
    }
}
