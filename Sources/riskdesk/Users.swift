import ArgumentParser
import Foundation
import RiskDeskApp
import RiskStore

struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the users of a database with their roles and limits.")

    @Option(help: "Database file.") var db: String

    func run() throws {
        let store = try openStore(db, readOnly: true)
        do {
            var table = TextTable(columns: [.init("USER"), .init("NAME"), .init("ROLE"), .init("LIMIT", .right), .init("ACTIVE")])
            for user in try store.users() {
                table.append([user.name, user.displayName, user.role.rawValue, user.approvalLimit.formattedWhole, user.isActive ? "yes" : "no"])
            }
            print(table.render())
            if try store.isTrainingData() { print("(training data)") }
        } catch {
            throw Exit.report(error)
        }
    }
}
