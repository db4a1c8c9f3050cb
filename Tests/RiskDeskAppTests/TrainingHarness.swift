import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// A `riskdesk demo` console without a terminal: a scratch copy prepared as the demo prepares it, `:reset` wired,
/// personas switchable, optionally the in-process feed and a recorder collecting the command log's lines.
final class TrainingHarness {
    let dir: ScratchDir
    let copy: DemoCopy
    let demo: DemoSession
    let terminal: VirtualTerminal
    let runtime: DeskRuntime
    /// The command log's lines written so far (header first) when recording.
    var recordedLines: [String] = []
    /// The audit head once the copy was prepared: what people do in the test comes after it.
    let startMark: Int64

    /// `feed` is what the demo runs; `startsFeed` false leaves it for `:reset` to start (the feed writes at the real
    /// time while this console's clock is fixed, so a test that decides something first keeps them apart).
    init(feed: DemoFeed.Options? = nil, startsFeed: Bool = true, recording: Bool = false, user userName: String = "trainer") throws {
        dir = try ScratchDir()
        copy = DemoCopy(samplePath: Repo.sampleDatabase, scratchPath: dir.path("demo.sqlite"))
        let warning = try copy.prepare(now: fixedNow)
        #expect(warning == nil)
        let store = try RiskStore.open(at: copy.scratchPath)
        startMark = try store.auditHeadSequence()
        let user = try #require(try store.user(named: userName))
        terminal = VirtualTerminal(width: 120, height: 40)
        let loader = ThemeLoader(searchDirectories: [Repo.themes])
        let theme = try loader.load(name: "default")
        var state = AppState(user: user, databaseName: "demo.sqlite", isTrainingData: try store.isTrainingData(), readOnly: false,
                             size: Size(width: 120, height: 40), now: fixedNow, themeName: theme.name, canSwitchUser: true)
        state.isDemo = true
        runtime = DeskRuntime(store: store, state: state, terminal: terminal, themeLoader: loader, theme: theme, clock: { fixedNow })
        demo = DemoSession(copy: copy, feedOptions: feed, startUser: userName)
        if startsFeed { demo.startFeed() }
        runtime.demo = demo
        if recording {
            runtime.recorder = CommandRecorder(header: RecordingHeader(user: userName), clock: { fixedNow }) { [weak self] line in
                self?.recordedLines.append(line)
            }
        }
        runtime.start()
    }

    deinit {
        demo.stopFeed()
        dir.remove()
    }

    var state: AppState { runtime.state }
    var store: RiskStore { runtime.store }
    var screen: String { terminal.screenText }

    func press(_ keys: Key...) { for key in keys { runtime.press(key) } }
    func type(_ text: String) { for c in text { runtime.press(.character(c)) } }
    func command(_ text: String) {
        press(.character(":"))
        type(text)
        press(.enter)
    }

    /// One look at the change log, as the live loop does ~4 times a second, and what it asks for.
    func poll() {
        runtime.send(.pollDue)
        runtime.settle()
        runtime.redraw()
    }

    /// The first free manual-review application whose line is at most `limit` (approvable by the officer alone).
    func freeApplication(upTo limit: Money, skipping: Set<String> = []) throws -> String {
        let rows = try store.approvalQueue(filter: QueueFilter(stages: [.manualReview]), limit: 500).rows
        let row = rows.first { $0.application.claimHolder(at: fixedNow) == nil && $0.application.requestedLine <= limit
            && !skipping.contains($0.application.id) }
        return try #require(row, "no free manual-review application up to \(limit.formattedWhole)").application.id
    }
}

/// The SHA-256 of a file, by the system's sha256sum (the tests do not link a crypto library).
func sha256(of path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}
