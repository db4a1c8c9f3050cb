import ArgumentParser
import Foundation
import RiskDeskApp
import RiskCore
import RiskStore

struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Desk users, their roles and limits, and the operating-system logins that may act as them.",
        subcommands: [List.self, Map.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users with their roles, limits and logins.")

        @Option(help: "Database file.") var db: String

        func run() throws {
            let store = try openStore(db, readOnly: true)
            do {
                let logins = Dictionary(grouping: try store.loginMappings(), by: \.userName)
                var table = TextTable(columns: [.init("USER"), .init("NAME"), .init("ROLE"), .init("LIMIT", .right),
                                                .init("ACTIVE"), .init("LOGINS")])
                for user in try store.users() {
                    table.append([user.name, user.displayName, user.role.rawValue, user.approvalLimit.formattedWhole,
                                  user.isActive ? "yes" : "no", (logins[user.name] ?? []).map(\.login).joined(separator: ",")])
                }
                print(table.render())
                if try store.isTrainingData() { print("(training data: any login may act as any user)") }
                print("this process's login: \(store.login)")
            } catch {
                throw Exit.report(error)
            }
        }
    }

    struct Map: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Allow an operating-system login to act as a desk user (supervisors; audited).",
            discussion: """
            The console and every writing command act as the desk user their login maps to. On a database where no \
            login is mapped yet, the first mapping may be made from any login, but only to a supervisor (the bootstrap).
            """)

        @Option(help: "Database file.") var db: String
        @Option(name: .customLong("as"), help: "Which of your desk users makes the mapping, when your login maps to several.") var actingAs: String?
        @Argument(help: "The login, as `id -un` prints it.") var login: String
        @Argument(help: "The desk user it may act as.") var user: String

        func run() throws {
            let store = try openStore(db)
            do {
                try store.mapLogin(login, to: user, actingAs: actingAs)
                print(PlainText.escaped("\(login) may now act as \(user)"))
            } catch {
                throw Exit.report(error)
            }
        }
    }
}
