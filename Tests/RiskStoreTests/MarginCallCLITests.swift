import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk calls` and `riskdesk call review|topup|reduce|extend` through the real binary, with refusals and exit codes.
@Suite("riskdesk CLI: margin calls", .serialized)
struct MarginCallCLITests {
    typealias CLI = CLITests

    /// The crafted account of `MarginCallStoreTests` (140%, under the warning line) on training data, so `--user` names anyone.
    static func database(_ dir: TempDir) throws -> String {
        let store = try MarginCallStoreTests.store(dir)
        try store.setSetting(SettingKey.trainingData, to: "true", by: "seed")
        return store.path
    }

    @Test("review opens the call; calls shows it as a table and JSON; a bad date is a usage error")
    func reviewAndRecord() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try Self.database(dir)
        let review = try CLI.run(["call", "review", "--db", path], in: dir)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("ACC1: margin_call.open — ratio 140.00%, top-up ¥200,000.00"), "\(review.stdout)")
        let again = try CLI.run(["call", "review", "--db", path], in: dir)
        #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.contains("0 margin-call changes"), "\(again.stderr)")

        let table = try CLI.run(["calls", "--db", path], in: dir)
        #expect(table.status == 0, "\(table.stderr)")
        // A title, the header and one line per call.
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("CALL"), "\(table.stdout)")
        let line = try #require(lines.first { $0.contains("ACC1") })
        #expect(line.contains("140.00%") && line.contains("¥200,000.00") && line.contains("open"), "\(line)")
        let json = try CLI.run(["calls", "--db", path, "--json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["account"] as? String == "ACC1")
        #expect(object["amount_fen"] as? Int == 20_000_000)
        #expect(object["reduction_fen"] as? Int == 33_333_334)
        #expect(object["state"] as? String == "open")
        let bad = try CLI.run(["calls", "--db", path, "--date", "2026-13-01"], in: dir)
        #expect(bad.status == 64, "\(bad.stderr)")
        let empty = try CLI.run(["calls", "--db", path, "--date", "2020-01-01"], in: dir)
        #expect(empty.status == 0 && empty.stdout.contains("no margin calls on 2020-01-01"))
    }

    @Test("extend: an officer is refused (3), no reason or zero days refused (3), a supervisor's extension is audited")
    func extend() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try Self.database(dir)
        #expect(try CLI.run(["call", "review", "--db", path], in: dir).status == 0)
        let id = try #require(try RiskStore.open(at: path, readOnly: true).openMarginCalls().first?.call.id)
        let officer = try CLI.run(["call", "extend", "\(id)", "--db", path, "--user", "wang.fang", "--days", "1", "--reason", "please"], in: dir)
        #expect(officer.status == 3 && officer.stderr.contains("supervisors only"), "\(officer.stderr)")
        let blank = try CLI.run(["call", "extend", "\(id)", "--db", path, "--user", "zhao.min", "--days", "1", "--reason", " "], in: dir)
        #expect(blank.status == 3 && blank.stderr.contains("needs a reason"), "\(blank.stderr)")
        let zero = try CLI.run(["call", "extend", "\(id)", "--db", path, "--user", "zhao.min", "--days", "0", "--reason", "r"], in: dir)
        #expect(zero.status == 3 && zero.stderr.contains("later"), "\(zero.stderr)")
        let unknown = try CLI.run(["call", "extend", "999", "--db", path, "--user", "zhao.min", "--days", "1", "--reason", "r"], in: dir)
        #expect(unknown.status == 65, "\(unknown.stderr)")
        let ok = try CLI.run(["call", "extend", "\(id)", "--db", path, "--user", "zhao.min", "--days", "1", "--reason", "wire in transit"], in: dir)
        #expect(ok.status == 0 && ok.stdout.contains("(extension 1)"), "\(ok.stderr)")
        let entry = try #require(try RiskStore.open(at: path, readOnly: true).auditTail(count: 1).first)
        #expect(entry.record.action == "margin_call.extend" && entry.record.reason == "wire in transit")
        let table = try CLI.run(["calls", "--db", path], in: dir)
        #expect(table.stdout.contains("extended ×1 by zhao.min (wire in transit)"), "\(table.stdout)")
        // A reason holding an escape sequence and a newline neither acts on the terminal nor forges a line.
        #expect(try CLI.run(["call", "extend", "\(id)", "--db", path, "--user", "zhao.min", "--days", "1",
                             "--reason", "ok\u{1B}[2J\nCALL forged"], in: dir).status == 0)
        let hostile = try CLI.run(["calls", "--db", path], in: dir)
        #expect(hostile.stdout.split(separator: "\n").count == 3 && !hostile.stdout.contains("\u{1B}"), "\(hostile.stdout)")
        #expect(hostile.stdout.contains("ok\\e[2J\\nCALL forged"), "\(hostile.stdout)")
    }

    @Test("topup and reduce: bad input is 64, refusals 3, a sufficient reduction meets the call")
    func topUpAndReduce() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let path = try Self.database(dir)
        let none = try CLI.run(["call", "topup", "ACC1", "1000", "--db", path, "--user", "wang.fang"], in: dir)
        #expect(none.status == 3 && none.stderr.contains("no open margin call"), "\(none.stderr)")
        #expect(try CLI.run(["call", "review", "--db", path], in: dir).status == 0)
        #expect(try CLI.run(["call", "topup", "ACC1", "abc", "--db", path, "--user", "wang.fang"], in: dir).status == 64)
        let zero = try CLI.run(["call", "topup", "ACC1", "0", "--db", path, "--user", "wang.fang"], in: dir)
        #expect(zero.status == 3 && zero.stderr.contains("more than ¥0.00"), "\(zero.stderr)")
        let auditor = try CLI.run(["call", "topup", "ACC1", "1000", "--db", path, "--user", "zhou.qiang"], in: dir)
        #expect(auditor.status == 3, "\(auditor.stderr)")
        // ¥100,000 of the ¥200,000 asked: 1,500,000 / 1,000,000 = 150%, still open, ¥100,000 left.
        let part = try CLI.run(["call", "topup", "ACC1", "100000", "--db", path, "--user", "wang.fang"], in: dir)
        #expect(part.status == 0 && part.stdout.contains("margin_call.update — ratio 150.00%, top-up ¥100,000.00"), "\(part.stdout) \(part.stderr)")
        #expect(try CLI.run(["call", "reduce", "ACC1", "600000", "0", "--db", path, "--user", "li.na"], in: dir).status == 64)
        #expect(try CLI.run(["call", "reduce", "ACC1", "600000", "1.5", "--db", path, "--user", "li.na"], in: dir).status == 64)
        let notHeld = try CLI.run(["call", "reduce", "ACC1", "000001", "10", "--db", path, "--user", "li.na"], in: dir)
        #expect(notHeld.status == 3 && notHeld.stderr.contains("holds no 000001"), "\(notHeld.stderr)")
        // Now 1,500,000 / 1,000,000: R = (1.6 × 1,000,000 − 1,500,000) ÷ 0.6 = ¥166,666.67 → 16,667 shares at ¥10.
        let sold = try CLI.run(["call", "reduce", "ACC1", "600000", "16667", "--db", path, "--user", "li.na"], in: dir)
        #expect(sold.status == 0 && sold.stdout.contains("repaid ¥166,670.00") && sold.stdout.contains("met"), "\(sold.stdout) \(sold.stderr)")
        #expect(try RiskStore.open(at: path, readOnly: true).openMarginCalls().isEmpty)
        #expect(try CLI.run(["audit", "verify", "--db", path], in: dir).status == 0)
    }
}
