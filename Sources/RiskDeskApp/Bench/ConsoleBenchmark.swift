import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// `riskdesk bench`: measures the store's and the console's hot paths on a scratch copy of a database, section by
/// section, and hands each figure to `report` as soon as it is measured. The console runs headless (a virtual
/// 120×40 terminal): a key's figure is reduce + the store work it asks for + rendering, without the terminal write.
public enum ConsoleBenchmark {
    /// A part of the benchmark that can be run alone (`riskdesk bench --only`).
    public enum Section: String, CaseIterable, Sendable {
        case store, console, filter, audit, live, supervisor, models
    }

    public struct Options: Sendable {
        public var databasePath: String
        public var themesDirectory: String?
        public var decisions = 200
        public var feedSeconds = 10.0
        public var sections = Set(Section.allCases)

        public init(databasePath: String, themesDirectory: String?) {
            self.databasePath = databasePath
            self.themesDirectory = themesDirectory
        }
    }

    /// Everything one run shares: the scratch copy, its store, a supervisor and the theme.
    struct Bed {
        let path: String
        let store: RiskStore
        let supervisor: User
        let loader: ThemeLoader
        let theme: Theme

        /// A console on `store` as `supervisor`, not started.
        func runtime(on store: RiskStore? = nil, now: Date = Date()) throws(StoreError) -> DeskRuntime {
            let store = store ?? self.store
            let state = AppState(user: supervisor, databaseName: "bench", isTrainingData: try store.isTrainingData(), readOnly: false,
                                 size: Size(width: 120, height: 40), now: now, themeName: theme.name, canSwitchUser: false)
            return DeskRuntime(store: store, state: state, terminal: VirtualTerminal(width: 120, height: 40), themeLoader: loader, theme: theme)
        }
    }

    /// Runs the chosen sections against a scratch copy of the database (removed afterwards).
    public static func run(_ options: Options, report: (BenchFigure) -> Void) throws(StoreError) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("riskdesk-bench-\(UUID().uuidString).sqlite").path
        do { try FileManager.default.copyItem(atPath: options.databasePath, toPath: scratch) } catch {
            throw .invalidInput("cannot copy \(options.databasePath) for benchmarking: \(error.localizedDescription)")
        }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }

        var opened: RiskStore?
        let openMs = try milliseconds { () throws(StoreError) in opened = try RiskStore.open(at: scratch) }
        guard let store = opened else { return }
        report(BenchFigure(name: "open database (migrations included)", samples: [openMs]))
        let supervisor = try store.users().first { $0.role == .supervisor } ?? SampleGenerator.users[3]
        let loader = ThemeLoader(searchDirectories: options.themesDirectory.map { [$0] } ?? [])
        let theme = loader.themeOrFallback(name: "default", colorDepth: .twoFiftySix).theme
        let bed = Bed(path: scratch, store: store, supervisor: supervisor, loader: loader, theme: theme)

        // The console first: its figures are the ones a user feels, measured before the decisions change the queue.
        if options.sections.contains(.console) { try ConsoleFigures.run(bed, report: report) }
        if options.sections.contains(.filter) { try FilterFigures.run(bed, report: report) }
        if options.sections.contains(.store) { try StoreFigures.run(bed, decisions: options.decisions, report: report) }
        if options.sections.contains(.audit) { try AuditFigures.run(bed, report: report) }
        if options.sections.contains(.live) { try LiveFigures.run(bed, feedSeconds: options.feedSeconds, report: report) }
        if options.sections.contains(.models) { try ModelFigures.run(bed, report: report) }
        // Last: its pricing change re-prices the copy's pending quotes.
        if options.sections.contains(.supervisor) { try SupervisorFigures.run(bed, report: report) }
    }

    /// The process's peak resident set so far, in megabytes (Linux: kilobytes from getrusage).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1_024
    }
}
