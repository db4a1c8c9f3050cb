import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

struct PricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "The pricing parameters: show them, change one (a supervisor, with a reason; pending quotes are re-priced), or list the changes.",
        subcommands: [Show.self, Set.self, History.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every parameter with its value, unit, range and aliases, and the pricing version.")

        @Option(help: "Database file.") var db: String

        func run() throws {
            let store = try openStore(db, readOnly: true)
            do {
                print(PricingReport.parameters(try store.pricingParameters(), version: try store.pricingVersion()))
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one parameter as the user your login maps to, after showing what it would re-price.",
            discussion: """
            NAME is a parameter (funding_cost_bp) or an alias (funding, lgd, capital, hurdle, floor, cap, fee, behaviour, \
            sentiment …; see `riskdesk pricing show`). The preview lists the pricing-table cells and the pending quotes that \
            would change; on a terminal it asks y/N, otherwise --yes is required. Every pending quote that changes is \
            re-priced in the same transaction, with one `pricing.change` audit entry. Exit 64 for an unknown name, a value \
            out of range or no change, 3 when the role may not edit pricing, 1 when not confirmed. A value that starts with \
            a minus sign goes after `--`.
            """)

        @Option(help: "Database file.") var db: String
        @Option(help: "Who changes it: the desk user your login is mapped to (needed only when it maps to several). On training data, any user.") var user: String?
        @Option(help: "Why (required; recorded in the audit log).") var reason: String
        @ArgumentParser.Flag(help: "Change without asking (required when standard input is not a terminal).") var yes = false
        @Argument(help: "Parameter name or alias, e.g. funding.") var name: String
        @Argument(help: "New value in the parameter's unit, e.g. 275 (bp).") var value: String

        func validate() throws {
            try checkReason(reason, why: "the price changes")
        }

        func run() throws {
            let store = try openStore(db)
            do {
                let actor = try store.actingUser(requested: user)
                let review = try store.previewPricingChange(name, to: value, by: actor.name)
                print(PricingReport.preview(review.preview, pricingVersion: review.pricingVersion))
                if !yes {
                    guard isatty(STDIN_FILENO) == 1 else {
                        printError("not changed: standard input is not a terminal, so nobody can confirm; pass --yes to change it")
                        throw ExitCode.failure
                    }
                    print("Change \(review.preview.changeText) as \(actor.name)? [y/N] ", terminator: "")
                    guard let answer = readLine(), ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                        printError("not changed")
                        throw ExitCode.failure
                    }
                }
                let started = Date()
                let outcome = try store.changePricing(name, to: value, by: actor.name, reason: reason, expectedVersion: review.pricingVersion)
                let seconds = Date().timeIntervalSince(started)
                print("\(outcome.preview.changeText) by \(actor.name): pricing version \(outcome.pricingVersion), "
                      + "\(outcome.repricedCount) pending quote\(outcome.repricedCount == 1 ? "" : "s") re-priced in \(String(format: "%.2f", seconds)) s")
            } catch let error as StoreError {
                throw Exit.report(error)
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who changed which pricing parameter, when, old → new, why and how many quotes it re-priced (newest first).")

        @Option(help: "Database file.") var db: String
        @Option(help: "At most this many changes (1–10000).") var limit = 20
        @ArgumentParser.Flag(help: "JSON lines instead of a table.") var json = false

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1–10000") }
        }

        func run() throws {
            let store = try openStore(db, readOnly: true)
            do {
                let entries = try store.pricingHistory(limit: limit)
                print(json ? PricingReport.historyJSONLines(entries) : PricingReport.history(entries))
            } catch {
                throw Exit.report(error)
            }
        }
    }
}
