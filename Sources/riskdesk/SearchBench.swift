import ArgumentParser
import Foundation
import RiskCore
import RiskStore

/// `riskdesk bench-search`: the `/` filter timed keystroke by keystroke on a database (hidden; for BENCHMARKS.md).
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "Time the / filter keystroke by keystroke (page, match count, and the old LIKE walk) on a database.",
        shouldDisplay: false)

    @Option(help: "Database file, opened read-only (migrate a copy first).") var db: String
    @Option(help: "How many times each text is typed (1–100).") var repetitions: Int = 5
    @Option(help: "Rows per page, as the console's 120×40 queue pane.") var pageSize: Int = 21
    @ArgumentParser.Flag(help: "Skip the old LIKE walk (slow on a large database).") var noLegacy = false
    @ArgumentParser.Flag(help: "Report this thread's CPU time instead of wall time (for a machine busy with other work).") var cpuTime = false
    @Option(help: "Texts to type instead of the standard ones (repeatable).") var text: [String] = []

    func validate() throws {
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be from 1 to 100, not \(repetitions)") }
        guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be from 1 to 500, not \(pageSize)") }
    }

    func run() throws {
        let store = try openStore(db, readOnly: true)
        let sequences: [QueueSearchBenchmark.Sequence]
        do {
            let texts = text.isEmpty ? try QueueSearchBenchmark.standardTexts(store) : text.map { ("typed", $0) }
            sequences = try QueueSearchBenchmark.$measuresCPUTime.withValue(cpuTime) {
                try QueueSearchBenchmark.run(store: store, texts: texts, pageSize: pageSize, repetitions: repetitions, legacy: !noLegacy)
            }
        } catch let error as StoreError {
            throw Exit.report(error)
        }
        print(cpuTime ? "figures: this thread's CPU time" : "figures: wall time")
        for sequence in sequences {
            print("\(sequence.name): \(PlainText.escaped(sequence.text)) typed character by character")
            print("  keystroke → first page:    " + QueueSearchBenchmark.summary(sequence.page))
            print("  match count (beside):      " + QueueSearchBenchmark.summary(sequence.count))
            if !sequence.legacy.isEmpty {
                print("  before (LIKE page+count):  " + QueueSearchBenchmark.summary(sequence.legacy))
            }
        }
    }
}
