import Foundation
import RiskCore

/// Why the store could not do what was asked; each case carries a message for a person.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missingFile(path: String)
    case fileExists(path: String)
    case overwriteRefused(path: String, reason: String)
    case notARiskdeskDatabase(path: String)
    case corrupt(path: String, detail: String)
    case schemaTooNew(path: String, found: Int, supported: Int)
    case refused(DecisionError)
    case notFound(String)
    case invalidInput(String)
    case readOnly(String)
    case auditAppendOnly
    case database(String)

    public var description: String {
        switch self {
        case let .missingFile(path):
            "no database at \(path) (create one with `riskdesk seed --out \(path)`)"
        case let .fileExists(path):
            "\(path) already exists; pass --force to overwrite it"
        case let .overwriteRefused(path, reason):
            "refusing to overwrite \(path): \(reason). Only a database seeded with --training may be overwritten; remove the file yourself if you mean it"
        case let .notARiskdeskDatabase(path):
            "\(path) is an SQLite file but not a riskdesk database (no riskdesk schema in it)"
        case let .corrupt(path, detail):
            "\(path) is not a readable database (\(detail)); it may be corrupt or not SQLite at all"
        case let .schemaTooNew(path, found, supported):
            "\(path) has schema version \(found), newer than this riskdesk supports (\(supported)): upgrade riskdesk to open it"
        case let .refused(error):
            error.description
        case let .notFound(what):
            what
        case let .invalidInput(message):
            message
        case let .readOnly(message):
            message
        case .auditAppendOnly:
            "the audit log is append-only: updates and deletes are refused"
        case let .database(message):
            "database error: \(message)"
        }
    }
}

extension RiskStore {
    /// Runs a RiskCore rule; its refusal becomes the store's `.refused`, so nothing is written after it.
    static func ruling<T>(_ rule: () throws(DecisionError) -> T) throws(StoreError) -> T {
        do throws(DecisionError) { return try rule() } catch { throw .refused(error) }
    }
}
