import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// The sequence of the newest audit entry (0 for an empty log): the mark a guided tour counts from.
    public func auditHeadSequence() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_log") ?? 0 }
    }

    /// What people (not the feed's engine, the system or the seeder) did after audit entry `sequence`, oldest
    /// first, at most `limit` records: the guided tour checks its steps against these. A range read on the log's
    /// primary key.
    public func peopleActions(after sequence: Int64, limit: Int = 2_000) throws(StoreError) -> [AuditRecord] {
        try peopleActionsAndHead(after: sequence, limit: limit).records
    }

    /// `peopleActions(after:limit:)` and the sequence they run through: the next read starts after it, so a tour that
    /// checks on every change reads each entry once (the feed writes many).
    public func peopleActionsAndHead(after sequence: Int64, limit: Int = 2_000) throws(StoreError) -> (records: [AuditRecord], through: Int64) {
        try read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_log") ?? sequence
            let columns = try AuditChain.selection(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM audit_log
                WHERE seq > ? AND seq <= ? AND actor NOT IN ('engine', 'system', 'seed') ORDER BY seq LIMIT ?
                """, arguments: [sequence, head, max(1, limit)])
            let entries = try rows.map { row in
                switch AuditChain.entry(row) {
                case let .success(entry): return entry
                case let .failure(malformed):
                    throw StoreError.database("audit entry \(malformed.sequence.map(String.init) ?? "?") is malformed: "
                                              + malformed.problem + "; run `riskdesk audit verify`")
                }
            }
            // A full page stops at its last entry; otherwise everything up to the head has been looked at.
            let through = entries.count >= max(1, limit) ? (entries.last?.sequence ?? head) : max(head, sequence)
            return (entries.map(\.record), through)
        }
    }
}
