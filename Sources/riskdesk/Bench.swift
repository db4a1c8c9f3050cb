import ArgumentParser
import Foundation
import RiskDeskApp
import RiskStore

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the console and the store on a scratch copy of a database; prints figures.",
        discussion: "Key → redraw is measured headless (virtual 120×40 terminal): reduce, store queries and rendering, without the ncurses write.")

    @Option(help: "Database file (copied; the original is not touched).") var db: String
    @Option(help: "How many decisions to time (1–10000).") var decisions: Int = 20

    func validate() throws {
        guard (1...10_000).contains(decisions) else { throw ValidationError("--decisions must be from 1 to 10000, not \(decisions)") }
    }

    func run() throws {
        _ = try openStore(db, readOnly: true)
        let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        do {
            let store = try RiskStore.open(at: db, readOnly: true)
            print(String(format: "database %@: %.1f MB, %d applications in review", db, Double(size) / 1_048_576, try store.queueCount()))
            for figure in try ConsoleBenchmark.run(databasePath: db, themesDirectory: ResourceLocator.directory(named: "themes"),
                                                   decisions: decisions) {
                print(figure.samples.isEmpty ? figure.name : figure.line)
            }
        } catch {
            throw Exit.report(error)
        }
    }
}
