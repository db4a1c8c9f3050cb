import ArgumentParser
import Foundation
import RiskCore

@main
struct RiskDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskdesk",
        abstract: "A keyboard-driven console for a margin-financing risk desk.",
        discussion: """
        Exit codes: 0 ok; 1 unexpected failure; 3 refused (role, limit, four eyes, claim, a stale version or a file that cannot be written); \
        4 audit chain broken; 64 usage error (including numbers out of range); 65 data error (missing, empty, unreadable, \
        corrupt or newer database, a directory or pipe as the database, a corrupt row, unknown id or user); \
        69 no interactive terminal or no UTF-8 locale.
        """,
        subcommands: [Console.self, Demo.self, Seed.self, Queue.self, Show.self, Decide.self, Users.self, Settings.self, PricingCommand.self, Alerts.self,
                      AlertCommand.self, Calls.self, Call.self, Feed.self, Audit.self, Bench.self,
                      SearchBench.self, Metrics.self, ModelCommand.self],
        defaultSubcommand: Console.self
    )

    /// ArgumentParser's own `main()`, except that error messages are escaped (`PlainText`) line by line: they
    /// echo arguments, and an argument holding an escape sequence must not act on the terminal showing the error.
    /// Help and other successful output is printed as it is.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((PlainText.escapedLines(message) + "\n").utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
