import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the manual-review queue in priority order (worst grade, earliest SLA, largest line).")

    @Option(help: "Database file.") var db: String
    @Option(help: "Stage (default: manual_review, escalated, awaiting_second_approval).") var stage: [String] = []
    @Option(help: "Grade A–E.") var grade: [String] = []
    @Option(help: "Only applications claimed by this user.") var officer: String?
    @Option(help: "Text to match in customer name or id.") var search: String = ""
    @Option(help: "Rows per page.") var limit: Int = 20
    @Option(help: "Start after this cursor (printed as `next:` or in the JSON's `cursor`).") var after: String?
    @ArgumentParser.Flag(help: "JSON lines instead of a table.") var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1–10000") }
        for s in stage where Stage(name: s) == nil {
            throw ValidationError("unknown stage '\(s)'; one of: \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for g in grade where Grade(letter: g) == nil { throw ValidationError("unknown grade '\(g)'; one of A, B, C, D, E") }
    }

    func run() throws {
        let store = try openStore(db, readOnly: true)
        let filter = QueueFilter(stages: stage.compactMap(Stage.init(name:)), grades: grade.compactMap(Grade.init(letter:)),
                                 claimedBy: officer, text: search)
        do {
            let page = try store.approvalQueue(filter: filter, after: after, limit: limit)
            let now = Date()
            if json {
                if !page.rows.isEmpty { print(QueueReport.jsonLines(page.rows, now: now)) }
            } else {
                print(QueueReport.table(page.rows, now: now))
                let total = try store.queueCount(filter: filter)
                print("\(page.rows.count) of \(total)" + (page.nextCursor.map { "; next: --after '\($0)'" } ?? ""))
            }
        } catch {
            throw Exit.report(error)
        }
    }
}
