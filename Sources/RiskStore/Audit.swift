import Crypto
import Foundation
import GRDB
import RiskCore

/// A stored audit entry with its place in the hash chain.
public struct AuditEntry: Hashable, Sendable {
    public var sequence: Int64
    public var timestamp: String
    public var record: AuditRecord
    public var previousHash: String
    public var hash: String
}

/// The result of walking the audit chain.
public enum AuditVerification: Equatable, Sendable {
    case intact(entries: Int)
    /// The first entry whose link does not hold, and what is wrong with it.
    case broken(sequence: Int64, problem: String)

    public var isIntact: Bool { if case .intact = self { true } else { false } }

    public var description: String {
        switch self {
        case let .intact(n): "ok: \(n) entries"
        case let .broken(seq, problem): "broken at entry \(seq): \(problem)"
        }
    }
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

    /// Appends one entry inside the caller's transaction, chained to the last one.
    @discardableResult
    static func append(_ record: AuditRecord, at date: Date, _ db: Database) throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let sequence: Int64 = (last?["seq"] as Int64? ?? 0) + 1
        let previous: String = last?["hash"] ?? genesis
        let stamp = timestamp(date)
        let hash = hash(previous: previous, canonical: record.canonicalEncoding(sequence: sequence, timestamp: stamp))
        try db.execute(sql: """
            INSERT INTO audit_log (seq, at, actor, action, subject, before, after, reason, prev_hash, hash)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """, arguments: [sequence, stamp, record.actor, record.action, record.subject, json(record.before),
                             json(record.after), record.reason, previous, hash])
        try db.execute(sql: """
            INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('audit.head', ?, ?, 'system')
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, arguments: ["\(sequence):\(hash)", date.timeIntervalSince1970])
        return AuditEntry(sequence: sequence, timestamp: stamp, record: record, previousHash: previous, hash: hash)
    }

    static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(sequence: row["seq"], timestamp: row["at"],
                   record: AuditRecord(actor: row["actor"], action: row["action"], subject: row["subject"],
                                       before: fields(row["before"]) ?? [:], after: fields(row["after"]) ?? [:],
                                       reason: row["reason"]),
                   previousHash: row["prev_hash"], hash: row["hash"])
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
            let rows: [Row]
            if let subject {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE subject = ? ORDER BY seq DESC LIMIT ?",
                                        arguments: [subject, count])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [count])
            }
            return rows.reversed().map(AuditChain.entry)
        }
    }

    /// Walks the whole chain and names the first entry that was edited, deleted, inserted or moved.
    public func verifyAuditChain() throws(StoreError) -> AuditVerification {
        try read { db in
            var expectedSequence: Int64 = 1
            var previous = AuditChain.genesis
            var count = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
            while let row = try cursor.next() {
                let seq: Int64 = row["seq"]
                if seq != expectedSequence {
                    return .broken(sequence: seq, problem: seq > expectedSequence
                        ? "entries \(expectedSequence)–\(seq - 1) are missing (deleted)"
                        : "sequence out of order after \(expectedSequence - 1)")
                }
                let storedPrevious: String = row["prev_hash"]
                if storedPrevious != previous {
                    return .broken(sequence: seq, problem: "its link to entry \(seq - 1) does not match (inserted, removed or reordered)")
                }
                guard let before = AuditChain.fields(row["before"]), let after = AuditChain.fields(row["after"]) else {
                    return .broken(sequence: seq, problem: "before/after are not valid JSON (edited)")
                }
                let record = AuditRecord(actor: row["actor"], action: row["action"], subject: row["subject"],
                                         before: before, after: after, reason: row["reason"])
                let recomputed = AuditChain.hash(previous: previous, canonical: record.canonicalEncoding(sequence: seq, timestamp: row["at"]))
                let stored: String = row["hash"]
                if recomputed != stored {
                    return .broken(sequence: seq, problem: "its content does not match its hash (edited)")
                }
                previous = stored
                expectedSequence += 1
                count += 1
            }
            if let head = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'audit.head'") {
                let parts = head.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, let headSeq = Int64(parts[0]), headSeq != Int64(count) || parts[1] != previous {
                    return .broken(sequence: Int64(count) + 1, problem: "the chain ends at \(count) but the recorded head is entry \(headSeq) (entries removed from the end)")
                }
            }
            return .intact(entries: count)
        }
    }
}
