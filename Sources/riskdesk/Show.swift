import ArgumentParser
import Foundation
import RiskDeskApp
import RiskStore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an application: customer (masked), score and reasons, quote and history.")

    @Option(help: "Database file.") var db: String
    @Argument(help: "Application id, e.g. APP-000123.") var applicationID: String

    func run() throws {
        let store = try openStore(db, readOnly: true)
        do {
            guard let detail = try store.detail(of: applicationID) else {
                printError("no application \(applicationID)")
                throw Exit.dataError
            }
            print(ApplicationReport.text(detail, now: Date()))
        } catch let error as StoreError {
            throw Exit.report(error)
        }
    }
}
