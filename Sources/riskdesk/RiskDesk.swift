import ArgumentParser
import Foundation

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
        subcommands: [Console.self, Demo.self, Seed.self, Queue.self, Show.self, Decide.self, Users.self, Audit.self, Bench.self],
        defaultSubcommand: Console.self
    )
}
