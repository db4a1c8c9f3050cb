import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk pricing show|set|history` through the real binary.
@Suite("riskdesk CLI: pricing", .serialized)
struct PricingCLITests {
    typealias CLI = CLITests

    @Test("show lists every parameter with value, unit, range and aliases; set previews, refuses without --yes on a pipe, then changes with one audit entry; history lists it")
    func showSetHistory() throws {
        guard CLI.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLI.seed(dir, training: true)
        try #require(seeded.status == 0)

        let show = try CLI.run(["pricing", "show", "--db", path], in: dir)
        #expect(show.status == 0, "\(show.stderr)")
        let funding = try #require(show.stdout.split(separator: "\n").first { $0.hasPrefix("funding_cost_bp ") })
        #expect(funding.contains("250") && funding.contains("0–10000 bp") && funding.contains("funding, funding_cost"))
        #expect(show.stdout.contains("pricing version 1"))

        let store = try RiskStore.open(at: path, readOnly: true)
        let audit = try store.rowCount("audit_log")
        let pending = try store.rowCount("applications", where: "stage IN ('assessment','manual_review','escalated') AND quoted_rate_bp IS NOT NULL")

        // stdin is not a terminal here: without --yes nothing is written
        let unconfirmed = try CLI.run(["pricing", "set", "--db", path, "--user", "zhao.min", "--reason", "treasury", "funding", "275"], in: dir)
        #expect(unconfirmed.status == 1, "\(unconfirmed.stderr)")
        #expect(unconfirmed.stdout.contains("funding_cost_bp 250 → 275 bp (pricing version 1 → 2)"))
        #expect(unconfirmed.stdout.contains("pricing table: 20 of 20 cells change"))
        #expect(unconfirmed.stdout.contains("pending quotes change"))
        #expect(unconfirmed.stderr.contains("pass --yes"))
        #expect(try store.rowCount("audit_log") == audit)

        let officer = try CLI.run(["pricing", "set", "--db", path, "--user", "wang.fang", "--reason", "r", "--yes", "funding", "275"], in: dir)
        #expect(officer.status == 3, "\(officer.stderr)")
        #expect(officer.stderr.contains("wang.fang (officer) may not edit pricing"))

        for (value, message) in [("1e300", "funding_cost_bp must be 0–10000 bp, not 1e300"), ("nan", "is not a number"),
                                 ("250", "funding_cost_bp is already 250 bp: nothing to change")] {
            let bad = try CLI.run(["pricing", "set", "--db", path, "--user", "zhao.min", "--reason", "r", "--yes", "funding", value], in: dir)
            #expect(bad.status == 64, "\(value): \(bad.stderr)")
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
        let unknown = try CLI.run(["pricing", "set", "--db", path, "--user", "zhao.min", "--reason", "r", "--yes", "spread", "1"], in: dir)
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown pricing parameter 'spread'"), "\(unknown.stderr)")
        #expect(try store.rowCount("audit_log") == audit)

        let set = try CLI.run(["pricing", "set", "--db", path, "--user", "zhao.min", "--reason", "treasury", "--yes", "funding", "275"], in: dir)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("by zhao.min: pricing version 2, "))
        #expect(try store.rowCount("audit_log") == audit + 1)
        #expect(try store.pricingParameters().fundingCost == BasisPoints(275))
        // +25 bp on every pending quote that is not held at the floor or cap
        let repriced = try store.rowCount("quotes", where: "reason = 'pricing change: funding_cost_bp 250 → 275'")
        #expect(repriced > 0 && repriced <= pending)
        #expect(try store.verifyAuditChain() == .intact(entries: audit + 1))

        let history = try CLI.run(["pricing", "history", "--db", path], in: dir)
        #expect(history.status == 0, "\(history.stderr)")
        let line = try #require(history.stdout.split(separator: "\n").dropFirst().first)
        #expect(line.contains("zhao.min") && line.contains("funding_cost_bp") && line.contains("250") && line.contains("275")
                && line.contains(" \(repriced) ") && line.contains("treasury"), "\(line)")
        let json = try CLI.run(["pricing", "history", "--db", path, "--json", "--limit", "1"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["parameter"] as? String == "funding_cost_bp")
        #expect(object["old"] as? String == "250" && object["new"] as? String == "275")
        #expect(object["repriced_quotes"] as? Int == repriced)
        #expect(object["actor"] as? String == "zhao.min")
    }
}
