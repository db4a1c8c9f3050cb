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
        discussion: """
        The market feed runs in-process on the copy (a batch about every second), so alerts arrive while you talk. \
        Inside: :as USER switches persona (e.g. :as wang.fang), :tour walks through the desk's work step by step, \
        :reset puts the copy back as the sample was. --record FILE writes every command of the session as a \
        replayable log; --play FILE replays one on a fresh copy (feed off unless the file asks for it). The scratch \
        path is printed on exit.
        """)

    @Option(help: "Start as this user instead of the trainer.") var user: String = "trainer"
    @Option(help: "Theme name.") var theme: String?
    @ArgumentParser.Flag(name: .customLong("no-feed"), help: "Do not run the market feed.") var noFeed = false
    @Option(name: .customLong("feed-seed"), help: "Seed of the feed's ticks and events (the same seed gives the same batches).")
    var feedSeed: UInt64 = 1
    @Option(help: "Record every command of the session to this file (JSON lines).") var record: String?
    @Option(help: "Replay a recorded session from this file.") var play: String?
    @Option(help: "With --play: 1 plays at the recorded pace, 2 twice as fast, 0 or max as fast as the console settles.")
    var speed: String = "1"

    func validate() throws {
        if record != nil && play != nil { throw ValidationError("--record and --play cannot be used together") }
        if play == nil && speed != "1" { throw ValidationError("--speed goes with --play") }
        _ = try playbackSpeed()
    }

    /// `--speed` checked: a finite number from 0 to 100, or `max` (0).
    func playbackSpeed() throws -> Double {
        if speed.lowercased() == "max" { return 0 }
        guard let value = Double(speed), value.isFinite, (0...100).contains(value) else {
            throw ValidationError("--speed must be a number from 0 to 100 or max, not '\(speed)'")
        }
        return value
    }

    func run() throws {
        guard let folder = ResourceLocator.directory(named: "sample-db") else {
            printError("cannot find the bundled sample-db/ folder; run from the riskdesk checkout or set RISKDESK_HOME")
            throw Exit.dataError
        }
        var script: CommandScript?
        if let play {
            let text: String
            do { text = try String(contentsOfFile: play, encoding: .utf8) } catch {
                printError("cannot read \(play): \(error.localizedDescription)")
                throw Exit.dataError
            }
            do { script = try CommandScript.parse(text) } catch {
                printError("\(play): \(error)")
                throw Exit.dataError
            }
        }
        let copy = DemoCopy(samplePath: (folder as NSString).appendingPathComponent("sample.sqlite"),
                            scratchPath: FileManager.default.temporaryDirectory
                                .appendingPathComponent("riskdesk-demo-\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970)).sqlite").path)
        // The copy, never the bundled file, is shifted so SLAs and claims look as fresh as when it was made.
        let warning: String?
        do { warning = try copy.prepare(now: Date()) } catch {
            printError("\(error)")
            throw Exit.dataError
        }
        if let warning { printError(warning) }
        defer { print("demo database: \(copy.scratchPath)") }
        let feedWanted = script.map { $0.header.feed } ?? !noFeed
        let training = TrainingOptions(copy: copy, feed: feedWanted ? DemoFeed.Options(seed: feedSeed) : nil, recordPath: record,
                                       script: script, speed: try playbackSpeed())
        try launch(ConsoleOptions(databasePath: copy.scratchPath, userName: script?.header.user ?? user, themeName: theme,
                                  readOnly: false, isDemo: true, training: training))
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
