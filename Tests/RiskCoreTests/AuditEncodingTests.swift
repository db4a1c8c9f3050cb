import Foundation
import RiskCore
import Testing

@Suite("audit encodings")
struct AuditEncodingTests {
    static let stamp = "2026-11-27T09:30:00.000Z"

    @Test("the collision from issue 6: the same version-1 text, different version-2 texts")
    func issueCollision() {
        let a = AuditRecord(actor: "x|\u{301}y", action: "\u{301}a", subject: "application:APP-1")
        let b = AuditRecord(actor: "x", action: "\u{301}y|\u{301}a", subject: "application:APP-1")
        #expect(a != b)
        let a1 = a.canonicalEncoding(sequence: 3, timestamp: Self.stamp, encoding: .v1)
        let b1 = b.canonicalEncoding(sequence: 3, timestamp: Self.stamp, encoding: .v1)
        #expect(Array(a1.utf8) == Array(b1.utf8), "version 1 is ambiguous here; that is why version 2 exists")
        let a2 = a.canonicalEncoding(sequence: 3, timestamp: Self.stamp, encoding: .v2)
        let b2 = b.canonicalEncoding(sequence: 3, timestamp: Self.stamp, encoding: .v2)
        #expect(Array(a2.utf8) != Array(b2.utf8))
        // "x|\u{301}y" is 5 bytes (x, |, U+0301 as 2 bytes, y); "\u{301}a" is 3; "\u{301}y|\u{301}a" is 7.
        #expect(a2.contains("1:3" + "24:" + Self.stamp + "0:" + "5:x|\u{301}y" + "3:\u{301}a"))
        #expect(b2.contains("0:" + "1:x" + "7:\u{301}y|\u{301}a"))
    }

    @Test("version 2 written out by hand: tag, length-prefixed fields, counted maps in byte order")
    func version2ByHand() {
        let record = AuditRecord(actor: "wang.fang", action: "decision.approve", subject: "application:APP-1",
                                 before: ["stage": "manual_review"], after: ["version": "2", "stage": "compliance"],
                                 reason: "张伟 ok", login: "wf")
        let expected = "riskdesk.audit.v2\n" + "1:7" + "24:2026-11-27T09:30:00.000Z" + "2:wf" + "9:wang.fang" + "16:decision.approve"
            + "17:application:APP-1" + "1#" + "5:stage" + "13:manual_review" + "2#" + "5:stage" + "10:compliance" + "7:version" + "1:2"
            + "9:张伟 ok"  // 张 and 伟 are 3 bytes each
        #expect(record.canonicalEncoding(sequence: 7, timestamp: Self.stamp) == expected)
        #expect(AuditEncoding.current == .v2)
    }

    @Test("separators, braces and lengths inside values cannot shift one field into the next")
    func version2FieldBoundaries() {
        let pairs: [(AuditRecord, AuditRecord)] = [
            (AuditRecord(actor: "a", action: "b", subject: "s", after: ["k": "1:x"]),
             AuditRecord(actor: "a", action: "b", subject: "s", after: ["k": "1", "x": ""])),
            (AuditRecord(actor: "a", action: "b", subject: "s", reason: "2:zz"),
             AuditRecord(actor: "a2:zz", action: "b", subject: "s")),
            (AuditRecord(actor: "ab", action: "", subject: "s"), AuditRecord(actor: "a", action: "b", subject: "s")),
            (AuditRecord(actor: "a", action: "b", subject: "s", before: ["k": "v"]),
             AuditRecord(actor: "a", action: "b", subject: "s", after: ["k": "v"])),
            (AuditRecord(actor: "a", action: "b", subject: "s", login: "x"), AuditRecord(actor: "x", action: "b", subject: "s", login: "a")),
        ]
        for (x, y) in pairs {
            #expect(x.canonicalEncoding(sequence: 1, timestamp: Self.stamp) != y.canonicalEncoding(sequence: 1, timestamp: Self.stamp),
                    "\(x) vs \(y)")
        }
    }

    @Test("no version-2 text is a version-1 text: v1 starts with the sequence number, v2 with its tag")
    func encodingsAreDisjoint() {
        let record = AuditRecord(actor: "riskdesk.audit.v2", action: "x", subject: "y")
        for seq: Int64 in [1, 42, -3] {
            let v1 = record.canonicalEncoding(sequence: seq, timestamp: Self.stamp, encoding: .v1)
            let v2 = record.canonicalEncoding(sequence: seq, timestamp: Self.stamp, encoding: .v2)
            #expect(v2.hasPrefix("riskdesk.audit.v2\n"))
            #expect(!v1.hasPrefix("r"))
        }
    }

    @Test("version 1 is unchanged, so entries hashed before the migration still verify")
    func version1Unchanged() {
        let record = AuditRecord(actor: "li.na", action: "application.note", subject: "application:APP-2",
                                 before: ["a;b": "x=y"], after: ["n": "1|2"], reason: "line one\nback\\slash", login: "ignored")
        #expect(record.canonicalEncoding(sequence: 12, timestamp: Self.stamp, encoding: .v1)
            == #"12|2026-11-27T09:30:00.000Z|li.na|application.note|application:APP-2|{a\\\;b\=x\\\=y}|{n\=1\\\|2}|line one\nback\\slash"#)
    }

    @Test func applicationCreatedRecordsTheOpeningState() {
        let record = AuditRecord.applicationCreated("APP-000007", stage: .manualReview, line: Money(yuan: 500_000),
                                                    leverage: Leverage(hundredths: 250), actor: "seed")
        #expect(record.action == "application.create")
        #expect(record.subject == "application:APP-000007")
        #expect(record.after == ["stage": "manual_review", "version": "1", "line": "50000000", "leverage": "2.5×"])
        #expect(record.before.isEmpty)
    }
}
