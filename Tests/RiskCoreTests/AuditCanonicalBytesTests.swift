import Foundation
import RiskCore
import Testing

@Suite("audit canonical bytes")
struct AuditCanonicalBytesTests {
    static let stamp = "2026-11-27T09:30:00.000Z"

    /// Writes a record the way the verifier's fast path does: fields in order, map keys sorted by UTF-8 bytes.
    static func written(_ record: AuditRecord, sequence: Int64) -> [UInt8] {
        var out = AuditCanonicalBytes()
        out.startVersion2(sequence: sequence)
        for field in [stamp, record.login, record.actor, record.action, record.subject] { append(field, to: &out) }
        for map in [record.before, record.after] {
            out.startMap(count: map.count)
            for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                append(key, to: &out)
                append(map[key] ?? "", to: &out)
            }
        }
        append(record.reason, to: &out)
        return out.bytes
    }

    static func append(_ text: String, to out: inout AuditCanonicalBytes) {
        Array(text.utf8).withUnsafeBufferPointer { out.appendField($0) }
    }

    @Test("the same bytes as canonicalEncoding(.v2), for CJK, combining marks, empty maps and every size of number")
    func sameBytesAsTheStringEncoding() {
        let records = [
            AuditRecord(actor: "wang.fang", action: "decision.approve", subject: "application:APP-000001",
                        before: ["stage": "manual_review"], after: ["version": "2", "stage": "compliance", "line": "50000000"],
                        reason: "张伟 ok", login: "wf"),
            AuditRecord(actor: "x|\u{301}y", action: "\u{301}a", subject: "alert:17"),
            AuditRecord(actor: "", action: "", subject: "", before: ["Z": "", "a": "😀", "B": "第1条"], reason: String(repeating: "长", count: 400)),
        ]
        for (record, sequence) in zip(records, [Int64(1), 981_144, 9_223_372_036_854_775_807]) {
            let expected = Array(record.canonicalEncoding(sequence: sequence, timestamp: Self.stamp, encoding: .v2).utf8)
            #expect(Self.written(record, sequence: sequence) == expected, "sequence \(sequence)")
        }
    }

    @Test("the buffer is reused: a second, shorter entry leaves nothing of the first")
    func reusedBuffer() {
        var out = AuditCanonicalBytes()
        out.startVersion2(sequence: 123_456)
        Array(String(repeating: "x", count: 100).utf8).withUnsafeBufferPointer { out.appendField($0) }
        out.startVersion2(sequence: 7)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "riskdesk.audit.v2\n1:7")
    }
}

@Suite("leverage text")
struct LeverageTextTests {
    @Test("written with integers, the same text as the formatter gave for every leverage up to 100×, and beyond")
    func sameAsFormatted() {
        for hundredths in Array(0...10_000) + [123_456, 999_999_999, 1_000_000_000, -5, -250] {
            let value = Double(hundredths) / 100
            let formatted = hundredths % 10 == 0 ? String(format: "%.1f×", value) : String(format: "%.2f×", value)
            #expect(Leverage(hundredths: hundredths).text == formatted, "\(hundredths)")
        }
        #expect(Leverage(hundredths: 205).text == "2.05×")
        #expect(Leverage(hundredths: 300).text == "3.0×")
    }
}
