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

    /// Verifies entries `sequence` to the end, trusting entry `sequence − 1`'s stored hash as the link (entry 1
    /// links to the genesis value): every number, link and hash from there, the anchor if given (one before
    /// `sequence` is compared with the stored hash of its entry) and the append-only triggers. The tables are
    /// not replayed — re-creating an application's stage needs its whole history — so `.intact(entries:)`
    /// counts the entries checked, `sequence` to the head. For `riskdesk audit verify --from SEQ`; the benchmark times it.
    /// Throws `.invalidInput` when `sequence` is below 1 or beyond the last entry.
    public func verifyAuditChain(from sequence: Int64, anchor: AuditAnchor? = nil) throws(StoreError) -> AuditVerification {
        try read { db in
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_log")
            guard sequence >= 1 else {
                throw StoreError.invalidInput("--from \(sequence): entries are numbered from 1")
            }
            guard let last, sequence <= last else {
                throw StoreError.invalidInput("--from \(sequence) is beyond the end of the log"
                                              + (last.map { " (its last entry is \($0))" } ?? " (it is empty)"))
            }
            var verifier = AuditVerifier(anchor: anchor, from: sequence)
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

/// One verification pass; see `RiskStore.verifyAuditChain(anchor:)` and `verifyAuditChain(from:anchor:)`.
struct AuditVerifier {
    let anchor: AuditAnchor?
    /// The first entry checked (1: the whole log, with the table replay).
    let from: Int64
    private(set) var head: AuditAnchor?

    init(anchor: AuditAnchor?, from: Int64 = 1) {
        self.anchor = anchor
        self.from = from
    }

    mutating func run(_ db: Database) throws -> AuditVerification {
        var previousHash = AuditChain.genesis
        if from > 1 {
            switch try Self.storedHash(of: from - 1, db) {
            case let .hash(hash): previousHash = hash
            case let .problem(problem): return problem
            }
            if let anchor, anchor.sequence < from {
                if let problem = try Self.checkAnchorBefore(anchor, db) { return problem }
            }
        }
        var replay: ApplicationReplay?
        if from == 1 {
            // The largest rowid is the number of applications ever inserted, found without counting them.
            replay = ApplicationReplay(capacity: try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM applications") ?? 0)
        }
        var walk = AuditChainWalk(anchor: anchor, first: from, previousHash: previousHash, replay: replay)
        if let problem = try walk.run(db) { return problem }
        head = walk.head
        guard let head else {
            return from == 1
                ? .inconsistent(problem: "the audit log is empty, but every riskdesk database starts with its seed entry (every entry was deleted?)")
                : .broken(sequence: from, problem: "entries from \(from) on are missing (deleted while verifying?)")
        }
        if let anchor, let cut = AuditChainRules.anchorProblem(anchor, chainEnd: head.sequence) {
            return .broken(sequence: cut.sequence, problem: cut.problem)
        }
        if let replay = walk.replay, let problem = try replay.check(db) { return problem }
        if let problem = try Self.checkTriggers(db) { return problem }
        return .intact(entries: Int(head.sequence - from + 1))
    }

    /// A stored hash, or why there is none.
    private enum StoredHash {
        case hash(String)
        case problem(AuditVerification)
    }

    /// The stored hash of the entry a `--from` walk trusts as its link.
    private static func storedHash(of sequence: Int64, _ db: Database) throws -> StoredHash {
        guard let row = try Row.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [sequence]) else {
            return .problem(.broken(sequence: sequence, problem: "entry \(sequence), the link verification starts from, is missing (deleted)"))
        }
        let value: DatabaseValue = row[0]
        guard let hash = String.fromDatabaseValue(value) else {
            return .problem(.broken(sequence: sequence, problem: "its hash is missing or of the wrong type (edited)"))
        }
        return .hash(hash)
    }

    /// An anchor before the walk's start: its entry must still be there with that hash.
    private static func checkAnchorBefore(_ anchor: AuditAnchor, _ db: Database) throws -> AuditVerification? {
        switch try storedHash(of: anchor.sequence, db) {
        case let .problem(problem): return problem
        case let .hash(hash):
            guard let problem = AuditChainRules.anchorProblem(anchor, entry: AuditAnchor(sequence: anchor.sequence, hash: hash)) else { return nil }
            return .broken(sequence: anchor.sequence, problem: problem)
        }
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
