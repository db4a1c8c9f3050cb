import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// Measures the console's hot paths headless (virtual terminal) and the store's operations, on a scratch copy.
public enum ConsoleBenchmark {
    public struct Figure: Sendable {
        public var name: String
        public var samples: [Double]  // milliseconds

        public var median: Double { percentile(0.5) }
        public var p95: Double { percentile(0.95) }
        public var max: Double { samples.max() ?? 0 }

        func percentile(_ p: Double) -> Double {
            guard !samples.isEmpty else { return 0 }
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
        }

        public var line: String {
            let label = name.padding(toLength: 36, withPad: " ", startingAt: 0)
            return samples.count == 1 ? label + String(format: "%9.3f ms", median)
                : label + String(format: "median %8.3f ms   p95 %8.3f ms   max %8.3f ms   (n=%d)", median, p95, max, samples.count)
        }
    }

    static func time<E: Error>(_ body: () throws(E) -> Void) throws(E) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    /// Pastes `count` characters (Latin and CJK) into a note dialog as key events through the reducer, then
    /// draws once; the figure's name gives the note's length afterwards (cut to `Note.maximumLength`).
    static func paste(_ count: Int, into runtime: DeskRuntime, theme: Theme) -> Figure {
        runtime.press(.character("1"))
        runtime.press(.character("n"))
        let label = "paste \(Note.grouped(count)) chars"
        guard runtime.state.dialog?.kind == .note else {
            return Figure(name: "\(label): no note dialog (\(runtime.state.status?.text ?? "no application"))", samples: [])
        }
        let pattern = Array("margin call 追加保证金 ")
        let keys = (0..<count).map { Key.character(pattern[$0 % pattern.count]) }
        var state = runtime.state
        var kept = 0
        let ms = time {
            for key in keys { _ = state.reduce(.key(key)) }
            _ = Screen.render(state, theme: theme)
            kept = state.dialog?.fields.first?.input.count ?? 0
        }
        runtime.press(.escape)
        return Figure(name: "\(label) (kept \(Note.grouped(kept)))", samples: [ms])
    }

    /// Runs every measurement against a scratch copy of `path` and returns the figures.
    public static func run(databasePath path: String, themesDirectory: String?, decisions: Int = 20) throws(StoreError) -> [Figure] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("riskdesk-bench-\(UUID().uuidString).sqlite").path
        do { try FileManager.default.copyItem(atPath: path, toPath: scratch) } catch {
            throw .invalidInput("cannot copy \(path) for benchmarking: \(error.localizedDescription)")
        }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }

        var figures: [Figure] = []
        var store: RiskStore?
        let openMs = try time { () throws(StoreError) in store = try RiskStore.open(at: scratch) }
        guard let store else { return figures }
        figures.append(Figure(name: "open database", samples: [openMs]))

        let supervisor = try store.users().first { $0.role == .supervisor } ?? SampleGenerator.users[3]
        let loader = ThemeLoader(searchDirectories: themesDirectory.map { [$0] } ?? [])
        let theme = loader.themeOrFallback(name: "default", colorDepth: .twoFiftySix).theme
        let terminal = VirtualTerminal(width: 120, height: 40)
        let now = Date()
        var runtime: DeskRuntime?
        let firstScreen = try time { () throws(StoreError) in
            let state = AppState(user: supervisor, databaseName: "bench", isTrainingData: try store.isTrainingData(), readOnly: false,
                                 size: Size(width: 120, height: 40), now: now, themeName: theme.name, canSwitchUser: false)
            let r = DeskRuntime(store: store, state: state, terminal: terminal, themeLoader: loader, theme: theme)
            r.start()
            runtime = r
        }
        figures.append(Figure(name: "first full screen (120×40)", samples: [firstScreen]))
        guard let runtime else { return figures }

        func keys(_ name: String, _ sequence: [Key], repeat count: Int) -> Figure {
            var samples: [Double] = []
            for _ in 0..<count {
                for key in sequence { samples.append(time { runtime.press(key) }) }
            }
            return Figure(name: name, samples: samples)
        }
        figures.append(keys("key → redraw: j (next row)", [.character("j")], repeat: 200))
        figures.append(keys("key → redraw: k (previous row)", [.character("k")], repeat: 100))
        figures.append(keys("key → redraw: PgDn / PgUp", [.pageDown, .pageUp], repeat: 50))
        figures.append(keys("key → redraw: G / g (bottom, top)", [.character("G"), .character("g")], repeat: 20))
        figures.append(keys("key → redraw: Tab (focus)", [.tab], repeat: 40))
        figures.append(keys("key → redraw: ? then Esc (help)", [.character("?"), .escape], repeat: 20))
        figures.append(keys("key → redraw: / 张 Enter (filter)", [.character("/"), .character("张"), .enter, .escape], repeat: 10))
        for count in [8_000, 1_000_000] { figures.append(paste(count, into: runtime, theme: theme)) }

        var pageSamples: [Double] = []
        var cursor: String?
        for _ in 0..<200 {
            var page: QueuePage?
            pageSamples.append(try time { () throws(StoreError) in page = try store.approvalQueue(after: cursor, limit: 50) })
            cursor = page?.nextCursor
        }
        figures.append(Figure(name: "queue page of 50 (keyset)", samples: pageSamples))
        var countSamples: [Double] = []
        for _ in 0..<50 { countSamples.append(try time { () throws(StoreError) in _ = try store.queueCount() }) }
        figures.append(Figure(name: "queue count", samples: countSamples))

        var decisionSamples: [Double] = []
        let candidates = try store.approvalQueue(filter: QueueFilter(stages: [.manualReview]), limit: 500).rows
            .filter { $0.application.requestedLine <= Money(yuan: 1_000_000) && $0.application.claimHolder(at: Date()) == nil }
            .prefix(decisions)
        for row in candidates {
            let request = DecisionRequest(applicationID: row.application.id, kind: .approve, actor: supervisor.name,
                                          expectedVersion: row.application.version)
            decisionSamples.append(try time { () throws(StoreError) in try store.apply(request) })
        }
        figures.append(Figure(name: "decision (apply, synchronous=FULL)", samples: decisionSamples))
        var verify: AuditVerification?
        figures.append(Figure(name: "audit verify (whole chain)", samples: [try time { () throws(StoreError) in verify = try store.verifyAuditChain() }]))
        if let verify { figures.append(Figure(name: "  \(verify.description)", samples: [])) }
        return figures
    }
}
