import Foundation
import GRDB
import RiskCore

/// The generator's writer of the audit chain: the same rows `AuditChain.append` writes, with the head kept in memory
/// instead of read back before every entry, and one prepared insert.
///
/// Only the generator may use it, and only while nothing else appends: call `resynchronize` after another writer did.
struct SampleChain {
    private let db: Database
    private let insert: Statement
    /// The login recorded on entries that carry none (the session's, as `AuditChain.append` does).
    private let login: String
    private(set) var sequence: Int64 = 0
    private(set) var previous = AuditChain.genesis

    init(_ db: Database) throws {
        self.db = db
        login = try AuditChain.sessionLogin(db)
        insert = try db.makeStatement(sql: """
            INSERT INTO audit_log (seq, at, actor, login, action, subject, before, after, reason, encoding, prev_hash, hash)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        try resynchronize()
    }

    /// Reads the head from the log again (after entries appended by `AuditChain.append`).
    mutating func resynchronize() throws {
        guard let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1") else {
            (sequence, previous) = (0, AuditChain.genesis)
            return
        }
        let seqValue: DatabaseValue = last[0]
        let hashValue: DatabaseValue = last[1]
        guard let lastSequence = Int64.fromDatabaseValue(seqValue), let lastHash = String.fromDatabaseValue(hashValue) else {
            throw StoreError.database("the last audit entry is malformed, so nothing can be chained to it; run `riskdesk audit verify`")
        }
        (sequence, previous) = (lastSequence, lastHash)
    }

    /// Appends one entry, chained to the head, in the current encoding.
    mutating func append(_ record: AuditRecord, at date: Date) throws {
        var record = record
        if record.login.isEmpty { record.login = login }
        let next = sequence + 1
        let stamp = SampleText.timestamp(date)
        let encoding = AuditEncoding.current
        let hash = AuditChain.hash(previous: previous,
                                   canonical: record.canonicalEncoding(sequence: next, timestamp: stamp, encoding: encoding))
        try insert.execute(arguments: [next, stamp, record.actor, record.login, record.action, record.subject,
                                       SampleText.json(record.before), SampleText.json(record.after), record.reason,
                                       encoding.rawValue, previous, hash])
        (sequence, previous) = (next, hash)
    }
}
