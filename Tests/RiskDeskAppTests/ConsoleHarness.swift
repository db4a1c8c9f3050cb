import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// Paths derived from this file: the checkout root, the bundled sample database and themes.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RiskDeskAppTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // checkout
    static var sampleDatabase: String { root.appendingPathComponent("sample-db/sample.sqlite").path }
    static var themes: String { root.appendingPathComponent("themes").path }
    static var binary: String { root.appendingPathComponent(".build/debug/riskdesk").path }
}

/// 2026-11-27T09:30:00Z, the sample database's "as of"; claims handed out by the generator are live until ~09:53.
let sampleAsOf = Date(timeIntervalSince1970: 1_795_771_800)
/// The console's fixed clock in these tests: one minute after the sample's "as of".
let fixedNow = sampleAsOf.addingTimeInterval(60)

/// A scratch directory removed by `remove()`.
struct ScratchDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("riskdesk-app-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// A private copy of the bundled sample database (the original is never opened).
    func sampleCopy(named name: String = "sample-copy.sqlite") throws -> String {
        let destination = path(name)
        try FileManager.default.copyItem(atPath: Repo.sampleDatabase, toPath: destination)
        return destination
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A console on a scratch copy of the sample database, driven by keys on a virtual terminal.
final class DeskHarness {
    let dir: ScratchDir
    let path: String
    let store: RiskStore
    let terminal: VirtualTerminal
    let loader: ThemeLoader
    let runtime: DeskRuntime
    let now: Date

    init(user userName: String = "zhao.min", readOnly: Bool = false, width: Int = 120, height: Int = 40,
         themeName: String = "default", now: Date = fixedNow, sharing otherPath: String? = nil) throws {
        dir = try ScratchDir()
        path = try otherPath ?? dir.sampleCopy()  // sharing: a second console on another harness's database
        store = try RiskStore.open(at: path, readOnly: readOnly)
        let user = try #require(try store.user(named: userName), "no user \(userName) in the sample database")
        terminal = VirtualTerminal(width: width, height: height)
        loader = ThemeLoader(searchDirectories: [Repo.themes])
        let theme = try loader.load(name: themeName)
        let state = AppState(user: user, databaseName: (path as NSString).lastPathComponent,
                             isTrainingData: try store.isTrainingData(), readOnly: readOnly,
                             size: Size(width: width, height: height), now: now, themeName: theme.name,
                             canSwitchUser: false)
        self.now = now
        runtime = DeskRuntime(store: store, state: state, terminal: terminal, themeLoader: loader, theme: theme,
                              clock: { now })
        runtime.start()
    }

    deinit { dir.remove() }

    var state: AppState { runtime.state }
    var screen: String { terminal.screenText }
    var lines: [String] { screen.components(separatedBy: "\n") }
    var frame: Grid? { terminal.lastFrame }

    func press(_ keys: Key...) { for key in keys { runtime.press(key) } }

    func type(_ text: String) { for c in text { runtime.press(.character(c)) } }

    /// Types a `:` command and Enter.
    func command(_ text: String) {
        press(.character(":"))
        type(text)
        press(.enter)
    }

    /// The status line (second row from the bottom).
    var statusLine: String { lines[lines.count - 2] }

    /// The screen row that shows `text`, or nil.
    func row(containing text: String) -> String? { lines.first { $0.contains(text) } }

    func auditCount() throws -> Int { try store.auditTail(count: 1).first.map { Int($0.sequence) } ?? 0 }

    /// All rows of the default queue (the sample has a few hundred).
    func wholeQueue(filter: QueueFilter = QueueFilter()) throws -> [QueueRow] {
        try store.approvalQueue(filter: filter, limit: 5_000).rows
    }

    /// The first queue row (priority order) in manual review, free at `now`, whose line satisfies `line`.
    func freeManualReviewRow(skipping: Set<String> = [], where line: (Money) -> Bool) throws -> QueueRow {
        let row = try wholeQueue().first { row in
            row.application.stage == .manualReview && row.application.claimHolder(at: now) == nil
                && line(row.application.requestedLine) && !skipping.contains(row.application.id)
        }
        return try #require(row, "no free manual-review row matching the condition")
    }

    /// Goes to an application with `:goto` and checks it is selected.
    func goTo(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
        command("goto \(id)")
        #expect(state.queue.selectedRow?.application.id == id, "after :goto \(id)", sourceLocation: sourceLocation)
    }
}

extension Grid {
    /// The text of `rect`'s cells on row `y` (continuation cells skipped).
    func text(in rect: Rect, row y: Int) -> String {
        var out = ""
        for x in rect.x..<rect.maxX { out += self[x: x, y: y].text }
        return out
    }

    /// Every cell, with its coordinates.
    var allCells: [(x: Int, y: Int, cell: Cell)] {
        var out: [(Int, Int, Cell)] = []
        for y in 0..<height { for x in 0..<width { out.append((x, y, self[x: x, y: y])) } }
        return out
    }
}

extension String {
    /// The display column just after the first occurrence of `needle`, or nil.
    func displayColumn(afterFirst needle: String) -> Int? {
        guard let range = range(of: needle) else { return nil }
        return DisplayWidth.of(String(self[..<range.upperBound]))
    }

    /// The display column where the first occurrence of `needle` starts, or nil.
    func displayColumn(ofFirst needle: String) -> Int? {
        guard let range = range(of: needle) else { return nil }
        return DisplayWidth.of(String(self[..<range.lowerBound]))
    }

    var hasCJK: Bool { unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    var isASCII: Bool { unicodeScalars.allSatisfy { $0.isASCII } }
}
