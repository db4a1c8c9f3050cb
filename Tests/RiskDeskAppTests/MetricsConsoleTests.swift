import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// The desk-metrics strip (`m`): toggling, when its figures are read (never on the key path), and its golden screen;
/// the header's sentiment index and policy.
@Suite("Desk metrics strip and sentiment header")
struct MetricsConsoleTests {
    static let t0 = Live.t0

    /// An hour with alerts 30 s, 90 s and 95 s ago, a day with a straight-through application and one to a person.
    static func reports() -> (DeskMetricsReport, DeskMetricsReport) {
        let history = DeskHistory(alertsRaised: [t0.addingTimeInterval(-30), t0.addingTimeInterval(-90), t0.addingTimeInterval(-95)],
                                  submissions: [.init(at: t0.addingTimeInterval(-7_200), route: .straightThrough),
                                                .init(at: t0.addingTimeInterval(-7_000), route: .person)],
                                  queueDepthNow: 7)
        return (DeskMetrics.report(history, window: .lastHour(at: t0)), DeskMetrics.report(history, window: .lastDay(at: t0)))
    }

    @Test("m shows the strip and reads the figures in the background; m again hides it; keys never wait for it")
    func toggle() {
        var s = Live.state()
        let effects = s.reduce(.key(.character("m")))
        #expect(s.metrics.isShown)
        #expect(effects.contains(.loadMetrics))
        #expect(Effect.loadMetrics.runsInBackground && !Effect.loadMetrics.holdsKeys)
        #expect(!s.live.isHoldingKeys)
        // The panes shrink by the strip's 9 rows: the queue's page follows.
        #expect(s.queue.pageSize == 15)
        _ = s.reduce(.key(.character("m")))
        #expect(!s.metrics.isShown)
        #expect(s.queue.pageSize == 20)
    }

    @Test("the figures are read again at most every 5 s after a change that moves them, and every 60 s anyway")
    func refreshCadence() {
        var s = Live.state()
        _ = s.reduce(.key(.character("m")))
        let (hour, day) = Self.reports()
        _ = s.reduce(.metricsLoaded(hour: hour, day: day, at: Self.t0))
        _ = s.reduce(.finished(.loadMetrics))
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(10))).isEmpty)       // nothing changed
        // An alert raised 10 s after the last read: read again at once.
        #expect(s.reduce(.changesArrived([Live.entry(11, "alert", "900", at: Self.t0)])).contains(.loadMetrics))
        // One read at a time: a tick while it runs asks for nothing.
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(12))).isEmpty)
        _ = s.reduce(.metricsLoaded(hour: hour, day: day, at: Self.t0.addingTimeInterval(12)))
        #expect(!s.metrics.isDirty)
        // A stage change 1 s after that read waits until 5 s have passed.
        _ = s.reduce(.tick(Self.t0.addingTimeInterval(13)))
        #expect(!s.reduce(.changesArrived([Live.entry(12, "stage", "APP-X", at: Self.t0)])).contains(.loadMetrics))
        #expect(s.metrics.isDirty)
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(15))).isEmpty)       // 3 s after the last read
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(17))) == [.loadMetrics])
        _ = s.reduce(.metricsLoaded(hour: hour, day: day, at: Self.t0.addingTimeInterval(17)))
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(76))).isEmpty)
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(77))) == [.loadMetrics])
        // Hidden, nothing is read.
        _ = s.reduce(.metricsFailed("busy"))
        _ = s.reduce(.key(.character("m")))
        #expect(s.reduce(.tick(Self.t0.addingTimeInterval(300))).isEmpty)
    }

    @Test("golden: the strip above the status line, each metric's figure and sparkline for the hour and the day")
    func golden() throws {
        var s = Live.state()
        _ = s.reduce(.key(.character("m")))
        let (hour, day) = Self.reports()
        _ = s.reduce(.metricsLoaded(hour: hour, day: day, at: Self.t0))
        let grid = Screen.render(s, theme: try Desk.theme())
        let rows = (29...37).map { grid.row($0) }
        #expect(rows == MetricsGolden.strip, "\n\(rows.joined(separator: "\n"))")
        // The sparkline is drawn in its theme role's colour.
        #expect(grid[x: 100, y: 30].style == (try Desk.theme()).style("sparkline.day"))
    }

    @Test("golden: the header shows the sentiment index and the policy in force, tightened in its own role")
    func header() throws {
        var s = Live.state()
        let theme = try Desk.theme()
        _ = s.reduce(.sentimentLoaded(SentimentReading(index: -0.72, policy: .tightenedFear, band: 0.6)))
        let grid = Screen.render(s, theme: theme)
        // The clock (local time) is left out of the comparison.
        #expect(grid.row(0).hasPrefix(MetricsGolden.tightHeader), "\n\(grid.row(0))")
        let x = try #require(grid.row(0).displayColumn(ofFirst: "TIGHT"))
        #expect(grid[x: x, y: 0].style == theme.style("header.policy.tight"))
        _ = s.reduce(.sentimentLoaded(SentimentReading(index: 0.12, policy: .normal, band: 0.6)))
        #expect(Screen.render(s, theme: theme).row(0).contains("sent +0.12 NORMAL · data live"))
    }

    @Test("the header's sentiment is read again when the feed records a new index or policy (at start it comes with the live start)")
    func sentimentReloads() {
        var s = AppState(user: Live.supervisor, databaseName: "t", isTrainingData: false, readOnly: false,
                         size: Size(width: 120, height: 40), now: Self.t0, themeName: "default", canSwitchUser: false)
        _ = s.reduce(.liveStarted(seq: 1, lastMarketUpdate: nil, staleAfter: 30, newestAlertID: 0))
        #expect(s.reduce(.changesArrived([Live.entry(2, "setting", SentimentPolicy.settingKey)])).contains(.loadSentiment))
        #expect(!s.reduce(.changesArrived([Live.entry(3, "setting", DeskSettings.Key.claimMinutes)])).contains(.loadSentiment))
    }
}

/// The strip and header on the bundled sample (a scratch copy), through the real runtime and store.
@Suite("Desk metrics on the sample database", .serialized)
struct MetricsSampleConsoleTests {
    @Test("the header shows the sample's index and policy; m shows the strip with the store's figures, m hides it")
    func sample() throws {
        let desk = try DeskHarness()
        #expect(desk.lines[0].contains("sent −0.35 NORMAL · "), "\(desk.lines[0])")
        desk.press(.character("m"))
        let hour = try #require(desk.state.metrics.hour)
        var stages = QueueFilter()
        stages.stages = [.manualReview, .escalated, .awaitingSecondApproval]
        let waiting = try desk.store.queueCount(filter: stages)
        #expect(waiting > 100)
        #expect(hour[.queueDepth]?.current == Double(waiting))
        let title = try #require(desk.lines.firstIndex { $0.hasPrefix(" Desk metrics") })
        #expect(title == 40 - 2 - 9)  // nine rows (29–37) above the status line (38) and the footer (39)
        #expect(desk.lines[title + 2].hasPrefix(" queue depth"))
        #expect(desk.lines[title + 2].contains(" \(waiting) "))
        desk.press(.character("m"))
        #expect(!desk.lines.contains { $0.hasPrefix(" Desk metrics") })
    }
}

/// The expected screens, reviewed by hand at 120 columns: the hour's sparklines show the 57 most recent minutes that
/// fit (two alerts 90 s ago █, one 30 s ago ▅), the day's 24 hours; queue depth 7 now, 6 before the application routed
/// to a person in the hour before last; no data (no decision, no routing in the hour) is a blank, its figure "–".
enum MetricsGolden {
    static let strip: [String] = [
        " Desk metrics        last hour, per minute                                            last day, per hour",
        " alerts raised/min    0.050 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█▅   0.002 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█",
        " queue depth              7 █████████████████████████████████████████████████████████       7 ▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇██",
        " median to decision       –                                                                 –",
        " straight-through         –                                                               50%                      █▁",
        " override rate            –                                                                 –",
        " margin calls open        0 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁",
        " margin calls met         0 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁       0 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁",
        " review time saved       0m ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁     20m ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█▁▁",
    ]
    static let tightHeader = " riskdesk │ Zhao Min · zhao.min (supervisor) │ test.sqlite                  sent −0.72 TIGHT fear · data live · "
}
