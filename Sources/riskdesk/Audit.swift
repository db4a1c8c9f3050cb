import ArgumentParser
import Foundation
import RiskDeskApp
import RiskStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and verify the hash-chained audit log.", subcommands: [Verify.self, Tail.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the chain; print `ok: N entries` or the first broken entry (exit 4).")

        @Option(help: "Database file.") var db: String

        func run() throws {
            let store = try openStore(db, readOnly: true)
            do {
                let result = try store.verifyAuditChain()
                print(result.description)
                if !result.isIntact { throw Exit.auditBroken }
            } catch let error as StoreError {
                throw Exit.report(error)
            }
        }
    }

    struct Tail: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the newest audit entries, oldest first.")

        @Option(help: "Database file.") var db: String
        @Option(name: .short, help: "How many entries.") var n: Int = 20
        @Flag(help: "JSON lines.") var json = false

        func run() throws {
            let store = try openStore(db, readOnly: true)
            do {
                let entries = try store.auditTail(count: max(1, n))
                print(json ? AuditReport.jsonLines(entries) : AuditReport.text(entries))
            } catch {
                throw Exit.report(error)
            }
        }
    }
}
