import Foundation
import GRDB
import RiskCore

/// The riskdesk database: one SQLite file in WAL mode, shared safely by several consoles and the CLI.
public final class RiskStore: Sendable {
    public let path: String
    public let isReadOnly: Bool
    /// The operating-system login this store acts for: identity checks and audit entries use it.
    public let login: String
    let writer: any DatabaseWriter

    private init(path: String, writer: any DatabaseWriter, isReadOnly: Bool, login: String) {
        self.path = path
        self.writer = writer
        self.isReadOnly = isReadOnly
        self.login = login
    }

    private static func configuration(readOnly: Bool, login: String? = nil,
                                      trace: (@Sendable (String) -> Void)? = nil) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        if let trace {
            // Every statement any connection runs, as written (with `?`): the key path's query-plan test reads them.
            config.prepareDatabase { db in
                db.trace(options: .statement) { event in
                    if case let .statement(statement) = event { trace(statement.sql) }
                }
            }
        }
        if let login, !readOnly {
            // Every audit entry this connection writes records the operating-system login behind it.
            config.prepareDatabase { db in
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS riskdesk_session (login TEXT NOT NULL)")
                try db.execute(sql: "DELETE FROM temp.riskdesk_session")
                try db.execute(sql: "INSERT INTO temp.riskdesk_session (login) VALUES (?)", arguments: [login])
            }
        }
        return config
    }

    /// Approvals and the audit log must survive a power cut once the commit returns. GRDB's pool sets
    /// `synchronous = NORMAL` on its writer after `prepareDatabase`, so FULL is set on the writer afterwards.
    private static func enforceFullSync(_ writer: any DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    }

    /// Opens an existing riskdesk database, migrating an older schema and refusing a newer one.
    ///
    /// The path is checked first (`DatabaseFile.check`): a directory, a named pipe, a device, an empty, short or
    /// unreadable file is refused with its own message, and nothing ever blocks on a pipe. Read-only opens never
    /// write: an older schema is read when the missing migrations change data only, else `needsMigration`; a file
    /// in a folder where SQLite cannot create its `-shm` file is read as immutable when no write-ahead log is pending.
    /// `auditOnly`: a read-only open for the audit commands, which read any older schema's log as it is (an auditor
    /// verifies a write-protected file without migrating it); other readers need the current tables.
    /// `traceStatements` receives the SQL of every statement the store's connections run (tests of query plans).
    public static func open(at path: String, readOnly: Bool = false, auditOnly: Bool = false,
                            login: String = SystemLogin.current(),
                            traceStatements: (@Sendable (String) -> Void)? = nil) throws(StoreError) -> RiskStore {
        try DatabaseFile.check(path)
        do {
            // Identify the file on a read-only connection first: opening a pool would switch a
            // foreign database to WAL before we could refuse it.
            let probe = try readOnlyQueue(path)
            let (probeID, probeVersion) = try identify(probe)
            guard probeID == Schema.applicationID else {
                try? probe.close()
                throw StoreError.notARiskdeskDatabase(path: path)
            }
            if probeVersion > Schema.version {
                try? probe.close()
                throw StoreError.schemaTooNew(path: path, found: probeVersion, supported: Schema.version)
            }
            if readOnly {
                guard probeVersion == Schema.version || Schema.canRead(version: probeVersion) || (auditOnly && probeVersion >= 1) else {
                    try? probe.close()
                    throw StoreError.needsMigration(path: path, found: probeVersion, supported: Schema.version)
                }
                return RiskStore(path: path, writer: probe, isReadOnly: true, login: login)
            }
            try probe.close()
            let writer: DatabasePool
            do {
                writer = try DatabasePool(path: path, configuration: configuration(readOnly: false, login: login,
                                                                                   trace: traceStatements))
                try enforceFullSync(writer)
            } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode) {
                let detail = error.message ?? "\(error.resultCode)"
                throw StoreError.readOnly("\(path) cannot be opened for writing (\(detail)): the file or its folder is read-only here; "
                    + "read-only commands (queue, show, users, audit) still read it")
            }
            let store = RiskStore(path: path, writer: writer, isReadOnly: false, login: login)
            let (appID, version) = try identify(writer)
            guard appID == Schema.applicationID else { throw StoreError.notARiskdeskDatabase(path: path) }
            if version > Schema.version {
                throw StoreError.schemaTooNew(path: path, found: version, supported: Schema.version)
            }
            if version < Schema.version { try store.migrate() }
            return store
        } catch let error as StoreError {
            throw error
        } catch {
            throw map(error, path: path)
        }
    }

    private static func identify(_ reader: any DatabaseReader) throws -> (applicationID: Int32, version: Int) {
        try reader.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0, try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
        }
    }

    /// A read-only connection that has read the header. SQLite reads a WAL-mode file through its `-shm` file,
    /// which it must create when missing; in a folder it cannot write that fails, and then the file is opened as
    /// immutable — exact, because without a pending `-wal` everything is in the file and no writer can start there.
    private static func readOnlyQueue(_ path: String) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
            return queue
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            guard !DatabaseFile.hasWriteAheadLog(path) else {
                let detail = error.message ?? "\(error.resultCode)"
                throw StoreError.unreadable(path: path, reason: "its write-ahead log (\(path)-wal) holds changes not yet in the file, "
                    + "and reading them needs \(path)-shm, which cannot be created here (\(detail)); "
                    + "copy the file with its -wal to a writable folder")
            }
            let queue = try DatabaseQueue(path: DatabaseFile.immutableURI(path), configuration: configuration(readOnly: true))
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
            return queue
        }
    }

    /// Creates a new, empty riskdesk database; refuses to overwrite unless `overwrite` is set, and even then
    /// overwrites only a riskdesk database marked as training data — never production data or a foreign file.
    public static func create(at path: String, overwrite: Bool = false,
                              login: String = SystemLogin.current()) throws(StoreError) -> RiskStore {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            guard overwrite else { throw .fileExists(path: path) }
            try requireTrainingData(toOverwrite: path)
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false, login: login))
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            }
            try enforceFullSync(pool)
            let store = RiskStore(path: path, writer: pool, isReadOnly: false, login: login)
            try store.migrate()
            return store
        } catch {
            throw map(error, path: path)
        }
    }

    /// Overwriting is allowed only for a riskdesk database that says it holds training data. The flag is read on a
    /// read-only connection straight from `settings`, so a training database of any schema version qualifies.
    static func requireTrainingData(toOverwrite path: String) throws(StoreError) {
        do {
            try DatabaseFile.check(path)
        } catch {
            throw .overwriteRefused(path: path, reason: "it is not a riskdesk database (\(error.description))")
        }
        let found: (isRiskdesk: Bool, isTraining: Bool)
        do {
            let queue = try readOnlyQueue(path)
            defer { try? queue.close() }
            found = try queue.read { db in
                guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == Schema.applicationID else { return (false, false) }
                return (true, try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?",
                                                  arguments: [SettingKey.trainingData]) == "true")
            }
        } catch {
            throw .overwriteRefused(path: path, reason: "it is not a riskdesk database (\(map(error, path: path).description))")
        }
        guard found.isRiskdesk else { throw .overwriteRefused(path: path, reason: "it is not a riskdesk database") }
        guard found.isTraining else { throw .overwriteRefused(path: path, reason: "it is not marked as training data") }
    }

    /// Runs the missing migrations. Two processes opening an older file at once (two consoles, a console and the
    /// feed) race: each reads which migrations ran, then runs the rest one transaction each, so the slower one finds
    /// a table the faster one just created. Its migration rolls back whole; reading again skips what the other ran.
    private func migrate() throws {
        var attempt = 0
        while true {
            do {
                try Schema.migrator.migrate(writer)
                break
            } catch {
                attempt += 1
                let applied = try writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
                if applied.count >= Schema.version { break }  // the other process ran the rest
                if attempt >= 5 { throw error }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
        }
    }

    /// The schema version recorded in the file.
    public func schemaVersion() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Flushes the WAL into the main file (before copying the file elsewhere).
    public func checkpoint() throws(StoreError) {
        guard !isReadOnly else { return }
        try wrap { try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
    }

    /// Runs SQLite's integrity check; returns nil when the file is sound, else SQLite's first complaint.
    public func integrityProblem() throws(StoreError) -> String? {
        try read { db in
            let result = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "ok"
            return result == "ok" ? nil : result
        }
    }

    static func map(_ error: any Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        if let db = error as? DatabaseError {
            if db.message?.contains("append-only") == true { return .auditAppendOnly }
            switch db.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .corrupt(path: path, detail: db.message ?? "\(db.resultCode)")
            case .SQLITE_READONLY:
                return .readOnly("\(path) is read-only: \(db.message ?? "")")
            default:
                return .database(db.message ?? "\(db)")
            }
        }
        return .database("\(error)")
    }

    func wrap<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw RiskStore.map(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try wrap { try writer.read(body) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard !isReadOnly else { throw .readOnly("this database was opened read-only: nothing was written") }
        return try wrap { try writer.write(body) }
    }
}
