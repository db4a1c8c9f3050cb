import ArgumentParser
import Foundation
import RiskCore
import RiskStore

struct Feed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the market and desk simulator: ticks, sentiment, transfers, applications, and the alert engine.",
        discussion: """
        Writes a batch of ticks every --interval-ms milliseconds, each batch in one transaction: last prices, the batch \
        row, the revaluation of the accounts holding the ticked instruments and the alerts the engine raises, updates or \
        clears (audited as the user `engine`), with the transfers and new applications of the moment. Every \
        feed.timer_seconds it checks KYC expiries, SLA breaches, model drift and the sentiment band. The same --seed on \
        the same database gives the same ticks and events. Stops on Ctrl-C, SIGTERM or after --duration seconds, \
        between batches, and prints a summary. Supervisors may run it; trainers on training data only.
        """)

    @Option(help: "Database file.") var db: String
    @Option(help: "Who runs it: the desk user your login is mapped to (needed only when it maps to several). On training data, any user.") var user: String?
    @Option(help: "Random seed of the ticks and events.") var seed: UInt64 = 1
    @Option(help: "Ticks per second.") var rate: Int = 50
    @Option(help: "Stop after this many seconds (default: run until Ctrl-C).") var duration: Double?
    @Option(name: .customLong("interval-ms"), help: "Milliseconds between batches (100–1000).") var intervalMs: Int = 150
    @Option(name: .customLong("max-batches"), help: "Stop after this many batches (for deterministic runs).") var maxBatches: Int?
    @ArgumentParser.Flag(help: "After the summary, print where the time went: each phase of the batches, and the median and slowest batch.")
    var profile = false
    @ArgumentParser.Flag(name: .customLong("reread-accounts"),
          help: ArgumentHelp("Read the revalued accounts from the database on every batch instead of keeping them in memory (a baseline for --profile).",
                             visibility: .hidden))
    var rereadAccounts = false

    func validate() throws {
        guard (1...100_000).contains(rate) else { throw ValidationError("--rate must be from 1 to 100000 ticks per second, not \(rate)") }
        guard (100...1_000).contains(intervalMs) else { throw ValidationError("--interval-ms must be from 100 to 1000, not \(intervalMs)") }
        if let duration, !(duration.isFinite && duration > 0 && duration <= 7 * 86_400) {
            throw ValidationError("--duration must be a number of seconds above 0 and at most a week")
        }
        if let maxBatches, maxBatches < 1 { throw ValidationError("--max-batches must be at least 1") }
    }

    func run() throws {
        let store = try openStore(db)
        let started = Date()
        do {
            _ = try store.feedOperator(requested: user)
            var driver = try FeedDriver(store: store, seed: seed, now: started, cachingAccounts: !rereadAccounts)
            StopSignals.install()
            defer { StopSignals.uninstall() }
            let interval = Double(intervalMs) / 1_000
            let isTTY = isatty(STDOUT_FILENO) == 1
            var carry = 0.0
            var lastLine = started
            var next = started
            while !StopSignals.isRequested {
                let now = Date()
                if let duration, now.timeIntervalSince(started) >= duration { break }
                if let maxBatches, driver.totals.batches >= maxBatches { break }
                // Whole ticks per batch at the requested rate; the fraction carries to the next batch.
                carry += Double(rate) * interval
                let count = Int(carry.rounded(.down))
                carry -= Double(count)
                _ = try driver.step(ticks: count, at: now)
                if isTTY {
                    Self.write("\r" + Self.progress(driver.totals, since: started, now: Date()))
                } else if Date().timeIntervalSince(lastLine) >= 5 {
                    Self.write(Self.progress(driver.totals, since: started, now: Date()) + "\n")
                    lastLine = Date()
                }
                next = next.addingTimeInterval(interval)
                let wait = next.timeIntervalSince(Date())
                if wait > 0 { Thread.sleep(forTimeInterval: wait) } else { next = Date() }
            }
            if isTTY { Self.write("\n") }
            Self.write(Self.summary(driver.totals, seconds: Date().timeIntervalSince(started)) + "\n")
            if profile { Self.write("profile:\n" + driver.profile.report + "\n") }
        } catch {
            throw Exit.report(error)
        }
    }

    /// Writes straight to standard output (unbuffered), so a `\r` progress line shows at once.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func progress(_ t: FeedTotals, since started: Date, now: Date) -> String {
        let seconds = max(0.001, now.timeIntervalSince(started))
        return String(format: "%d ticks (%.0f/s) · %d batches · alerts +%d ~%d -%d · %d applications routed · sentiment %+.2f",
                      t.ticks, Double(t.ticks) / seconds, t.batches, t.alerts.raised, t.alerts.updated, t.alerts.cleared,
                      t.applications.routed, t.sentiment)
    }

    static func summary(_ t: FeedTotals, seconds: Double) -> String {
        let s = max(0.001, seconds)
        return """
            feed: \(t.ticks) ticks in \(t.batches) batches over \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", Double(t.ticks) / s)) ticks/s)
              accounts revalued \(t.accountsRevalued) (\(String(format: "%.0f", Double(t.accountsRevalued) / s))/s), alert rules evaluated \(t.alerts.evaluated)
              alerts raised \(t.alerts.raised), updated \(t.alerts.updated), cleared \(t.alerts.cleared)
              transfers \(t.transfers); applications \(t.applications.created) (\(t.applications.straightThrough) straight through, \(t.applications.manualReview) to review, \(t.applications.rejected) rejected)
              timed checks \(t.timerRuns); sentiment \(String(format: "%+.2f", t.sentiment))\(t.psi.map { String(format: "; PSI %.3f", $0) } ?? "")
            """
    }
}
