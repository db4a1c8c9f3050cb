import ArgumentParser
import Foundation

struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the console on a database (the default command).")

    @Option(help: "Database file.") var db: String?

    func run() throws {
        printError("the console is not built yet; use `riskdesk queue --db PATH`")
        throw ExitCode.failure
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the bundled sample database on a scratch copy.")

    func run() throws {
        printError("the console is not built yet; use `riskdesk queue --db sample-db/sample.sqlite`")
        throw ExitCode.failure
    }
}
