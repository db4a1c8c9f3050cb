import Foundation
import GRDB
import RiskCore

/// The result of verifying the audit log: the chain (whose head is its last row), an optional anchor kept elsewhere,
/// the tables it must re-create and the triggers that keep it append-only.
public enum AuditVerification: Equatable, Sendable {
    case intact(entries: Int)
    /// The first entry whose link does not hold, or that the tables contradict, and what is wrong.
    case broken(sequence: Int64, problem: String)
    /// A problem that belongs to no single entry: an empty log, a row with no entry, a dropped trigger.
    case inconsistent(problem: String)

    public var isIntact: Bool { if case .intact = self { true } else { false } }

    public var description: String {
        switch self {
        case let .intact(n): "ok: \(n) entries"
        case let .broken(seq, problem): "broken at entry \(seq): \(problem)"
        case let .inconsistent(problem): "broken: \(problem)"
        }
    }
}

extension RiskStore {
    /// Verifies the audit log in one read transaction, streaming it once in sequence order: every link and
    /// hash (refusing an encoding-1 entry after an encoding-2 one), the anchor if given,
    /// then every application's stage and version and every decisions row against what the log says, then
    /// the append-only triggers. Names the first problem.
    public func verifyAuditChain(anchor: AuditAnchor? = nil) throws(StoreError) -> AuditVerification {
        try read { db in
            var verifier = AuditVerifier(anchor: anchor)
            return try verifier.run(db)
        }
    }

    /// The head entry as an anchor, after verifying the log: anchoring a broken log would bless a forgery.
    public func auditAnchor() throws(StoreError) -> Result<AuditAnchor, AuditNotAnchored> {
        try read { db in
            var verifier = AuditVerifier(anchor: nil)
            let result = try verifier.run(db)
            guard result.isIntact, let head = verifier.head else { return .failure(AuditNotAnchored(verification: result)) }
            return .success(head)
        }
    }
}

/// Why `auditAnchor()` gave no anchor: the log did not verify.
public struct AuditNotAnchored: Error, Equatable, Sendable {
    public var verification: AuditVerification
}

/// One verification pass; see `RiskStore.verifyAuditChain(anchor:)`.
struct AuditVerifier {
    let anchor: AuditAnchor?
    private(set) var head: AuditAnchor?
    private var replay = ApplicationReplay()

    init(anchor: AuditAnchor?) { self.anchor = anchor }

    mutating func run(_ db: Database) throws -> AuditVerification {
        if let problem = try walkChain(db) { return problem }
        guard let head else {
            return .inconsistent(problem: "the audit log is empty, but every riskdesk database starts with its seed entry (every entry was deleted?)")
        }
        if let anchor, let cut = AuditChainRules.anchorProblem(anchor, chainEnd: head.sequence) {
            return .broken(sequence: cut.sequence, problem: cut.problem)
        }
        if let problem = try replay.check(db) { return problem }
        if let problem = try Self.checkTriggers(db) { return problem }
        return .intact(entries: Int(head.sequence))
    }

    /// Walks every entry in sequence order: numbering, link, encoding order, hash, anchor; feeds the replay.
    private mutating func walkChain(_ db: Database) throws -> AuditVerification? {
        var expectedSequence: Int64 = 1
        var previous = AuditChain.genesis
        var firstVersion2: Int64?
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(try AuditChain.selection(db)) FROM audit_log ORDER BY seq")
        while let row = try cursor.next() {
            let entry: AuditEntry
            switch AuditChain.entry(row) {
            case let .success(decoded): entry = decoded
            case let .failure(malformed): return .broken(sequence: malformed.sequence ?? expectedSequence, problem: malformed.problem)
            }
            let seq = entry.sequence
            if seq != expectedSequence {
                return .broken(sequence: seq, problem: seq > expectedSequence
                    ? "entries \(expectedSequence)–\(seq - 1) are missing (deleted)"
                    : "sequence out of order after \(expectedSequence - 1)")
            }
            if entry.previousHash != previous {
                return .broken(sequence: seq, problem: "its link to entry \(seq - 1) does not match (inserted, removed or reordered)")
            }
            if let problem = AuditChainRules.encodingProblem(entry.encoding, login: entry.record.login, firstVersion2: firstVersion2) {
                return .broken(sequence: seq, problem: problem)
            }
            if entry.encoding == .v2 && firstVersion2 == nil { firstVersion2 = seq }
            let canonical = entry.record.canonicalEncoding(sequence: seq, timestamp: entry.timestamp, encoding: entry.encoding)
            if AuditChain.hash(previous: previous, canonical: canonical) != entry.hash {
                return .broken(sequence: seq, problem: "its content does not match its hash (edited)")
            }
            if let anchor, let problem = AuditChainRules.anchorProblem(anchor, entry: entry.anchor) {
                return .broken(sequence: seq, problem: problem)
            }
            replay.observe(entry)
            previous = entry.hash
            head = entry.anchor
            expectedSequence += 1
        }
        return nil
    }

    static let triggers = [("audit_log_no_update", "UPDATE"), ("audit_log_no_delete", "DELETE")]

    /// Both append-only triggers must exist on audit_log and still refuse.
    static func checkTriggers(_ db: Database) throws -> AuditVerification? {
        var missing: [String] = []
        for (name, event) in triggers {
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = 'audit_log'",
                                          arguments: [name])?.uppercased() ?? ""
            let compact = sql.filter { !$0.isWhitespace }
            if !(compact.contains("BEFORE\(event)ONAUDIT_LOG") && compact.contains("RAISE(ABORT")) { missing.append(name) }
        }
        guard !missing.isEmpty else { return nil }
        return .inconsistent(problem: "the append-only trigger\(missing.count > 1 ? "s" : "") \(missing.joined(separator: " and ")) "
                             + "\(missing.count > 1 ? "are" : "is") missing or altered: entries could be changed without a trace")
    }
}
