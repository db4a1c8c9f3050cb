import Crypto
import Foundation
import GRDB
import GRDBSQLite
import RiskCore

/// One pass over the audit log in sequence order, checking each entry's number, link, encoding order, hash and the
/// anchor, and feeding the application replay. An ordinary encoding-2 row is read as raw column bytes, encoded into
/// one reused buffer and hashed incrementally, with no `String` or dictionary per entry; any other row (encoding 1,
/// a column of the wrong type, text that is not plain UTF-8, JSON of an unusual shape) is decoded the exact, slow way
/// (`AuditChain.entry`), so every problem is named as it always was.
struct AuditChainWalk {
    let anchor: AuditAnchor?
    /// The first entry walked; entries before it are trusted through `previous`.
    let first: Int64
    private(set) var expected: Int64
    /// The hash of entry `expected − 1` (the genesis value before entry 1).
    private var previous: [UInt8]
    private var firstVersion2: Int64?
    private var firstVersion2Known: Bool
    private var canonical = AuditCanonicalBytes()
    private var before = AuditFieldBytes()
    private var after = AuditFieldBytes()
    private var digestHex = [UInt8](repeating: 0, count: 64)
    /// Nil when the walk starts after entry 1: the replay needs the whole history.
    var replay: ApplicationReplay?

    /// A walk from entry `first`, trusting `previousHash` as entry `first − 1`'s hash.
    init(anchor: AuditAnchor?, first: Int64, previousHash: String, replay: ApplicationReplay?) {
        self.anchor = anchor
        self.first = first
        expected = first
        previous = Array(previousHash.utf8)
        // From entry 1 the walk meets every entry, so it learns the first encoding-2 one itself.
        firstVersion2Known = first == 1
        self.replay = replay
    }

    /// The last entry walked, as an anchor; nil before any.
    var head: AuditAnchor? {
        expected > first ? AuditAnchor(sequence: expected - 1, hash: String(decoding: previous, as: UTF8.self)) : nil
    }

    /// Walks every entry from `first` on; the first problem, or nil.
    mutating func run(_ db: Database) throws -> AuditVerification? {
        let statement = try db.makeStatement(sql: "SELECT \(try AuditChain.selection(db)) FROM audit_log WHERE seq >= ? ORDER BY seq")
        statement.arguments = [first]
        let rows = try Row.fetchCursor(statement)
        let raw = statement.sqliteStatement
        while let row = try rows.next() {
            switch fastStep(raw) {
            case .done: continue
            case let .problem(problem): return problem
            case .slow:
                if let problem = try slowStep(row, db) { return problem }
            }
        }
        return nil
    }

    private enum Step {
        case done
        case problem(AuditVerification)
        case slow
    }

    // MARK: the fast path

    /// Columns of `AuditChain.selection`, by index.
    private enum Column {
        static let seq: Int32 = 0, at: Int32 = 1, actor: Int32 = 2, action: Int32 = 3, subject: Int32 = 4, before: Int32 = 5,
                   after: Int32 = 6, reason: Int32 = 7, prevHash: Int32 = 8, hash: Int32 = 9, encoding: Int32 = 10, login: Int32 = 11
    }

    private mutating func fastStep(_ raw: SQLiteStatement) -> Step {
        guard sqlite3_column_type(raw, Column.seq) == SQLITE_INTEGER, sqlite3_column_type(raw, Column.encoding) == SQLITE_INTEGER,
              sqlite3_column_int64(raw, Column.encoding) == Int64(AuditEncoding.v2.rawValue),
              let at = Self.text(raw, Column.at), let actor = Self.text(raw, Column.actor), let action = Self.text(raw, Column.action),
              let subject = Self.text(raw, Column.subject), let beforeJSON = Self.text(raw, Column.before),
              let afterJSON = Self.text(raw, Column.after), let reason = Self.text(raw, Column.reason),
              let prevHash = Self.text(raw, Column.prevHash), let hash = Self.text(raw, Column.hash),
              let login = Self.text(raw, Column.login),
              before.parse(beforeJSON), after.parse(afterJSON) else { return .slow }
        let seq = sqlite3_column_int64(raw, Column.seq)
        if let problem = sequenceProblem(seq) { return .problem(problem) }
        guard previous.withUnsafeBufferPointer({ PlainUTF8.equal(prevHash, $0) }) else { return .problem(Self.linkProblem(seq)) }
        if firstVersion2 == nil { firstVersion2 = seq }

        canonical.startVersion2(sequence: seq)
        canonical.appendField(at)
        canonical.appendField(login)
        canonical.appendField(actor)
        canonical.appendField(action)
        canonical.appendField(subject)
        appendMap(before)
        appendMap(after)
        canonical.appendField(reason)
        guard hashMatches(hash) else { return .problem(.broken(sequence: seq, problem: Self.editedProblem)) }
        if let anchor, anchor.sequence == seq,
           let problem = AuditChainRules.anchorProblem(anchor, entry: AuditAnchor(sequence: seq, hash: String(decoding: hash, as: UTF8.self))) {
            return .problem(.broken(sequence: seq, problem: problem))
        }
        if replay != nil { observeFast(seq, subject: subject, action: action, actor: actor, reason: reason) }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: hash)
        expected += 1
        return .done
    }

    private mutating func appendMap(_ map: AuditFieldBytes) {
        canonical.startMap(count: map.pairs.count)
        for pair in map.pairs {
            map.withBytes(pair.keyStart, pair.keyEnd) { canonical.appendField($0) }
            map.withBytes(pair.valueStart, pair.valueEnd) { canonical.appendField($0) }
        }
    }

    /// SHA-256 of the previous hash and the canonical bytes, in lowercase hexadecimal, against the stored hash.
    private mutating func hashMatches(_ stored: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == 64 else { return false }
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        canonical.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { bytes in
            for (index, byte) in bytes.enumerated() {
                if stored[2 * index] != Self.hexDigits[Int(byte >> 4)] || stored[2 * index + 1] != Self.hexDigits[Int(byte & 0x0F)] {
                    return false
                }
            }
            return true
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let applicationPrefix: [UInt8] = Array("application:".utf8)
    private static let notePrefix: [UInt8] = Array("application.note".utf8)
    private static let decisionPrefix: [UInt8] = Array("decision.".utf8)
    private static let pricingChangeAction: [UInt8] = Array(PricingChangeAudit.action.utf8)
    /// A champion switch lists the applications it re-scored and re-priced the same way (`model.promote`, `model.rollback`).
    private static let modelSwitchActions: [[UInt8]] = ModelAudit.switchActions.sorted().map { Array($0.utf8) }
    /// The keys of `before` and `after` that `AuditReplay.recordedDecision` reads.
    private static let decisionBeforeKeys: [StaticString] = ["stage"]
    private static let decisionAfterKeys: [StaticString] = ["stage", "line", "leverage", "reason_code", "price_override_bp"]

    /// What the replay needs from an entry: the application, the stage and version it leaves it in, its decision.
    /// Strings are made only for application entries that carry one of these (ids, stages and versions are short
    /// enough to be stored inline, without allocating); the whole record is built only for decisions and notes.
    private mutating func observeFast(_ seq: Int64, subject: UnsafeBufferPointer<UInt8>, action: UnsafeBufferPointer<UInt8>,
                                      actor: UnsafeBufferPointer<UInt8>, reason: UnsafeBufferPointer<UInt8>) {
        let prefix = Self.applicationPrefix
        if action.elementsEqual(Self.pricingChangeAction) || Self.modelSwitchActions.contains(where: { action.elementsEqual($0) }),
           let field = after.value(of: "repriced") {
            // One pricing change re-prices many applications in one entry: each listed one is left at its version.
            for (id, version) in PricingChangeAudit.repriced(field) {
                replay?.observe(sequence: seq, application: id, stage: nil, version: version, decision: nil)
            }
            return
        }
        guard subject.count > prefix.count, subject.starts(with: prefix) else { return }
        let stage = after.value(of: "stage")
        let version = after.value(of: "version")
        var decision: DecisionTrace?
        if action.elementsEqual(Self.notePrefix) || action.starts(with: Self.decisionPrefix) {
            func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
            // Only the fields `recordedDecision` reads, so the maps stay small.
            let record = AuditRecord(actor: string(actor), action: string(action), subject: "",
                                     before: before.dictionary(keys: Self.decisionBeforeKeys),
                                     after: after.dictionary(keys: Self.decisionAfterKeys), reason: string(reason))
            decision = AuditReplay.recordedDecision(record, encoding: .v2)
        }
        guard stage != nil || version != nil || decision != nil else { return }
        let id = String(decoding: UnsafeBufferPointer(rebasing: subject[prefix.count...]), as: UTF8.self)
        replay?.observe(sequence: seq, application: id, stage: stage, version: version, decision: decision)
    }

    /// The bytes of a TEXT column that reads back as the same `String` GRDB would make (valid UTF-8, no NUL); nil otherwise.
    private static func text(_ raw: SQLiteStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_column_type(raw, column) == SQLITE_TEXT, let pointer = sqlite3_column_text(raw, column) else { return nil }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))
        return PlainUTF8.isPlain(bytes) ? bytes : nil
    }

    // MARK: the slow path, for any row the fast path does not take

    private mutating func slowStep(_ row: Row, _ db: Database) throws -> AuditVerification? {
        let entry: AuditEntry
        switch AuditChain.entry(row) {
        case let .success(decoded): entry = decoded
        case let .failure(malformed): return .broken(sequence: malformed.sequence ?? expected, problem: malformed.problem)
        }
        let seq = entry.sequence
        if let problem = sequenceProblem(seq) { return problem }
        if !entry.previousHash.utf8.elementsEqual(previous) { return Self.linkProblem(seq) }
        if entry.encoding == .v1 && !firstVersion2Known {
            // Entries before the walk's start may already have switched to encoding 2.
            firstVersion2 = try Self.firstVersion2(before: first, db) ?? firstVersion2
            firstVersion2Known = true
        }
        if let problem = AuditChainRules.encodingProblem(entry.encoding, login: entry.record.login, firstVersion2: firstVersion2) {
            return .broken(sequence: seq, problem: problem)
        }
        if entry.encoding == .v2 && firstVersion2 == nil { firstVersion2 = seq }
        let canonicalText = entry.record.canonicalEncoding(sequence: seq, timestamp: entry.timestamp, encoding: entry.encoding)
        if AuditChain.hash(previous: String(decoding: previous, as: UTF8.self), canonical: canonicalText) != entry.hash {
            return .broken(sequence: seq, problem: Self.editedProblem)
        }
        if let anchor, let problem = AuditChainRules.anchorProblem(anchor, entry: entry.anchor) {
            return .broken(sequence: seq, problem: problem)
        }
        replay?.observe(entry)
        previous = Array(entry.hash.utf8)
        expected += 1
        return nil
    }

    /// The first encoding-2 entry before `sequence`, for a walk that starts after entry 1 and meets an encoding-1 entry.
    private static func firstVersion2(before sequence: Int64, _ db: Database) throws -> Int64? {
        guard try AuditChain.hasVersion2Columns(db) else { return nil }
        return try Int64.fetchOne(db, sql: "SELECT seq FROM audit_log WHERE encoding = 2 AND seq < ? ORDER BY seq LIMIT 1",
                                  arguments: [sequence])
    }

    // MARK: shared checks and messages

    private func sequenceProblem(_ seq: Int64) -> AuditVerification? {
        guard seq != expected else { return nil }
        return .broken(sequence: seq, problem: seq > expected
            ? "entries \(expected)–\(seq - 1) are missing (deleted)"
            : "sequence out of order after \(expected - 1)")
    }

    private static func linkProblem(_ seq: Int64) -> AuditVerification {
        .broken(sequence: seq, problem: "its link to entry \(seq - 1) does not match (inserted, removed or reordered)")
    }

    private static let editedProblem = "its content does not match its hash (edited)"
}

/// Whether stored text bytes are what `String(cString:)` keeps unchanged: valid UTF-8 with no NUL byte.
enum PlainUTF8 {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var offset = 0
        var ascii = true
        // Eight bytes at a time: any byte with its high bit set (not ASCII), or any zero byte.
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if (word.subtractingReportingOverflow(lowBits).partialValue & ~word & highBits) != 0 { return false }
            if word & highBits != 0 { ascii = false }
            offset += 8
        }
        while offset < count {
            let byte = base[offset]
            if byte == 0 { return false }
            if byte >= 0x80 { ascii = false }
            offset += 1
        }
        if ascii { return true }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Byte equality of two buffers.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return a.count == 0 }
        return memcmp(x, y, a.count) == 0
    }
}
