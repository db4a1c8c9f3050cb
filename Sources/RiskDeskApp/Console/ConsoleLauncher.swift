import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// How the console was asked to start.
public struct ConsoleOptions: Sendable {
    public var databasePath: String
    public var userName: String?
    public var themeName: String?
    public var readOnly: Bool
    /// Demo mode: the trainer on a scratch copy, with `:as USER` to switch roles.
    public var isDemo: Bool
    /// Training mode in `riskdesk demo`: the copy `:reset` restores, the in-process feed, recording and playback.
    public var training: TrainingOptions?

    public init(databasePath: String, userName: String?, themeName: String?, readOnly: Bool, isDemo: Bool = false,
                training: TrainingOptions? = nil) {
        self.databasePath = databasePath
        self.userName = userName
        self.themeName = themeName
        self.readOnly = readOnly
        self.isDemo = isDemo
        self.training = training
    }
}

/// How `riskdesk demo` runs its training session.
public struct TrainingOptions: Sendable {
    /// The bundled sample and the scratch copy made from it (again on `:reset`).
    public var copy: DemoCopy
    /// The in-process market feed; nil for none (`--no-feed`, or a lesson playing whose file does not ask for it).
    public var feed: DemoFeed.Options?
    /// Record every command of the session to this file (`--record`).
    public var recordPath: String?
    /// A recorded lesson to play (`--play`), and how fast (`--speed`: 1 as recorded, 0 as fast as it settles).
    public var script: CommandScript?
    public var speed: Double

    public init(copy: DemoCopy, feed: DemoFeed.Options?, recordPath: String? = nil, script: CommandScript? = nil, speed: Double = 1) {
        self.copy = copy
        self.feed = feed
        self.recordPath = recordPath
        self.script = script
        self.speed = speed
    }
}

/// Why the console did not start, with the exit code that goes with it.
public struct ConsoleFailure: Error, CustomStringConvertible {
    public enum Kind: Sendable { case data, terminal, usage, refused }
    public var kind: Kind
    public var description: String
}

/// Opens the store, resolves the user and theme, takes over the terminal and runs the console until quit.
public enum ConsoleLauncher {
    public static func run(_ options: ConsoleOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConsoleFailure) {
        let store: RiskStore
        do { store = try RiskStore.open(at: options.databasePath, readOnly: options.readOnly) } catch {
            throw ConsoleFailure(kind: .data, description: error.description)
        }
        let user: User
        let training: Bool
        do {
            // Who is at the keyboard comes from the process's login, never from $USER; --user must name that
            // user, except on training data (the demo starts as its trainer).
            user = try store.actingUser(requested: options.userName, fallback: options.isDemo ? "trainer" : nil)
            training = try store.isTrainingData()
        } catch {
            switch error {
            case .refused(.unknownUser), .refused(.loginNotMapped), .refused(.notYourIdentity), .refused(.ambiguousLogin):
                throw ConsoleFailure(kind: .refused, description: error.description)
            default:
                throw ConsoleFailure(kind: .data, description: error.description)
            }
        }
        let loader = ThemeLoader(bundledDirectory: ResourceLocator.directory(named: "themes", environment: environment), environment: environment)
        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal() } catch {
            throw ConsoleFailure(kind: .terminal, description: error.description)
        }
        defer { terminal.shutdown() }
        let themeName = options.themeName ?? environment["RISKDESK_THEME"] ?? "default"
        let (theme, warning) = loader.themeOrFallback(name: themeName, colorDepth: terminal.colorDepth)
        var state = AppState(user: user, databaseName: (options.databasePath as NSString).lastPathComponent,
                             isTrainingData: training, readOnly: options.readOnly, size: terminal.size, now: Date(),
                             themeName: theme.name, canSwitchUser: training)
        if let warning { state.status = StatusMessage(text: warning, isError: true) }
        state.isDemo = options.isDemo && options.training != nil
        let runtime = DeskRuntime(store: store, state: state, terminal: terminal, themeLoader: loader, theme: theme)
        if let training = options.training {
            let session = DemoSession(copy: training.copy, feedOptions: training.feed, startUser: user.name)
            session.startFeed()
            runtime.demo = session
            if let problem = session.feedProblem { runtime.send(.failed(problem)) }
            if let path = training.recordPath {
                runtime.recorder = try CommandRecorder.file(at: path, header: RecordingHeader(user: user.name))
            }
        }
        // Stops the feed between batches on quit, Ctrl-C or an error, and writes the last recorded command.
        defer {
            runtime.recorder?.finish()
            runtime.demo?.stopFeed()
        }
        runtime.showFirstFrame()  // the loop fills in the alerts, pricing and counts as they arrive
        if let training = options.training, let script = training.script { runtime.startPlayback(script, speed: training.speed) }
        runtime.run()
        if let failure = runtime.failure { throw failure }
    }
}

/// Finds the bundled `themes/` and `sample-db/` folders: `$RISKDESK_HOME`, then up from the executable, then the working directory.
public enum ResourceLocator {
    public static func directory(named name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let home = environment["RISKDESK_HOME"] { candidates.append((home as NSString).appendingPathComponent(name)) }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent(name).path)
            dir.deleteLastPathComponent()
        }
        candidates.append((fm.currentDirectoryPath as NSString).appendingPathComponent(name))
        var isDirectory: ObjCBool = false
        return candidates.first { fm.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }
}
