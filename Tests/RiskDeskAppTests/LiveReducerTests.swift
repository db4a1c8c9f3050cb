import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// State in, action, state and effects out — no database, no runtime (TCA's TestStore is the model).
enum Live {
    static let t0 = Date(timeIntervalSince1970: 1_795_771_800)
    static let supervisor = User(name: "zhao.min", displayName: "Zhao Min", role: .supervisor, approvalLimit: Money(yuan: 50_000_000))

    static func row(_ id: String, priority: String) -> QueueRow {
        let app = Application(id: id, customerID: "C000001", requestedLine: Money(yuan: 500_000), requestedLeverage: Leverage(hundredths: 150),
                              termMonths: 6, channel: .online, stage: .manualReview, score: 600, probabilityOfDefault: 0.03,
                              grade: .c, quotedRate: BasisPoints(800), submittedAt: t0.addingTimeInterval(-3_600),
                              slaDue: t0.addingTimeInterval(86_400))
        return QueueRow(application: app, customerName: "张伟", priorityKey: priority)
    }

    static func alert(_ id: Int64) -> AlertRow {
        AlertRow(alert: StoredAlert(id: id, rule: "margin.warning", severity: .warning, subject: "account:A\(id)", message: "ratio \(id)",
                                    state: .open, openedAt: t0, acknowledgedBy: nil),
                 key: AlertKey(rank: 1, openedAt: t0.timeIntervalSince1970, id: id))
    }

    static func entry(_ seq: Int64, _ kind: String, _ subject: String, at: Date = t0) -> ChangeEntry {
        ChangeEntry(seq: seq, at: at, kind: kind, subject: subject)
    }

    static func detail(of app: Application, accounts: [MarginAccount]) -> ApplicationDetail {
        let customer = Customer(id: "C000001", name: "张伟", nationalID: "110101199003074518", phone: "13812342210", segment: .retail,
                                suitability: .c4, kycStatus: .valid, kycExpiry: t0.addingTimeInterval(365 * 86_400), amlStatus: .clear,
                                isPEP: false, tenureMonths: 36,
                                behaviour: TradingBehaviour(annualTurnover: 5, averageHoldingDays: 30, largestPositionShare: 0.25,
                                                            marginCallsLast12Months: 0, maxDaysPastDue: 0),
                                securitiesAssets: Money(yuan: 10_000_000), liabilities: .zero, lifetimeValue: Money(yuan: 20_000))
        return ApplicationDetail(application: app, customer: customer, accounts: accounts,
                                 score: ScoreResult(points: 600, probabilityOfDefault: 0.03, grade: .c, reasons: [], contributions: [:]),
                                 quote: nil, quoteDifference: nil, decisions: [], previousApplications: [], openAlerts: [])
    }

    /// A console with rows A, B (A selected) and alerts 1, 2, started on the log at seq 10.
    static func state() -> AppState {
        var s = AppState(user: supervisor, databaseName: "test.sqlite", isTrainingData: false, readOnly: false,
                         size: Size(width: 120, height: 40), now: t0, themeName: "default", canSwitchUser: false)
        s.queue.rows = [row("APP-A", priority: "1"), row("APP-B", priority: "2")]
        s.queue.pageSize = 2
        s.alerts.rows = [alert(1), alert(2)]
        _ = s.reduce(.liveStarted(seq: 10, lastMarketUpdate: nil, staleAfter: 30, newestAlertID: 100))
        return s
    }
}

@Suite("Live console reducer (pure)")
struct LiveReducerTests {
    @Test("change-log entries ask for exactly the reloads they concern, each once")
    func scopedReloads() {
        var s = Live.state()
        // The detail of APP-A (account ACC1) is on screen.
        let detailAccount = MarginAccount(id: "ACC1", customerID: "C000001", cash: .zero, positions: [], financed: .zero,
                                          accruedInterest: .zero, lines: MarginLines())
        s.detail = Live.detail(of: s.queue.rows[0].application, accounts: [detailAccount])

        // Nothing on screen concerns these: no reload (an application outside the window, another account).
        #expect(s.reduce(.changesArrived([Live.entry(11, "application", "APP-Z"), Live.entry(12, "account", "ACC9")])) == [])
        #expect(s.live.seq == 12)

        // Many entries, one reload of each kind, in a fixed order.
        let effects = s.reduce(.changesArrived([
            Live.entry(13, "alert", "7"), Live.entry(14, "alert", "8"), Live.entry(15, "stage", "APP-X"),
            Live.entry(16, "application", "APP-A"), Live.entry(17, "account", "ACC1"), Live.entry(18, "pricing", "base"),
            Live.entry(19, "setting", DeskSettings.Key.staleAfterSeconds), Live.entry(20, "quote", "APP-B"),
        ]))
        #expect(effects == [.loadQueue(.reload), .loadDetail(applicationID: "APP-A"), .loadAlerts(.reload), .loadPricing, .loadStaleAfter])
        #expect(s.live.seq == 20)

        // A claim on a row in the window reloads the window (its Claimed column) but not the detail of another row.
        #expect(s.reduce(.finished(.loadQueue(.reload))) == [])
        #expect(s.reduce(.changesArrived([Live.entry(21, "application", "APP-B")])) == [.loadQueue(.reload)])
    }

    @Test("a poll goes out only once started and one at a time; its result confirms the data")
    func polling() {
        var s = AppState(user: Live.supervisor, databaseName: "x", isTrainingData: false, readOnly: false,
                         size: Size(width: 120, height: 40), now: Live.t0, themeName: "default", canSwitchUser: false)
        #expect(s.reduce(.pollDue) == [], "not before the console knows where the log stood")
        _ = s.reduce(.liveStarted(seq: 42, lastMarketUpdate: nil, staleAfter: 30, newestAlertID: 0))
        #expect(s.reduce(.pollDue) == [.pollChanges(after: 42)])
        #expect(s.reduce(.pollDue) == [], "one look at a time")
        _ = s.reduce(.tick(Live.t0.addingTimeInterval(5)))
        _ = s.reduce(.dataConfirmed)
        #expect(s.lastRefresh == Live.t0.addingTimeInterval(5))
        #expect(s.reduce(.finished(.pollChanges(after: 42))) == [])
        #expect(s.live.pending.isEmpty)
        #expect(s.reduce(.pollDue) == [.pollChanges(after: 42)])
    }

    @Test("j at the window's edge while the next row loads: later keys wait and replay in order, none lost or doubled")
    func heldKeysReplayInOrder() {
        var s = Live.state()
        s.queue.selected = 1  // on APP-B, the window's last row
        #expect(s.reduce(.key(.character("j"))) == [.loadQueue(.nextRow)])
        #expect(s.pendingNote == "loading…")
        // Two more keys while the row loads: held, nothing sent.
        #expect(s.reduce(.key(.character("j"))) == [])
        #expect(s.reduce(.key(.character("k"))) == [])
        #expect(s.live.heldKeys == [.character("j"), .character("k")])
        // The row arrives: the window slides to [B, C] with C selected.
        #expect(s.reduce(.queueLoaded(rows: [Live.row("APP-B", priority: "2"), Live.row("APP-C", priority: "3")], position: 1, total: 4,
                                      selected: 1)) == [.loadDetail(applicationID: "APP-C")])
        // Done: the held j (at the edge again) asks for the next row and holds k again.
        #expect(s.reduce(.finished(.loadQueue(.nextRow))) == [.loadQueue(.nextRow)])
        #expect(s.live.heldKeys == [.character("k")])
        _ = s.reduce(.queueLoaded(rows: [Live.row("APP-C", priority: "3"), Live.row("APP-D", priority: "4")], position: 2, total: 4, selected: 1))
        // k replays inside the window: up to APP-C, whose detail loads.
        #expect(s.reduce(.finished(.loadQueue(.nextRow))) == [.loadDetail(applicationID: "APP-C")])
        #expect(s.queue.selectedRow?.application.id == "APP-C")
        #expect(s.live.heldKeys.isEmpty)
        #expect(s.pendingNote == nil, "background loads do not hold keys")
    }

    @Test("a second a while the claim is in flight sends no second claim; Enter while saving sends no second decision")
    func noDoubleClaimOrDecision() throws {
        var s = Live.state()
        #expect(s.reduce(.key(.character("a"))) == [.claimAndOpen(.approve, applicationID: "APP-A")])
        #expect(s.reduce(.key(.character("a"))) == [], "held, not a second claim")
        let dialog = DecisionDialog(kind: .approve, row: s.queue.rows[0], policy: ApprovalPolicy())
        _ = s.reduce(.dialogOpened(dialog))
        // The held `a` replays into the open approve dialog, which has no text field: nothing happens.
        #expect(s.reduce(.finished(.claimAndOpen(.approve, applicationID: "APP-A"))) == [])
        #expect(s.dialog?.kind == .approve)

        let decide = s.reduce(.key(.enter))
        guard case let .decide(request)? = decide.first, decide.count == 1 else { Issue.record("expected one decision, got \(decide)"); return }
        #expect(request.applicationID == "APP-A")
        #expect(s.pendingNote == "saving…")
        #expect(s.reduce(.key(.enter)) == [], "a second Enter waits for the first decision")
        // The store is slow: after the 5 s busy timeout the note says how long it has waited.
        _ = s.reduce(.tick(Live.t0.addingTimeInterval(7)))
        #expect(s.pendingNote == "saving… waiting 7s for the database (another writer holds it)")
        #expect(s.reduce(.decided(summary: "APP-A: approved")) == [.loadQueue(.reload), .loadAlerts(.reload)])
        // The held Enter replays on the queue (the dialog is closed): it opens the profile, it decides nothing.
        #expect(s.reduce(.finished(.decide(request))) == [])
        #expect(s.focus == .profile)
        #expect(s.dialog == nil)
        #expect(!s.live.isSaving)
    }

    @Test("a reload asked for while the window is moving waits for the move")
    func reloadWaitsForMove() {
        var s = Live.state()
        s.queue.selected = 1
        #expect(s.reduce(.key(.pageDown)) == [.loadQueue(.nextPage)])
        #expect(s.reduce(.changesArrived([Live.entry(11, "stage", "APP-Q"), Live.entry(12, "alert", "3")])) == [.loadAlerts(.reload)])
        #expect(s.live.queueReloadWanted)
        #expect(s.reduce(.finished(.loadQueue(.nextPage))) == [.loadQueue(.reload)])
        #expect(!s.live.queueReloadWanted)
    }

    @Test("alerts raised while the console is open are marked until the cursor is on them in the focused pane")
    func newAlertMarks() throws {
        var s = Live.state()  // the newest alert at start was 100
        _ = s.reduce(.changesArrived([Live.entry(11, "alert", "99"), Live.entry(12, "alert", "101"), Live.entry(13, "alert", "102")]))
        #expect(s.alerts.unseen == [101, 102], "99 existed before: an update, not a new alert")
        _ = s.reduce(.alertsLoaded(rows: [Live.alert(101), Live.alert(102), Live.alert(1)], position: 0, counts: [.warning: 3], selected: 0))
        #expect(s.alerts.unseen == [101, 102], "not seen while another pane has focus")
        let theme = try ThemeLoader(searchDirectories: [Repo.themes]).load(name: "default")
        let screen = Screen.render(s, theme: theme)
        let rows = (0..<screen.height).map { screen.text(in: Rect(x: 0, y: 0, width: screen.width, height: screen.height), row: $0) }
        #expect(rows.first { $0.contains("ratio 101") }?.contains("●WARN") == true)
        #expect(rows.first { $0.contains("ratio 1 ") || $0.hasSuffix("ratio 1") }?.contains("●") == false)
        _ = s.reduce(.key(.character("3")))
        #expect(s.alerts.unseen == [102], "the cursor is on 101 in the focused pane")
        _ = s.reduce(.key(.character("j")))
        #expect(s.alerts.unseen.isEmpty)
    }

    @Test("STALE shows when the last market update is older than the setting, and goes when a batch arrives")
    func staleMarket() throws {
        let theme = try ThemeLoader(searchDirectories: [Repo.themes]).load(name: "default")
        var s = Live.state()
        func header() -> String { Screen.render(s, theme: theme).text(in: Rect(x: 0, y: 0, width: 120, height: 1), row: 0) }
        #expect(!header().contains("market"), "no feed ever wrote: no market age")
        _ = s.reduce(.changesArrived([Live.entry(11, "market", "batch 1", at: Live.t0)]))
        _ = s.reduce(.tick(Live.t0.addingTimeInterval(29)))
        #expect(!s.live.isStale(at: s.now))
        #expect(header().contains("market 29s · "))
        #expect(!header().contains("STALE"))
        _ = s.reduce(.tick(Live.t0.addingTimeInterval(31)))
        #expect(s.live.isStale(at: s.now))
        #expect(header().contains("STALE"))
        #expect(header().contains("market 31s"))
        // A tighter setting arrives, then a new batch: fresh again.
        _ = s.reduce(.staleAfterLoaded(10))
        _ = s.reduce(.changesArrived([Live.entry(12, "market", "batch 2", at: Live.t0.addingTimeInterval(30))]))
        #expect(header().contains("market 1s"))
        #expect(!header().contains("STALE"))
        _ = s.reduce(.tick(Live.t0.addingTimeInterval(41)))
        #expect(header().contains("STALE"), "11 s > 10 s")
    }
}
