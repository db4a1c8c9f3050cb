import Foundation
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk model report` end to end on a seeded store with a hand-built card and report registered in it.
@Suite("riskdesk model report CLI", .serialized)
struct ModelReportCLITests {
    /// The hand-written card under a new description, versioned by its content as a trained card is.
    static func card() -> Scorecard {
        var card = Scorecard.standard
        card.description = "test card for the report"
        card.version = card.contentVersion
        return card
    }

    /// A small report: holdout 300 rows, 24 bads; decile 2 is 3.0 points off on 150 rows.
    static func report(version: String) -> ValidationReport {
        ValidationReport(
            version: version, target: .default12m, options: TrainingOptions(), trainingRows: 700, trainingBads: 56,
            holdoutRows: 300, holdoutBads: 24, auc: 0.742, ks: 0.368, ksScore: 612, gini: 0.484, trainingAUC: 0.761,
            brier: 0.0712,
            calibration: [CalibrationRow(decile: 1, rows: 150, bads: 3, predictedBadRate: 0.021, observedBadRate: 0.020,
                                         minScore: 640, maxScore: 720),
                          CalibrationRow(decile: 2, rows: 150, bads: 21, predictedBadRate: 0.110, observedBadRate: 0.140,
                                         minScore: 520, maxScore: 639)],
            characteristics: [CharacteristicReport(feature: "largest_position_share", name: "Largest position", kind: .numeric,
                                                   informationValue: 0.412, selected: true, note: nil, coefficient: 0.98,
                                                   bins: [BinReport(label: "< 35%", count: 180, bads: 6, woe: 0.93, points: 34),
                                                          BinReport(label: "≥ 35%", count: 120, bads: 18, woe: -0.72, points: 3)])],
            scoreDistribution: [ScoreBucket(lower: 500, upper: 560, goods: 40, bads: 14),
                                ScoreBucket(lower: 560, upper: 680, goods: 236, bads: 10)],
            roc: [ROCPoint(falsePositiveRate: 0.1, truePositiveRate: 0.4), ROCPoint(falsePositiveRate: 0.3, truePositiveRate: 0.75)],
            benchmark: BenchmarkResult(version: "sc-2026.1", auc: 0.681, ks: 0.290), trainingSeconds: 0.42)
    }

    /// Seeds a store and registers the card as a candidate with its report, as the trainer's registration would.
    static func seededWithCard(_ dir: TempDir) throws -> (path: String, version: String) {
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let card = card()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let reportJSON = String(decoding: try encoder.encode(report(version: card.version)), as: UTF8.self)
        let store = try RiskStore.open(at: path)
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO model_versions (version, created_at, is_champion, description, status, target, card, report,
                                            trained_at, auc, ks)
                VALUES (?, 1795600000, 0, ?, 'candidate', 'default_12m', ?, ?, 1795600000, 0.742, 0.368)
                """, arguments: [card.version, card.description, String(decoding: card.canonicalJSON(), as: UTF8.self), reportJSON])
        }
        return (path, card.version)
    }

    @Test func aRegisteredCardsReportIsDrawnWithinTheWidthAndAsJSON() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, version) = try Self.seededWithCard(dir)
        let run = try CLITests.run(["model", "report", version, "--db", path, "--width", "80"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "\(version) · default_12m · candidate · trained 2026-11-25 09:46 UTC")
        #expect(lines.contains("  AUC                              0.742           0.681  ▲ better"))
        #expect(lines.contains("       2  520–639      150     21      11.0%     14.0%    -3.0  ! > 2 pts"))
        #expect(lines.contains { $0.hasPrefix(" 1.0 ┤") } && lines.contains { $0.hasPrefix(" 0.0 ┤") })
        #expect(lines.allSatisfy { $0.count <= 80 }, "every line within --width 80")

        let json = try CLITests.run(["model", "report", version, "--db", path, "--json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? String == version)
        #expect(object["status"] as? String == "candidate")
        #expect(object["target"] as? String == "default_12m")
        #expect(object["auc"] as? Double == 0.742)
        #expect(object["has_report"] as? Bool == true)
        let report = try #require(object["report"] as? [String: Any])
        #expect(report["ksScore"] as? Int == 612)
        #expect((report["calibration"] as? [Any])?.count == 2)
    }

    @Test func aliasesAndAVersionWithoutAReportOrUnknown() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, _) = try Self.seededWithCard(dir)
        // The champion is the hand-written default: no report, said on stderr and in the output, its bins shown.
        let champion = try CLITests.run(["model", "report", "champion", "--db", path], in: dir)
        #expect(champion.status == 0, "\(champion.stderr)")
        #expect(champion.stdout.hasPrefix("sc-2026.1 · default_12m · champion"))
        #expect(champion.stdout.contains("No validation report: sc-2026.1 was registered without one"))
        #expect(champion.stderr.contains("sc-2026.1 has no validation report"))
        let json = try CLITests.run(["model", "report", "champion", "--db", path, "--json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["has_report"] as? Bool == false)
        #expect(object["report"] is NSNull)

        let challenger = try CLITests.run(["model", "report", "challenger", "--db", path], in: dir)
        #expect(challenger.status == 64)
        #expect(challenger.stderr.contains("default_12m has no challenger"))
        let unknown = try CLITests.run(["model", "report", "sc-nope", "--db", path], in: dir)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no model version 'sc-nope'; known: sc-2026.1"))
        let badTarget = try CLITests.run(["model", "report", "champion", "--db", path, "--target", "fraud"], in: dir)
        #expect(badTarget.status == 64)
        #expect(badTarget.stderr.contains("--target: 'fraud' is not a target; use default_12m or margin_call_30d"))
        let badWidth = try CLITests.run(["model", "report", "champion", "--db", path, "--width", "5"], in: dir)
        #expect(badWidth.status == 64)
    }
}
