import ArgumentParser
import Foundation
import RiskDeskApp
import RiskStore

struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the console on a database (the default command).",
        discussion: "Needs an interactive UTF-8 terminal of at least 80×24. Keys: press ? inside.")

    @Option(help: "Database file.") var db: String
    @Option(help: "Who is at the keyboard: the desk user your login is mapped to (name it when it maps to several). On training data, any user.") var user: String?
    @Option(help: "Theme name: default, dark, light, amber, high-contrast, mono, or one in $XDG_CONFIG_HOME/riskdesk/themes.") var theme: String?
    @ArgumentParser.Flag(help: "Show everything, write nothing.") var readonly = false

    func run() throws {
        try launch(ConsoleOptions(databasePath: db, userName: user, themeName: theme, readOnly: readonly))
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the bundled sample database as the trainer, on a scratch copy (the bundled file is never modified).",
        discussion: "Switch roles inside with :as USER (e.g. :as wang.fang). The scratch path is printed on exit.")

    @Option(help: "Start as this user instead of the trainer.") var user: String = "trainer"
    @Option(help: "Theme name.") var theme: String?

    func run() throws {
        guard let folder = ResourceLocator.directory(named: "sample-db") else {
            printError("cannot find the bundled sample-db/ folder; run from the riskdesk checkout or set RISKDESK_HOME")
            throw Exit.dataError
        }
        let source = (folder as NSString).appendingPathComponent("sample.sqlite")
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("riskdesk-demo-\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970)).sqlite").path
        do {
            try FileManager.default.copyItem(atPath: source, toPath: scratch)
        } catch {
            printError("cannot copy \(source) to \(scratch): \(error.localizedDescription)")
            throw Exit.dataError
        }
        defer { print("demo database: \(scratch)") }
        do {
            // The copy, never the bundled file, is shifted so SLAs and claims look as fresh as when it was made.
            try RiskStore.open(at: scratch).rebaseTimes(to: Date(), by: "trainer")
        } catch {
            printError("could not shift the demo's times (\(error.description)); continuing with the sample's own dates")
        }
        try launch(ConsoleOptions(databasePath: scratch, userName: user, themeName: theme, readOnly: false, isDemo: true))
    }
}

func launch(_ options: ConsoleOptions) throws {
    do {
        try ConsoleLauncher.run(options)
    } catch {
        printError(error.description)
        switch error.kind {
        case .data: throw Exit.dataError
        case .terminal: throw Exit.noTerminal
        case .usage: throw ExitCode.validationFailure
        case .refused: throw Exit.refused
        }
    }
}
