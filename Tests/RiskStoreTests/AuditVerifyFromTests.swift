import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `verifyAuditChain(from:)`: the chain from an entry onward, trusting the entry before it; and the fast path's
/// agreement with the exact one on stored JSON it does not take.
@Suite("audit verification from an entry, and the streaming path")
struct AuditVerifyFromTests {
    @Test("--from catches an edit at or after the start and names the entry")
    func catchesAnEditAfterTheStart() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        #expect(try store.verifyAuditChain(from: 4) == .intact(entries: 7))
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET reason = 'changed' WHERE seq = 7")
        #expect(try store.verifyAuditChain(from: 4) == .broken(sequence: 7, problem: "its content does not match its hash (edited)"))
        #expect(try store.verifyAuditChain(from: 7) == .broken(sequence: 7, problem: "its content does not match its hash (edited)"))
        #expect(try store.verifyAuditChain(from: 8) == .intact(entries: 3))
    }

    @Test("--from does not report an edit before the start, which the whole walk does")
    func trustsWhatComesBefore() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET reason = 'changed' WHERE seq = 3")
        #expect(try store.verifyAuditChain() == .broken(sequence: 3, problem: "its content does not match its hash (edited)"))
        // Entry 3's stored hash is still the one entry 4 links to: from 4 on, the chain holds.
        #expect(try store.verifyAuditChain(from: 4) == .intact(entries: 7))
        // Starting at the edited entry itself finds it.
        #expect(try store.verifyAuditChain(from: 3) == .broken(sequence: 3, problem: "its content does not match its hash (edited)"))
    }

    @Test("--from 1 is the whole chain without the replay; a changed link at the start is caught")
    func fromTheStartAndABrokenLink() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        #expect(try store.verifyAuditChain(from: 1) == .intact(entries: AuditChainTests.entries))
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET prev_hash = ? WHERE seq = 5", arguments: [String(repeating: "a", count: 64)])
        #expect(try store.verifyAuditChain(from: 5) == .broken(sequence: 5, problem:
            "its link to entry 4 does not match (inserted, removed or reordered)"))
        try AuditTamperTests.tamper(store.path, "DELETE FROM audit_log WHERE seq = 6")
        #expect(try store.verifyAuditChain(from: 7) == .broken(sequence: 6, problem:
            "entry 6, the link verification starts from, is missing (deleted)"))
        #expect(try store.verifyAuditChain(from: 6) == .broken(sequence: 7, problem: "entries 6–6 are missing (deleted)"))
    }

    @Test("--from 0, a negative entry or one beyond the end is refused as input")
    func outOfRange() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        #expect(storeError { try store.verifyAuditChain(from: 0) } == .invalidInput("--from 0: entries are numbered from 1"))
        #expect(storeError { try store.verifyAuditChain(from: -3) } == .invalidInput("--from -3: entries are numbered from 1"))
        #expect(storeError { try store.verifyAuditChain(from: 11) }
            == .invalidInput("--from 11 is beyond the end of the log (its last entry is 10)"))
        #expect(try store.verifyAuditChain(from: 10) == .intact(entries: 1))
    }

    @Test("an anchor before the start is compared with its entry's stored hash; one after it as the walk meets it")
    func anchorsWithFrom() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let entries = try store.auditTail(count: 20)
        let third = try #require(entries.first { $0.sequence == 3 }?.anchor)
        let eighth = try #require(entries.first { $0.sequence == 8 }?.anchor)
        #expect(try store.verifyAuditChain(from: 5, anchor: third) == .intact(entries: 6))
        #expect(try store.verifyAuditChain(from: 5, anchor: eighth) == .intact(entries: 6))
        try AuditTamperTests.rehash(store, from: 2) { $0.reason = "rewritten" }
        for anchor in [third, eighth] {
            guard case let .broken(sequence, problem) = try store.verifyAuditChain(from: 5, anchor: anchor) else {
                Issue.record("a rehashed chain passed the anchor at \(anchor.sequence)")
                continue
            }
            #expect(sequence == anchor.sequence)
            #expect(problem.contains("differs from the anchor"))
        }
    }

    /// Appends a row by hand with a hash over what `JSONSerialization` reads from its JSON, as a writer other than
    /// riskdesk's encoder might store it: the fast path must reach the same verdict as the exact one.
    static func appendRaw(_ store: RiskStore, before: String, after: String, actor: String = "zhao.min") throws {
        let head = try #require(try store.auditHead())
        let beforeFields = try #require(AuditChain.fields(before))
        let afterFields = try #require(AuditChain.fields(after))
        let sequence = head.sequence + 1
        let stamp = "2026-11-27T12:00:00.000Z"
        let record = AuditRecord(actor: actor, action: "test.raw", subject: "database", before: beforeFields, after: afterFields,
                                 reason: "hand-written JSON", login: "")
        let hash = AuditChain.hash(previous: head.hash, canonical: record.canonicalEncoding(sequence: sequence, timestamp: stamp, encoding: .v2))
        try AuditTamperTests.tamper(store.path, dropTriggers: false, """
            INSERT INTO audit_log (seq, at, actor, login, action, subject, before, after, reason, encoding, prev_hash, hash)
            VALUES (?, ?, ?, '', 'test.raw', 'database', ?, ?, 'hand-written JSON', 2, ?, ?)
            """, arguments: [sequence, stamp, actor, before, after, head.hash, hash])
    }

    @Test("escapes, surrogate pairs, spaces, unsorted, non-ASCII and duplicate keys verify as the exact reading does")
    func unusualJSONVerifies() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        let columns = [
            #"{"note":"a\"b\\c\/d\n\t\u00e9\u5f20\ud83d\ude00"}"#,
            #" { "z" : "1" , "a" : "2" } "#,
            #"{"é":"accented key","a":"x"}"#,
            #"{"k":"first","k":"second"}"#,
            #"{}"#,
            #"{"stage":"第1条 😀"}"#,
        ]
        for json in columns { try Self.appendRaw(store, before: json, after: "{}") }
        let total = AuditChainTests.entries + columns.count
        #expect(try store.verifyAuditChain() == .intact(entries: total))
        #expect(try store.verifyAuditChain(from: Int64(AuditChainTests.entries + 1)) == .intact(entries: columns.count))

        // Changing one escaped character inside the stored JSON breaks that entry's hash.
        try AuditTamperTests.tamper(store.path, #"UPDATE audit_log SET before = replace(before, '\u00e9', '\u00e8') WHERE seq = 11"#)
        #expect(try store.verifyAuditChain() == .broken(sequence: 11, problem: "its content does not match its hash (edited)"))
    }

    @Test("a number where a string belongs and text stored as a blob are named as before")
    func malformedColumns() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try AuditChainTests.chain(in: dir)
        try AuditTamperTests.tamper(store.path, #"UPDATE audit_log SET after = '{"n":5}' WHERE seq = 4"#)
        #expect(try store.verifyAuditChain() == .broken(sequence: 4, problem: "before/after are not valid JSON (edited)"))
        try AuditTamperTests.tamper(store.path, #"UPDATE audit_log SET after = '{"n":"4","note":"第4条"}' WHERE seq = 4"#)
        #expect(try store.verifyAuditChain() == .intact(entries: AuditChainTests.entries))
        // A blob with the same UTF-8 bytes reads as the same text, as GRDB has always read it.
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET reason = CAST(reason AS BLOB) WHERE seq = 6")
        #expect(try store.verifyAuditChain() == .intact(entries: AuditChainTests.entries))
        // A blob that is not UTF-8 is no text at all (a number would be stored as text: the column has text affinity).
        try AuditTamperTests.tamper(store.path, "UPDATE audit_log SET reason = X'C328' WHERE seq = 6")
        #expect(try store.verifyAuditChain() == .broken(sequence: 6, problem: "its reason is missing or of the wrong type (edited)"))
    }

    @Test("`riskdesk audit verify --from SEQ` prints the range and the anchor; 0, negative and beyond the end exit 64")
    func onTheCommandLine() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let head = try #require(try RiskStore.open(at: path, readOnly: true).auditHead())
        let ok = try CLITests.run(["audit", "verify", "--db", path, "--from", "5"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "ok: entries 5–\(head.sequence) (from an anchor at 4); tables not replayed (that needs the whole log)\n")
        let anchored = try CLITests.run(["audit", "verify", "--db", path, "--from", "\(head.sequence)", "--anchor", head.anchor.text], in: dir)
        #expect(anchored.stdout == "ok: entries \(head.sequence)–\(head.sequence) (from an anchor at \(head.sequence - 1)); "
                + "tables not replayed (that needs the whole log)\n", "\(anchored.stderr)")
        for (bad, message) in [("0", "--from must be an entry number from 1, not 0"), ("-2", "--from must be an entry number from 1, not -2"),
                               ("\(head.sequence + 1)", "beyond the end of the log (its last entry is \(head.sequence))")] {
            let refused = try CLITests.run(["audit", "verify", "--db", path, "--from=\(bad)"], in: dir)
            #expect(refused.status == 64, "--from \(bad): \(refused.stdout) \(refused.stderr)")
            #expect(refused.stderr.contains(message), "--from \(bad): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
        try AuditTamperTests.tamper(path, "UPDATE audit_log SET reason = 'changed' WHERE seq = 6")
        let broken = try CLITests.run(["audit", "verify", "--db", path, "--from", "5"], in: dir)
        #expect(broken.status == 4)
        #expect(broken.stdout == "broken at entry 6: its content does not match its hash (edited)\n")
        #expect(try CLITests.run(["audit", "verify", "--db", path, "--from", "7"], in: dir).status == 0)
    }
}
