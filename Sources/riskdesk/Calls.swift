import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk calls`: the daily margin-call record.
struct Calls: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The daily margin-call record: each call live that day, its amount, opening, deadline and outcome.",
        discussion: """
        A call belongs to a day (exchange time, UTC+8) when it was live at some moment of it: opened before the day ended \
        and not met or closed out before it began. The outcome says when and how it was met (top-up, reduction, price \
        recovery), that it was extended (by whom, why) or turned into a close-out instruction.
        """)

    @Option(help: "Database file.") var db: String
    @Option(help: "The day, YYYY-MM-DD in exchange time (default: today).") var date: String?
    @ArgumentParser.Flag(help: "JSON lines instead of a table.") var json = false

    func validate() throws {
        if let date, MarginCallDeadline.bounds(ofDay: date) == nil {
            throw ValidationError("--date: '\(PlainText.escaped(date))' is not a date; give YYYY-MM-DD")
        }
    }

    func run() throws {
        let store = try openStore(db, readOnly: true)
        let day = date ?? MarginCallDeadline.day(of: Date())
        do {
            let calls = try store.marginCallRecord(on: day)
            // The report escapes each field itself (JSON by its own escaping), so its newlines stay newlines.
            print(json ? MarginCallReport.jsonLines(calls) : MarginCallReport.table(calls, day: day))
        } catch {
            throw Exit.report(error)
        }
    }
}

/// `riskdesk call …`: act on margin calls through the same rules as the console.
struct Call: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review, top up, reduce or extend margin calls.",
        discussion: "Refused (exit 3) when the role or a margin-call rule forbids it; nothing is written then.",
        subcommands: [Review.self, TopUp.self, Reduce.self, Extend.self])

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review every account now: open calls below the warning line, update amounts, mark met, close out overdue ones.")
        @Option(help: "Database file.") var db: String

        func run() throws {
            let store = try openStore(db)
            do {
                let events = try store.reviewMarginCalls()
                for event in events { print(MarginCallReport.eventLine(event)) }
                printNote("\(events.count) margin-call change\(events.count == 1 ? "" : "s")")
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct TopUp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topup", abstract: "Record the customer's cash top-up against the account's open call.")
        @Option(help: "Database file.") var db: String
        @Option(help: "Who records it: the desk user your login is mapped to (needed only when it maps to several).") var user: String?
        @Argument(help: "Account id.") var account: String
        @Argument(help: "Amount, e.g. 200000, 200k, ¥1.2m.") var amount: String

        func validate() throws {
            do { _ = try Money.parsing(amount) } catch { throw ValidationError("amount: \(error.message)") }
        }

        func run() throws {
            guard let money = try? Money.parsing(amount) else { throw ValidationError("amount: '\(PlainText.escaped(amount))' is not an amount") }
            let store = try openStore(db)
            do {
                let actor = try store.actingUser(requested: user)
                let event = try store.topUp(account: account, amount: money, by: actor.name)
                print(event.map(MarginCallReport.eventLine) ?? PlainText.escaped("\(account): topped up \(money.formatted)"))
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct Reduce: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sell shares at the last price against the account's open call; the proceeds repay financing.")
        @Option(help: "Database file.") var db: String
        @Option(help: "Who records it: the desk user your login is mapped to (needed only when it maps to several).") var user: String?
        @Argument(help: "Account id.") var account: String
        @Argument(help: "Instrument code.") var code: String
        @Argument(help: "Shares to sell (a whole number, at least 1).") var quantity: String

        func validate() throws {
            guard let number = Int64(quantity), number >= 1 else {
                throw ValidationError("quantity: '\(PlainText.escaped(quantity))' is not a whole number of shares of at least 1")
            }
        }

        func run() throws {
            let store = try openStore(db)
            do {
                let actor = try store.actingUser(requested: user)
                let result = try store.reduce(account: account, code: code, quantity: Int64(quantity) ?? 0, by: actor.name)
                let sale = result.reduction, event = result.event
                print(PlainText.escaped("\(account): sold \(quantity) \(code) at \(sale.price.formatted) = \(sale.proceeds.formatted), repaid \(sale.repaid.formatted)"))
                if let event { print(MarginCallReport.eventLine(event)) }
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extend a call's deadline by trading days (supervisors only, with a reason).")
        @Option(help: "Database file.") var db: String
        @Option(help: "Who extends: the desk user your login is mapped to (needed only when it maps to several).") var user: String?
        @Argument(help: "Margin call id (see `riskdesk calls`).") var id: Int64
        @Option(help: "Trading days to add (at most the setting margin.call_extension_max_days).") var days: Int
        @Option(help: "Why (required).") var reason: String

        func run() throws {
            let store = try openStore(db)
            do {
                let actor = try store.actingUser(requested: user)
                let call = try store.extendMarginCall(id: id, by: actor.name, days: days, reason: reason)
                print(PlainText.escaped("call \(id) \(call.accountID): deadline \(MarginCallReport.time(call.deadline)) (extension \(call.extensions))"))
            } catch {
                throw Exit.report(error)
            }
        }
    }
}
