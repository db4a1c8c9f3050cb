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
    /// A margin-call rule refused the step (see `MarginCallRules`); nothing was written.
    case callRefused(MarginCallError)
    /// A model-lifecycle rule refused the step (see `ModelLifecycleRules`); nothing was written.
    case modelRefused(ModelLifecycleError)
    case notFound(String)
    case invalidInput(String)
    case readOnly(String)
    case auditAppendOnly
    case database(String)
    /// The path names something other than a regular file: a directory, a named pipe, a device, a socket.
    case notARegularFile(path: String, kind: String)
    /// A 0-byte file: nothing in it, so not a database (SQLite leaves none behind for a database it created).
    case emptyFile(path: String)
    /// A file shorter than SQLite's 100-byte header: not a database, or a copy cut short.
    case truncated(path: String, size: Int)
    /// The file exists but this process cannot read it (permissions, or a read-only folder that SQLite needs).
    case unreadable(path: String, reason: String)
    /// Opened read-only, but the file's schema is older than this binary's and must be migrated by a writing command.
    case needsMigration(path: String, found: Int, supported: Int)
    /// A stored row holds a value the program does not know: corrupt or hand-edited data, never read as a default.
    case corruptRow(table: String, row: String, column: String, value: String, expected: String)
    /// A long run (the sample generator) was stopped on request (Ctrl-C) before it finished; the message says what was kept.
    case interrupted(String)

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
        case let .callRefused(error):
            error.description
        case let .modelRefused(error):
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
        case let .notARegularFile(path, kind):
            "\(path) is a \(kind), not a database file"
        case let .emptyFile(path):
            "\(path) is an empty file (0 bytes), not a riskdesk database"
        case let .truncated(path, size):
            "\(path) is only \(size) bytes, shorter than an SQLite header (100 bytes): not a database, or a copy cut short"
        case let .unreadable(path, reason):
            "cannot read \(path): \(reason)"
        case let .needsMigration(path, found, supported):
            "\(path) has schema version \(found) and this riskdesk reads version \(supported): it was opened read-only, so it was not migrated; "
                + "run a writing command on it once (e.g. the console without --readonly) to migrate it, or use the riskdesk that wrote it"
        case let .corruptRow(table, row, column, value, expected):
            "corrupt data: \(table) row \(row) has \(column) = '\(value)', which is not \(expected)"
        case let .interrupted(message):
            message
        }
    }
}

extension RiskStore {
    /// Runs a RiskCore rule; its refusal becomes the store's `.refused`, so nothing is written after it.
    static func ruling<T>(_ rule: () throws(DecisionError) -> T) throws(StoreError) -> T {
        do throws(DecisionError) { return try rule() } catch { throw .refused(error) }
    }

    /// Runs a model-lifecycle rule; its refusal becomes `.modelRefused`, so nothing is written after it.
    static func modelRuling<T>(_ rule: () throws(ModelLifecycleError) -> T) throws(StoreError) -> T {
        do throws(ModelLifecycleError) { return try rule() } catch { throw .modelRefused(error) }
    }

    /// Runs a margin-call rule; its refusal becomes `.callRefused`, so nothing is written after it.
    static func callRuling<T>(_ rule: () throws(MarginCallError) -> T) throws(StoreError) -> T {
        do throws(MarginCallError) { return try rule() } catch { throw .callRefused(error) }
    }
}
