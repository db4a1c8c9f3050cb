import Foundation
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk model train` end to end: on the seeded loan history (dry run and registered), on a CSV it has never
/// seen, and its refusals with their exit codes.
@Suite("riskdesk model train CLI", .serialized)
struct ModelTrainCLITests {
    @Test("trains on the loan history: a dry run registers nothing, a real run registers an audited candidate")
    func store() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let before = try RiskStore.open(at: path, readOnly: true).modelVersions().count

        let dry = try CLITests.run(["model", "train", "--db", path, "--dry-run"], in: dir)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Holdout: AUC"))
        #expect(dry.stdout.contains("Benchmark sc-2026.1 on the same holdout"))
        #expect(dry.stdout.contains("Dry run: not registered."))
        #expect(try RiskStore.open(at: path, readOnly: true).modelVersions().count == before)

        let card = dir.path("card.json")
        let real = try CLITests.run(["model", "train", "--db", path, "--user", "trainer", "--seed", "9", "--out", card], in: dir)
        #expect(real.status == 0, "\(real.stderr)")
        let written = try Scorecard.imported(from: Data(contentsOf: URL(fileURLWithPath: card)))
        #expect(FileManager.default.fileExists(atPath: dir.path("card.report.json")))
        let store = try RiskStore.open(at: path, readOnly: true)
        #expect(try store.storedModel(written.version)?.summary.status == .candidate)
        #expect(real.stdout.contains("Registered \(written.version) as a candidate for default_12m by trainer."))
        let verify = try CLITests.run(["audit", "verify", "--db", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    @Test("refusals: an option out of range, a target the desk does not know, neither source, a CSV without --out (all 64)")
    func refusals() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir, training: false)
        try #require(seeded.status == 0)
        let holdout = try CLITests.run(["model", "train", "--db", path, "--holdout", "0.95", "--dry-run"], in: dir)
        #expect(holdout.status == 64)
        #expect(holdout.stderr.contains("holdout must be in (0, 0.9]"))
        let target = try CLITests.run(["model", "train", "--db", path, "--target", "churn", "--dry-run"], in: dir)
        #expect(target.status == 64)
        let neither = try CLITests.run(["model", "train"], in: dir)
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("give --db PATH"))
        let csvWithoutOut = try CLITests.run(["model", "train", "--csv", "x.csv", "--target", "y", "--bad", "1"], in: dir)
        #expect(csvWithoutOut.status == 64)
    }

    @Test("trains on a CSV it has never seen and says what it skipped; a one-class target is refused with 65")
    func csv() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        var random = MarketRandom(seed: 21)
        var lines = ["ref,grade,months,income,region,notes,default"]
        for i in 0..<1_500 {
            let grade = ["A", "B", "C", "D"][random.index(4)]
            let months = 6 + random.index(54)
            let logOdds = -2 + Double(["A": 0, "B": 0.5, "C": 1.0, "D": 1.6][grade] ?? 0) + 0.02 * Double(months - 30)
            let bad = random.unit() < 1 / (1 + exp(-logOdds))
            let income = random.unit() < 0.1 ? "NA" : String(Int(20_000 + random.unit() * 80_000))
            lines.append("R\(i),\(grade),\(months),\(income),\(["north", "south", ""][random.index(3)]),,\(bad ? "yes" : "no")")
        }
        let file = dir.path("book.csv")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let out = dir.path("book.json")
        let run = try CLITests.run(["model", "train", "--csv", file, "--target", "default", "--bad", "yes",
                                    "--exclude", "ref", "--out", out], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Note: column notes: all values missing (skipped)"))
        #expect(run.stdout.contains("grade categorical, months numeric, income numeric, region categorical"))
        let card = try Scorecard.imported(from: Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(card.features.contains("grade"))
        #expect(card.target.code == "default=yes")

        let one = dir.path("one.csv")
        try "x,default\n1,yes\n2,yes\n".write(toFile: one, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["model", "train", "--csv", one, "--target", "default", "--bad", "yes",
                                        "--out", dir.path("one.json")], in: dir)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("target has one class"))
    }
}
