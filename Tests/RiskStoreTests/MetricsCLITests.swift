import Foundation
import RiskCore
@testable import RiskStore
import Testing

/// `riskdesk metrics` end to end: `--since` validated with a clear message, `--json` one object of every metric.
@Suite("riskdesk metrics CLI", .serialized)
struct MetricsCLITests {
    @Test func jsonHasEveryMetricWithItsSeriesAndTheTableOneLinePerMetric() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir)
        try #require(seeded.status == 0)
        let run = try CLITests.run(["metrics", "--db", path, "--since", "7d", "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["bucket_seconds"] as? Int == 14_400)
        #expect(object["review_minutes"] as? Int == 20)
        #expect(object["since"] is String && object["until"] is String)
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(Set(metrics.keys) == Set(DeskMetric.allCases.map(\.rawValue)))
        for metric in DeskMetric.allCases {
            let entry = try #require(metrics[metric.rawValue] as? [String: Any])
            #expect(entry["label"] as? String == metric.label)
            #expect(entry["text"] is String)
            #expect((entry["series"] as? [Any])?.count == 42)
        }
        // The depth now is the queue's: every application waiting for a person.
        let store = try RiskStore.open(at: path, readOnly: true)
        let waiting = try store.rowCount("applications", where: "stage IN ('manual_review','escalated','awaiting_second_approval')")
        #expect((metrics["queue_depth"] as? [String: Any])?["current"] as? Double == Double(waiting))

        let table = try CLITests.run(["metrics", "--db", path, "--since", "1h"], in: dir)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 1 + DeskMetric.allCases.count)
        #expect(lines.first?.contains("60 buckets of 1m") == true)
        #expect(lines.dropFirst().first?.hasPrefix("alerts raised/min") == true)
    }

    @Test func aBadSinceIsRefusedWithWhatIsAccepted() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        for since in ["yesterday", "0h", "400d", "2999-01-01"] {
            let run = try CLITests.run(["metrics", "--db", dir.path("none.sqlite"), "--since", since], in: dir)
            #expect(run.status == 64, "\(since): \(run.stderr)")
            #expect(run.stderr.contains("--since"), "\(since): \(run.stderr)")
        }
        let run = try CLITests.run(["metrics", "--db", dir.path("none.sqlite"), "--since", "soon"], in: dir)
        #expect(run.stderr.contains("30m, 1h, 24h, 7d"))
    }
}
