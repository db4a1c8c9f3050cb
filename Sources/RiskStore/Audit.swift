import Crypto
import Foundation
import GRDB
import RiskCore

/// A stored audit entry with its place in the hash chain.
public struct AuditEntry: Hashable, Sendable {
    public var sequence: Int64
    public var timestamp: String
    public var record: AuditRecord
    /// The encoding its hash was computed over (1 for entries written before schema v2).
    public var encoding: AuditEncoding
    public var previousHash: String
    public var hash: String

    /// The anchor this entry gives when it is the head.
    public var anchor: AuditAnchor { AuditAnchor(sequence: sequence, hash: hash) }
}

enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static let timestampFormat: Date.ISO8601FormatStyle = .iso8601
        .year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)

    static func timestamp(_ date: Date) -> String { date.formatted(timestampFormat) }

    static func hash(previous: String, canonical: String) -> String {
        let digest = SHA256.hash(data: Data((previous + canonical).utf8))
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func json(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(fields)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    static func fields(_ json: String) -> [String: String]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String]
    }

    /// Appends one entry inside the caller's transaction, chained to the last one, in the current encoding.
    /// The chain's head is its last row by `seq` (the primary key): nothing else is written, so no single row is
    /// rewritten by every writer (schema v11b dropped the old `audit.head` setting that was).
    @discardableResult
    static func append(_ record: AuditRecord, at date: Date, _ db: Database) throws -> AuditEntry {
        var record = record
        if record.login.isEmpty { record.login = try sessionLogin(db) }
        var sequence: Int64 = 1
        var previous = genesis
        // Cached statements: the feed appends thousands of entries per batch.
        if let last = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            let seqValue: DatabaseValue = last[0]
            let hashValue: DatabaseValue = last[1]
            guard let lastSequence = Int64.fromDatabaseValue(seqValue), let lastHash = String.fromDatabaseValue(hashValue) else {
                throw StoreError.database("the last audit entry is malformed, so nothing can be chained to it; run `riskdesk audit verify`")
            }
            sequence = lastSequence + 1
            previous = lastHash
        }
        let stamp = timestamp(date)
        let encoding = AuditEncoding.current
        let hash = hash(previous: previous, canonical: record.canonicalEncoding(sequence: sequence, timestamp: stamp, encoding: encoding))
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (seq, at, actor, login, action, subject, before, after, reason, encoding, prev_hash, hash)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """).execute(arguments: [sequence, stamp, record.actor, record.login, record.action, record.subject, json(record.before),
                             json(record.after), record.reason, encoding.rawValue, previous, hash])
        return AuditEntry(sequence: sequence, timestamp: stamp, record: record, encoding: encoding, previousHash: previous, hash: hash)
    }

    /// The login the store was opened for (see `RiskStore.open(at:readOnly:login:)`), or "" on a connection without one.
    static func sessionLogin(_ db: Database) throws -> String {
        guard try db.tableExists("riskdesk_session", in: "temp") else { return "" }
        return try String.fetchOne(db, sql: "SELECT login FROM temp.riskdesk_session LIMIT 1") ?? ""
    }

    /// Changes the login this connection's audit entries record (the sample generator's history is `sample`).
    static func setSessionLogin(_ login: String, _ db: Database) throws {
        guard try db.tableExists("riskdesk_session", in: "temp") else { return }
        try db.execute(sql: "UPDATE temp.riskdesk_session SET login = ?", arguments: [login])
    }

    /// Whether the file's audit_log has the columns schema v2 added (a read-only store is not migrated).
    static func hasVersion2Columns(_ db: Database) throws -> Bool {
        let names = Set(try db.columns(in: "audit_log").map(\.name))
        return names.contains("encoding") && names.contains("login")
    }

    /// The columns every reader selects, in this order; an old file gives encoding 1 and no login.
    static func selection(_ db: Database) throws -> String {
        "seq, at, actor, action, subject, before, after, reason, prev_hash, hash, "
            + (try hasVersion2Columns(db) ? "encoding, login" : "1 AS encoding, '' AS login")
    }

    /// Reads one row of `selection`, checking every column's type: an edited file must not crash the reader.
    static func entry(_ row: Row) -> Result<AuditEntry, MalformedEntry> {
        let seqValue: DatabaseValue = row[0]
        guard let sequence = Int64.fromDatabaseValue(seqValue) else { return .failure(MalformedEntry(sequence: nil, column: "seq")) }
        func text(_ index: Int, _ name: String) -> Result<String, MalformedEntry> {
            let value: DatabaseValue = row[index]
            guard let string = String.fromDatabaseValue(value) else { return .failure(MalformedEntry(sequence: sequence, column: name)) }
            return .success(string)
        }
        do {
            let encodingValue: DatabaseValue = row[10]
            guard let number = Int.fromDatabaseValue(encodingValue), let encoding = AuditEncoding(rawValue: number) else {
                throw MalformedEntry(sequence: sequence, column: "encoding")
            }
            let before = try text(5, "before").get()
            let after = try text(6, "after").get()
            guard let beforeFields = fields(before) else { throw MalformedEntry(sequence: sequence, column: "before") }
            guard let afterFields = fields(after) else { throw MalformedEntry(sequence: sequence, column: "after") }
            let record = AuditRecord(actor: try text(2, "actor").get(), action: try text(3, "action").get(),
                                     subject: try text(4, "subject").get(), before: beforeFields, after: afterFields,
                                     reason: try text(7, "reason").get(), login: try text(11, "login").get())
            return .success(AuditEntry(sequence: sequence, timestamp: try text(1, "at").get(), record: record, encoding: encoding,
                                       previousHash: try text(8, "prev_hash").get(), hash: try text(9, "hash").get()))
        } catch let error as MalformedEntry {
            return .failure(error)
        } catch {
            return .failure(MalformedEntry(sequence: sequence, column: "?"))
        }
    }

    /// A stored entry whose column is missing, of the wrong type or not valid JSON.
    struct MalformedEntry: Error {
        var sequence: Int64?
        var column: String

        var problem: String {
            switch column {
            case "before", "after": "before/after are not valid JSON (edited)"
            case "encoding": "its encoding is not one riskdesk knows (edited)"
            default: "its \(column) is missing or of the wrong type (edited)"
            }
        }
    }
}

extension RiskStore {
    /// Appends an audit entry in its own transaction (for events that change nothing else).
    @discardableResult
    public func appendAudit(_ record: AuditRecord, at date: Date = Date()) throws(StoreError) -> AuditEntry {
        try write { db in try AuditChain.append(record, at: date, db) }
    }

    /// The newest `count` entries, oldest first.
    public func auditTail(count: Int = 20, subject: String? = nil) throws(StoreError) -> [AuditEntry] {
        try read { db in
            let columns = try AuditChain.selection(db)
            let rows: [Row]
            if let subject {
                rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM audit_log WHERE subject = ? ORDER BY seq DESC LIMIT ?",
                                        arguments: [subject, count])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [count])
            }
            return try rows.reversed().map { row in
                switch AuditChain.entry(row) {
                case let .success(entry): return entry
                case let .failure(malformed):
                    throw StoreError.database("audit entry \(malformed.sequence.map(String.init) ?? "?") is malformed: "
                                              + malformed.problem + "; run `riskdesk audit verify`")
                }
            }
        }
    }

    /// The newest entry, which `audit anchor` writes down; nil for an empty log.
    public func auditHead() throws(StoreError) -> AuditEntry? {
        try auditTail(count: 1).first
    }
}
