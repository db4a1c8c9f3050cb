import ArgumentParser
import Foundation
import RiskDeskApp
import RiskStore

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the console and the store on a scratch copy of a database; prints median, p99 and max.",
        discussion: """
        Sections: console (first screen, key → redraw, paste), filter (/ typed key by key), store (queue page, counts, \
        decisions), audit (verify), live (the feed at 50 ticks/s on its own connection: keys meanwhile, its throughput, \
        commit → another console), supervisor (the desk metrics of the m strip and of a week; one pricing change \
        re-pricing the pending quotes it moves), models (reading the loan history and training a card for each target; \
        a monitoring reading of each champion). Key figures are measured headless (virtual 120×40 terminal): reduce, the store work \
        the key asks for and rendering, without the terminal write. scripts/bench adds the real terminal's figures \
        (tmux), the sqlite3 floor and the seed; BENCHMARKS.md has a run's output.
        """)

    @Option(help: "Database file (copied; the original is not touched).") var db: String
    @Option(help: "How many decisions to time (1–10000).") var decisions: Int = 200
    @Option(name: .customLong("feed-seconds"), help: "How long the live section runs the feed (1–600 s).") var feedSeconds: Double = 10
    @Option(help: "Run only these sections, comma-separated: \(ConsoleBenchmark.Section.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: String?

    func validate() throws {
        guard (1...10_000).contains(decisions) else { throw ValidationError("--decisions must be from 1 to 10000, not \(decisions)") }
        guard feedSeconds.isFinite, (1...600).contains(feedSeconds) else {
            throw ValidationError("--feed-seconds must be from 1 to 600")
        }
        _ = try sections()
    }

    func sections() throws -> Set<ConsoleBenchmark.Section> {
        guard let only else { return Set(ConsoleBenchmark.Section.allCases) }
        var chosen = Set<ConsoleBenchmark.Section>()
        for name in only.split(separator: ",") {
            let word = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let section = ConsoleBenchmark.Section(rawValue: word) else {
                throw ValidationError("--only: unknown section '\(word)'; use \(ConsoleBenchmark.Section.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosen.insert(section)
        }
        return chosen
    }

    func run() throws {
        _ = try openStore(db, readOnly: true)
        let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        do {
            var options = ConsoleBenchmark.Options(databasePath: db, themesDirectory: ResourceLocator.directory(named: "themes"))
            options.decisions = decisions
            options.feedSeconds = feedSeconds
            options.sections = try sections()
            FileHandle.standardOutput.write(Data(String(format: "database %@: %.1f MB\n", db, Double(size) / 1_048_576).utf8))
            try ConsoleBenchmark.run(options) { figure in
                // Written at once, so a long run shows each figure as it comes even through a pipe.
                FileHandle.standardOutput.write(Data((figure.line + "\n").utf8))
            }
        } catch let error as StoreError {
            throw Exit.report(error)
        }
    }
}
