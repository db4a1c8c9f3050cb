import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk metrics`: the desk metrics of the console's strip, for a window back from now.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Desk metrics: alerts per minute, queue depth, median time to decision, straight-through and override rates, margin calls, review time saved.",
        discussion: """
        The same figures as the console's metrics strip (key m), over the window from --since to now, with a sparkline \
        per metric (about 60 buckets of 1, 5, 15 minutes, 1 or 4 hours or a day). Queue depth is reconstructed from \
        the depth now and the routing and decisions since; the override rate is the share of approvals with changed \
        terms or a price override; review time saved is straight-through applications × metrics.review_minutes.
        """)

    @Option(help: "Database file.") var db: String
    @Option(help: "Window start: a duration back from now (30m, 1h, 24h, 7d; at most 366d) or an ISO date (2026-11-27, UTC) or time.")
    var since = "24h"
    @ArgumentParser.Flag(help: "One JSON object instead of the table.") var json = false
    @ArgumentParser.Flag(help: "Also print on stderr how long reading and computing the metrics took (the store's part, without opening the file).")
    var timing = false

    func validate() throws {
        do { _ = try MetricsSince.start(since, now: Date()) } catch { throw ValidationError(PlainText.escaped(error.message)) }
    }

    func run() throws {
        let now = Date()
        let start: Date
        do { start = try MetricsSince.start(since, now: now) } catch { throw ValidationError(PlainText.escaped(error.message)) }
        let store = try openStore(db, readOnly: true)
        do {
            let clock = ContinuousClock()
            let started = clock.now
            let report = try store.deskMetrics(MetricsWindow.since(start, until: now))
            if timing {
                let elapsed = clock.now - started
                let ms = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
                printNote(String(format: "metrics of %@ read and computed in %.1f ms", since, ms))
            }
            print(json ? MetricsReport.json(report) : MetricsReport.table(report))
        } catch {
            throw Exit.report(error)
        }
    }
}
