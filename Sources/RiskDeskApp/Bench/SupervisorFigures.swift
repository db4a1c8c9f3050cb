import Foundation
import RiskCore
import RiskStore

/// `riskdesk bench --only supervisor`: the desk metrics the `m` strip reads (the last hour and day together, as the
/// console asks for them, and a week as `riskdesk metrics --since 7d` does), then one pricing change re-pricing every
/// pending quote it moves (the treasury's funding-cost step). The re-pricing changes the scratch copy, so it runs last.
enum SupervisorFigures {
    static func run(_ bed: ConsoleBenchmark.Bed, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— supervisor —"))
        let now = Date()
        var strip: [Double] = []
        for _ in 0..<10 {
            strip.append(try milliseconds { () throws(StoreError) in _ = try bed.store.deskMetrics([.lastHour(at: now), .lastDay(at: now)]) })
        }
        report(BenchFigure(name: "desk metrics, last hour + day (the m strip)", samples: strip))
        var week: [Double] = []
        for _ in 0..<3 {
            week.append(try milliseconds { () throws(StoreError) in
                _ = try bed.store.deskMetrics(.since(now.addingTimeInterval(-7 * 86_400), until: now))
            })
        }
        report(BenchFigure(name: "desk metrics, last 7 days", samples: week))
        let figure = try bed.store.timeRepricing(by: bed.supervisor.name, step: 25)
        report(BenchFigure(name: "pricing change: re-price pending quotes", samples: [figure.seconds * 1_000]))
        report(.note("  \(figure.repriced.formatted()) of \(figure.pending.formatted()) pending quotes re-priced in one transaction"))
    }
}
