import ArgumentParser
import Foundation
import RiskStore

/// `riskdesk audit bench`: times audit appends on a scratch copy, to measure the chain's head under contention.
struct AuditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Append N audit entries (bench.append), each its own transaction; print median/p99 ms and WAL pages per append.",
        discussion: """
        Writes to the file it is given: use a scratch copy. Run two at once on the same copy to measure contention, e.g. \
        `riskdesk audit bench --db /tmp/x.sqlite --appends 2000 & riskdesk audit bench --db /tmp/x.sqlite --appends 2000; wait`. \
        The WAL pages include the other process's when they overlap; run one alone for pages per append.
        """)

    @Option(help: "Database file (a scratch copy: entries are appended to it).") var db: String
    @Option(help: "How many appends (1–100000).") var appends: Int = 1_000
    @Option(help: "Actor recorded on the entries.") var actor: String = "bench"

    func validate() throws {
        guard (1...100_000).contains(appends) else { throw ValidationError("--appends must be from 1 to 100000, not \(appends)") }
    }

    func run() throws {
        let store = try openStore(db)
        do {
            let figures = try store.benchmarkAuditAppends(count: appends, actor: actor)
            let total = figures.latencies.reduce(0, +)
            print(String(format: "%d appends in %.2f s: median %.3f ms, p99 %.3f ms, max %.3f ms; WAL grew %d pages (%.2f per append)",
                         appends, total, figures.milliseconds(quantile: 0.5), figures.milliseconds(quantile: 0.99),
                         figures.milliseconds(quantile: 1), figures.walFrames, Double(figures.walFrames) / Double(appends)))
        } catch {
            throw Exit.report(error)
        }
    }
}
