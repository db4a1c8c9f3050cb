import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read, anchor and verify the hash-chained audit log.", subcommands: [Verify.self, Anchor.self, Tail.self, AuditBench.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the log; print `ok: N entries` or the first problem (exit 4).",
            discussion: """
            Checks every link and hash, the recorded head, the anchor if given (entry SEQ must exist with that hash), \
            that every application's stage and version and every decisions row are what the log says, and that the \
            append-only triggers are in place.

            With --from SEQ only entries SEQ to the end are checked, trusting entry SEQ-1's stored hash as the link \
            (prints `ok: entries SEQ–N (from an anchor at SEQ-1)`). Pass that entry's anchor too (--anchor SEQ-1:HASH, \
            kept from an earlier `audit anchor`) so the link itself is checked against something outside the file. \
            The tables are not replayed with --from: an application's stage can only be re-created from its whole history.
            """)

        @Option(help: "Database file.") var db: String
        @Option(help: "An anchor printed earlier by `riskdesk audit anchor`, as SEQ:HASH.") var anchor: String?
        @Option(help: ArgumentHelp("Check entries SEQ to the end only, trusting entry SEQ-1's hash (from 1 up to the last entry).",
                                   valueName: "seq")) var from: Int64?

        func validate() throws {
            if let anchor, AuditAnchor(parsing: anchor) == nil {
                throw ValidationError("--anchor: '\(PlainText.escaped(anchor))' is not SEQ:HASH (an entry number and 64 hexadecimal digits)")
            }
            if let from, from < 1 {
                throw ValidationError("--from must be an entry number from 1, not \(from)")
            }
        }

        func run() throws {
            let store = try openStore(db, readOnly: true, auditOnly: true)
            do {
                let anchor = anchor.flatMap(AuditAnchor.init(parsing:))
                let result: AuditVerification
                if let from {
                    result = try store.verifyAuditChain(from: from, anchor: anchor)
                } else {
                    result = try store.verifyAuditChain(anchor: anchor)
                }
                if let from, case let .intact(entries) = result {
                    print("ok: entries \(from)–\(from + Int64(entries) - 1) (from \(from == 1 ? "the start" : "an anchor at \(from - 1)")); "
                          + "tables not replayed (that needs the whole log)")
                } else {
                    print(PlainText.escaped(result.description))
                }
                if !result.isIntact { throw Exit.auditBroken }
            } catch let error as StoreError {
                throw Exit.report(error)
            }
        }
    }

    struct Anchor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the log, then print its head as SEQ:HASH to keep outside the database file.",
            discussion: """
            Only stdout carries the anchor, so `riskdesk audit anchor --db F >> anchors.txt` works; a line for people goes \
            to stderr. Keep anchors where whoever can write the database cannot (another machine, a ticket, paper) and \
            pass one to `audit verify --anchor` later: a rewritten or truncated chain no longer has that entry with that hash.
            """)

        @Option(help: "Database file.") var db: String

        func run() throws {
            let store = try openStore(db, readOnly: true, auditOnly: true)
            do {
                switch try store.auditAnchor() {
                case let .success(anchor):
                    print(anchor.text)
                    printNote("anchor of entry \(anchor.sequence) of \(db); keep it outside this file and check it with "
                              + "`riskdesk audit verify --db FILE --anchor \(anchor.text)`")
                case let .failure(refusal):
                    printError("not anchoring a log that does not verify: " + refusal.verification.description)
                    throw Exit.auditBroken
                }
            } catch let error as StoreError {
                throw Exit.report(error)
            }
        }
    }

    struct Tail: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the newest audit entries, oldest first.")

        @Option(help: "Database file.") var db: String
        @Option(name: .short, help: "How many entries.") var n: Int = 20
        @ArgumentParser.Flag(help: "JSON lines.") var json = false

        func run() throws {
            let store = try openStore(db, readOnly: true, auditOnly: true)
            do {
                let entries = try store.auditTail(count: max(1, n))
                print(json ? AuditReport.jsonLines(entries) : AuditReport.text(entries))
            } catch {
                throw Exit.report(error)
            }
        }
    }
}
