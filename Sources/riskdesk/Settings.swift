import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The desk's thresholds and limits: list them, or change one (a supervisor, with a reason, audited).",
        subcommands: [List.self, Set.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every setting with its value, default, range, description and last change.")

        @Option(help: "Database file.") var db: String
        @ArgumentParser.Flag(help: "JSON lines instead of a table.") var json = false

        func run() throws {
            let store = try openStore(db, readOnly: true)
            do {
                let entries = try store.settings()
                print(json ? SettingsReport.jsonLines(entries) : SettingsReport.table(entries))
                if !json { print("change with: riskdesk settings set --db PATH KEY VALUE --reason TEXT (supervisors)") }
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one setting as the user your login maps to.",
            discussion: """
            The value is in the setting's units: amounts as 1000000, 1m or 100万; basis points, days, minutes and counts \
            as whole numbers; shares as 0.3 or 30%; suitability as C1–C5. Exit 64 for a value outside the range or against \
            a rule between settings, 3 when the role may not change settings, 65 for an unknown key or corrupt stored data. \
            A value that starts with a minus sign goes after `--`.
            """)

        @Option(help: "Database file.") var db: String
        @Option(help: "Who changes it: the desk user your login is mapped to (needed only when it maps to several). On training data, any user.") var user: String?
        @Option(help: "Why (required; recorded in the audit log).") var reason: String
        @Argument(help: "Setting key, e.g. policy.four_eyes_threshold_fen.") var key: String
        @Argument(help: "New value, e.g. 800000, 800k or 80万 for an amount.") var value: String

        func validate() throws {
            try checkReason(reason, why: "the setting changes")
        }

        func run() throws {
            let store = try openStore(db)
            do {
                let actor = try store.actingUser(requested: user)
                let definition: SettingDefinition
                do throws(SettingError) { definition = try DeskSettings.definition(key) } catch {
                    printError(error.description)
                    throw Exit.dataError
                }
                let before = try store.settings().first { $0.key == key }.map(SettingsReport.valueText) ?? "?"
                let stored = try store.changeSetting(key, to: value, by: actor.name, reason: reason)
                print("\(key): \(before) → \(stored.text(definition.kind)) (by \(actor.name))")
            } catch let error as StoreError {
                throw Exit.report(error)
            }
        }
    }
}
