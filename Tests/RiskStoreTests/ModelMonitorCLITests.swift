import Foundation
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk model monitor` end to end on a seeded sample: read-only by default, `--record` stores a reading per
/// champion, `--json` one object, an unknown version refused.
@Suite("riskdesk model monitor CLI", .serialized)
struct ModelMonitorCLITests {
    @Test func readsWithoutWritingThenRecordsAReadingPerChampion() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        // 400 applications: more than the 200 recent scores a PSI is judged on
        let path = dir.path("monitor.sqlite")
        let seeded = try CLITests.run(["seed", "--out", path, "--applications", "400", "--seed", "7", "--as-of", "2026-11-27"], in: dir)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let report = try CLITests.run(["model", "monitor", "--db", path, "--as-of", "2026-11-27"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let lines = report.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("sc-2026.1  champion  default_12m") == true, "\(report.stdout)")
        // The hand-written champion's training scores are the sample's own application scores: stable.
        #expect(lines.contains { $0.hasPrefix("  PSI 0.0") && $0.contains("stable (< 0.10)") && $0.contains("30-day window") },
                "\(report.stdout)")
        #expect(lines.contains { $0.contains("no training counts") })
        #expect(lines.contains { $0.hasPrefix("  matured: ") && $0.contains("AUC 0.") }, "\(report.stdout)")
        let store = try RiskStore.open(at: path, readOnly: true)
        // the sample's month of daily readings, and nothing written by the report
        #expect(try store.rowCount("model_monitoring") == 30)

        let json = try CLITests.run(["model", "monitor", "--db", path, "--as-of", "2026-11-27", "--record", "--json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["window_days"] as? Int == 30)
        let readings = try #require(object["readings"] as? [[String: Any]])
        #expect(readings.count == 1)
        let reading = try #require(readings.first)
        #expect(reading["version"] as? String == "sc-2026.1" && reading["level"] as? String == "stable")
        #expect(reading["bins"] as? String == "training_scores")
        let recent = try #require(reading["recent"] as? Int)
        #expect(recent > 0)
        #expect(try store.rowCount("model_monitoring") == 31)
        let latest = try #require(try store.monitoringReadings("sc-2026.1", limit: 1).last)
        #expect(latest.recent == recent && latest.level == .stable)
        // the sample's readings run daily up to the day before it was seeded
        #expect(try store.monitoringReadings("sc-2026.1").count == 31)
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift'") == 0)
    }

    @Test func anUnknownVersionOrABadDateIsRefused() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let unknown = try CLITests.run(["model", "monitor", "--db", path, "--version", "sc-nope"], in: dir)
        #expect(unknown.status == 65, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("no model version sc-nope"))
        let date = try CLITests.run(["model", "monitor", "--db", path, "--as-of", "yesterday"], in: dir)
        #expect(date.status == 64 && date.stderr.contains("--as-of"), "\(date.stderr)")
    }
}
