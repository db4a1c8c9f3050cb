import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk model monitor`: PSI, CSI and matured AUC of the champions and challengers (or one version).
struct ModelMonitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Drift of the champions and challengers: PSI against the training deciles, CSI per characteristic, AUC on matured loans.",
        discussion: """
        PSI compares the scores a card gave applications in the last model.monitor_window_days (at most \
        feed.drift_window of them, newest first) with its training score deciles: 10 bins closed below, expected \
        shares stored with the card, PSI = Σ (a − e) · ln(a / e), an empty bin counted as 0.0001. Below 0.10 is \
        stable, up to alert.psi_critical (0.25) watch, above it critical: the drift alert. CSI is the same formula \
        over each characteristic's bins (training counts against recent applications); a hand-written card has none. \
        The matured AUC scores the loans applied after the card's training window whose outcome is known. \
        Without --record nothing is written (the file may be read-only); --record stores one reading per champion \
        and challenger and runs the drift alert, as the feed does every model.monitor_interval_minutes.
        """)

    @Option(help: "Database file.") var db: String
    @Option(help: "One version instead of every champion and challenger.") var version: String?
    @ArgumentParser.Flag(help: "One JSON object instead of the report.") var json = false
    @ArgumentParser.Flag(help: "Store the readings and raise or clear the drift alert, as the feed would.") var record = false
    @Option(name: .customLong("as-of"), help: "Read as at the end of this day (YYYY-MM-DD, UTC) instead of now, e.g. on a sample seeded --as-of that day.")
    var asOf: String?

    func validate() throws {
        if let asOf, parseDay(asOf) == nil { throw ValidationError("--as-of must be a date like 2026-11-27, not '\(PlainText.escaped(asOf))'") }
    }

    func run() throws {
        let now = asOf.flatMap(parseDay).map { $0.addingTimeInterval(86_400 - 1) } ?? Date()
        let store = try openStore(db, readOnly: !record)
        do {
            let policy = try store.modelMonitoringPolicy()
            var details: [ModelMonitoringDetail]
            var recorded = 0
            if record {
                details = try store.recordModelMonitoringDetails(at: now)
                recorded = details.count
            } else {
                details = try store.modelVersions().filter { $0.status == .champion || $0.status == .challenger }
                    .map { v throws(StoreError) in try store.modelMonitoringDetail(version: v.version, at: now) }
            }
            if let version {
                if let chosen = details.first(where: { $0.stored.version == version }) {
                    details = [chosen]
                } else {
                    guard try store.storedModel(version) != nil else {
                        throw StoreError.notFound("no model version \(version)")
                    }
                    details = [try store.modelMonitoringDetail(version: version, at: now)]
                }
            }
            print(json ? ModelMonitorReport.json(details, policy: policy) : ModelMonitorReport.table(details, policy: policy))
            if record {
                let drifting = details.filter { $0.status == .champion && $0.reading.level == .critical }.map(\.stored.version)
                printNote("recorded \(recorded) reading\(recorded == 1 ? "" : "s")"
                          + (drifting.isEmpty ? "" : "; drift alert open for \(drifting.joined(separator: ", ")) (riskdesk alerts)"))
            }
        } catch let error as StoreError {
            throw Exit.report(error)
        }
    }
}
