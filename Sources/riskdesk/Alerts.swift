import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk alerts`: the alert list, as the console's alerts pane pages it, with its filters.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List alerts: the open ones in the alerts pane's order (critical first, oldest first), with filters.",
        discussion: """
        --open lists what the alerts pane lists (open, acknowledged, escalated, and snoozes that have expired); without it, \
        the most recent alerts in any state, newest first. --mine is the alerts assigned to you (--user, or the desk user \
        your login maps to).
        """)

    @Option(help: "Database file.") var db: String
    @Option(help: "Who \"mine\" is: the desk user your login is mapped to (needed only when it maps to several). On training data, any user.") var user: String?
    @ArgumentParser.Flag(help: "Only the alerts the desk is working (the alerts pane's list).") var open = false
    @ArgumentParser.Flag(help: "Only alerts assigned to you.") var mine = false
    @ArgumentParser.Flag(help: "Only alerts assigned to nobody.") var unassigned = false
    @ArgumentParser.Flag(help: "Only critical alerts.") var critical = false
    @ArgumentParser.Flag(help: "Only margin calls (margin.warning, margin.closeout).") var calls = false
    @ArgumentParser.Flag(help: "JSON lines instead of a table.") var json = false
    @Option(help: "At most this many alerts (1–10000).") var limit: Int = 50

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1–10000") }
        if mine && unassigned { throw ValidationError("--mine and --unassigned exclude each other: pick one") }
    }

    func run() throws {
        let store = try openStore(db, readOnly: true)
        do {
            var filter = AlertFilter(criticalOnly: critical, callsOnly: calls)
            if mine { filter.assignment = .user(try store.actingUser(requested: user).name) }
            if unassigned { filter.assignment = .nobody }
            let now = Date()
            let alerts = open
                ? try store.openAlerts(after: nil, limit: limit, filter: filter, now: now).map(\.alert)
                : try store.recentAlerts(limit: limit, filter: filter)
            if json {
                if !alerts.isEmpty { print(AlertReport.jsonLines(alerts, now: now)) }
            } else {
                print(AlertReport.table(alerts, now: now))
                if open {
                    let total = try store.openAlertCounts(filter: filter, now: now).values.reduce(0, +)
                    print("\(alerts.count) of \(total) open" + (filter.isEmpty ? "" : " (\(filter.label))"))
                } else {
                    print("\(alerts.count) most recent" + (filter.isEmpty ? "" : " (\(filter.label))"))
                }
            }
        } catch {
            throw Exit.report(error)
        }
    }
}

/// `riskdesk alert ack|assign|resolve|snooze|escalate`: one lifecycle step, through the same rules as the console.
struct AlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Take one step on an alert: acknowledge, assign, resolve, snooze or escalate it (audited).",
        discussion: "Refused (exit 3) when the role or the alert's state forbids it; 64 for bad input; 65 for an unknown alert or user.",
        subcommands: [Ack.self, Assign.self, Resolve.self, Snooze.self, Escalate.self])

    /// The options every step takes.
    struct Common: ParsableArguments {
        @Option(help: "Database file.") var db: String
        @Option(help: "Who acts: the desk user your login is mapped to (needed only when it maps to several). On training data, any user.") var user: String?
        @Argument(help: "Alert id.") var id: Int64

        func validate() throws {
            guard id > 0 else { throw ValidationError("an alert id is a positive number") }
        }

        /// Runs `body` with the store and the acting user; prints the result; store errors become exit codes.
        func step(_ name: String, _ body: (RiskStore, User) throws(StoreError) -> StoredAlert) throws {
            let store = try openStore(db)
            do {
                let actor = try store.actingUser(requested: user)
                print(PlainText.escaped(AlertReport.summary(try body(store, actor), step: name)))
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an open alert.")
        @OptionGroup var common: Common

        func run() throws {
            try common.step("acknowledged") { (store, actor) throws(StoreError) in try store.acknowledgeAlert(common.id, by: actor.name) }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign an alert to a user (default: to you). Supervisors assign anyone; officers themselves.")
        @OptionGroup var common: Common
        @Argument(help: "Who takes it (default: you).") var assignee: String?

        func run() throws {
            try common.step("assigned") { (store, actor) throws(StoreError) in
                try store.assignAlert(common.id, to: assignee ?? actor.name, by: actor.name)
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve an alert with a disposition. Critical and escalated alerts: supervisors only.")
        @OptionGroup var common: Common
        @Option(help: "false_positive | topped_up | position_reduced | other (other needs --note).") var disposition: String
        @Option(help: "What happened (required with other), at most 2,000 characters.") var note: String = ""

        func validate() throws {
            guard AlertDisposition(rawValue: disposition) != nil else {
                throw ValidationError("unknown disposition '\(disposition)'; one of: "
                                      + AlertDisposition.personal.map(\.rawValue).joined(separator: ", "))
            }
            do throws(NoteError) { _ = try Note.validated(note) } catch { throw ValidationError("--note: \(error.description)") }
        }

        func run() throws {
            let chosen = AlertDisposition(rawValue: disposition) ?? .other
            try common.step("resolved") { (store, actor) throws(StoreError) in
                try store.resolveAlert(common.id, disposition: chosen, note: note, by: actor.name)
            }
        }
    }

    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Snooze an open or acknowledged alert: it leaves the open list and comes back when the time is up.")
        @OptionGroup var common: Common
        @Option(name: .customLong("for"), help: "How long: 30m, 4h, 2d (at most the alert.snooze_max_days setting).") var duration: String

        func validate() throws {
            do throws(InputError) { _ = try AlertLifecycle.parseDuration(duration) } catch { throw ValidationError("--for: \(error.message)") }
        }

        func run() throws {
            let seconds: TimeInterval
            do throws(InputError) { seconds = try AlertLifecycle.parseDuration(duration) } catch { throw ValidationError("--for: \(error.message)") }
            let now = Date()
            try common.step("snoozed") { (store, actor) throws(StoreError) in
                try store.snoozeAlert(common.id, until: now.addingTimeInterval(seconds), by: actor.name, at: now)
            }
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Escalate an open or acknowledged alert to the supervisors.")
        @OptionGroup var common: Common
        @Option(help: "Why a supervisor must look (required), at most 2,000 characters.") var reason: String

        func validate() throws {
            let text: String
            do throws(NoteError) { text = try Note.validated(reason) } catch { throw ValidationError("--reason: \(error.description)") }
            guard !text.isEmpty else { throw ValidationError("--reason: say why a supervisor must look at it") }
        }

        func run() throws {
            try common.step("escalated") { (store, actor) throws(StoreError) in try store.escalateAlert(common.id, reason: reason, by: actor.name) }
        }
    }
}
