import Foundation
import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// Hand-built states for pure reducer and render tests (no database).
enum Desk {
    static let officer = User(name: "wang.fang", displayName: "Wang Fang", role: .officer, approvalLimit: Money(yuan: 1_000_000))
    static let supervisor = User(name: "zhao.min", displayName: "Zhao Min", role: .supervisor, approvalLimit: Money(yuan: 5_000_000))
    static let auditor = User(name: "zhou.qiang", displayName: "Zhou Qiang", role: .auditor, approvalLimit: .zero)

    static func row(_ id: String = "APP-000101", yuan: Int64 = 500_000, stage: Stage = .manualReview,
                    claimedBy: String? = nil, version: Int = 3) -> QueueRow {
        let app = Application(id: id, customerID: "C000101", requestedLine: Money(yuan: yuan),
                              requestedLeverage: Leverage(hundredths: 200), termMonths: 6, channel: .online, stage: stage,
                              score: 560, probabilityOfDefault: 0.031, grade: .c, quotedRate: BasisPoints(785),
                              claimedBy: claimedBy, claimExpiresAt: claimedBy.map { _ in fixedNow.addingTimeInterval(900) },
                              submittedAt: fixedNow.addingTimeInterval(-3_600), slaDue: fixedNow.addingTimeInterval(7_200),
                              version: version)
        return QueueRow(application: app, customerName: "张伟", priorityKey: "k-\(id)")
    }

    static func state(_ user: User, rows: [QueueRow] = [row()], readOnly: Bool = false) -> AppState {
        var state = AppState(user: user, databaseName: "desk.sqlite", isTrainingData: false, readOnly: readOnly,
                             size: Size(width: 120, height: 40), now: fixedNow, themeName: "default", canSwitchUser: false)
        state.queue.rows = rows
        state.queue.total = rows.count
        return state
    }

    static func alert(id: Int64 = 7, state: AlertState) -> AlertRow {
        AlertRow(alert: StoredAlert(id: id, rule: "margin.warning", severity: .warning, subject: "account:A000101",
                                    message: "maintenance ratio 138% is below the 140% warning line", state: state,
                                    openedAt: fixedNow.addingTimeInterval(-600), acknowledgedBy: state == .acknowledged ? "li.na" : nil),
                 key: AlertKey(rank: 1, openedAt: fixedNow.timeIntervalSince1970 - 600, id: id))
    }

    static func theme() throws -> Theme { try ThemeLoader(searchDirectories: [Repo.themes]).load(name: "default") }

    /// The footer row of a rendered state, trailing blanks removed.
    static func footer(_ state: AppState, theme: Theme) -> String {
        let grid = Screen.render(state, theme: theme)
        let y = grid.height - 1
        return grid.text(in: Rect(x: 0, y: y, width: grid.width, height: 1), row: y).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
}

/// Keys know the role and the state: a key that cannot act is left out or dimmed, and says why when pressed.
@Suite("Role- and state-aware keys")
struct KeyAvailabilityTests {
    @Test("an auditor pressing a write key gets the reason in the status line and nothing else happens", arguments: ["a", "c", "x", "i", "e", "n", "u"] as [Character])
    func auditorKey(_ key: Character) {
        var state = Desk.state(Desk.auditor)
        let effects = state.reduce(.key(.character(key)))
        #expect(effects.isEmpty, "no claim, no dialog, no write")
        #expect(state.dialog == nil)
        #expect(state.status == StatusMessage(text: "zhou.qiang (auditor) is read-only here: nothing is written", isError: true))
    }

    @Test("someone else's claim disables the decisions but not a note; a free row opens the dialog")
    func claimDisablesDecisions() {
        var state = Desk.state(Desk.officer, rows: [Desk.row(claimedBy: "li.na")])
        for key in ["a", "c", "x", "i", "e", "u"] as [Character] {
            #expect(state.reduce(.key(.character(key))).isEmpty, "\(key)")
            #expect(state.status?.text == "claimed by li.na: release it or wait for the claim to expire", "\(key)")
            #expect(state.status?.isError == true)
        }
        #expect(state.reduce(.key(.character("n"))) == [.claimAndOpen(.note, applicationID: "APP-000101")])
        var free = Desk.state(Desk.officer)
        #expect(free.reduce(.key(.character("a"))) == [.claimAndOpen(.approve, applicationID: "APP-000101")])
        #expect(free.status == nil)
    }

    @Test("the stage and the limit refuse before any claim: an officer on escalated work, approving above the limit")
    func stageAndLimit() {
        var escalated = Desk.state(Desk.officer, rows: [Desk.row(stage: .escalated)])
        #expect(escalated.reduce(.key(.character("x"))).isEmpty)
        #expect(escalated.status?.text == "only a supervisor may reject an application in escalated")
        var supervisor = Desk.state(Desk.supervisor, rows: [Desk.row(stage: .escalated)])
        #expect(supervisor.reduce(.key(.character("e"))).isEmpty)
        #expect(supervisor.status?.text == "cannot escalate an application in escalated")
        #expect(supervisor.reduce(.key(.character("x"))) == [.claimAndOpen(.reject, applicationID: "APP-000101")])
        var big = Desk.state(Desk.officer, rows: [Desk.row(yuan: 1_500_000)])
        #expect(big.reduce(.key(.character("a"))).isEmpty)
        #expect(big.status?.text == "¥1,500,000.00 exceeds wang.fang's approval limit of ¥1,000,000.00: escalate to a supervisor")
        #expect(big.reduce(.key(.character("c"))) == [.claimAndOpen(.conditions, applicationID: "APP-000101")],
                "with conditions the line can be lowered to the limit")
    }

    @Test("--readonly leaves a supervisor every key to look with and none to write with")
    func readOnlyFlag() throws {
        var state = Desk.state(Desk.supervisor, readOnly: true)
        #expect(state.reduce(.key(.character("a"))).isEmpty)
        #expect(state.status?.text == "read-only session (--readonly): nothing is written")
        #expect(Desk.footer(state, theme: try Desk.theme()) == " ? help  q quit  Tab pane  / filter  : cmd")
    }

    @Test("acknowledging needs an open alert: an acknowledged one says so and writes nothing")
    func acknowledge() {
        var state = Desk.state(Desk.officer)
        state.focus = .alerts
        state.alerts.rows = [Desk.alert(state: .acknowledged)]
        #expect(state.reduce(.key(.character("A"))).isEmpty)
        #expect(state.status?.text == "alert 7 is acknowledged, not open")
        state.alerts.rows = [Desk.alert(state: .open)]
        #expect(state.reduce(.key(.character("A"))) == [.acknowledgeAlert(id: 7, version: 1)])
        var auditor = Desk.state(Desk.auditor)
        auditor.focus = .alerts
        auditor.alerts.rows = [Desk.alert(state: .open)]
        #expect(auditor.reduce(.key(.character("A"))).isEmpty)
    }

    @Test("golden footer: an officer sees every queue key (release dimmed: nothing claimed); an auditor sees none")
    func goldenFooter() throws {
        let theme = try Desk.theme()
        let officer = Desk.state(Desk.officer)
        #expect(Desk.footer(officer, theme: theme)
                == " a approve  c conditions  x reject  i info  e escalate  n note  u release  ? help  q quit  Tab pane  / filter  : cmd")
        let grid = Screen.render(officer, theme: theme)
        let y = grid.height - 1
        let line = Desk.footer(officer, theme: theme)
        let aColumn = try #require(line.displayColumn(ofFirst: "a approve"))
        let uColumn = try #require(line.displayColumn(ofFirst: "u release"))
        #expect(grid[x: aColumn, y: y].style == theme.style("footer.key"))
        #expect(grid[x: uColumn, y: y].style == theme.style("footer.disabled"), "release is dimmed: the officer holds no claim")
        #expect(grid[x: uColumn + 2, y: y].style == theme.style("footer.disabled"))
        #expect(theme.style("footer.disabled") != theme.style("footer"))

        let claimed = Desk.state(Desk.officer, rows: [Desk.row(claimedBy: "wang.fang")])
        let claimedGrid = Screen.render(claimed, theme: theme)
        #expect(claimedGrid[x: uColumn, y: y].style == theme.style("footer.key"), "their own claim: release is live")

        #expect(Desk.footer(Desk.state(Desk.auditor), theme: theme) == " ? help  q quit  Tab pane  / filter  : cmd")
        var auditorAlerts = Desk.state(Desk.auditor)
        auditorAlerts.focus = .alerts
        #expect(!Desk.footer(auditorAlerts, theme: theme).contains("ack"))
    }

    @Test("mono theme dims disabled keys by attribute, without colour")
    func monoDisabled() throws {
        let theme = try ThemeLoader(searchDirectories: [Repo.themes]).load(name: "mono")
        let state = Desk.state(Desk.officer)
        let grid = Screen.render(state, theme: theme)
        let line = Desk.footer(state, theme: theme)
        let uColumn = try #require(line.displayColumn(ofFirst: "u release"))
        let style = grid[x: uColumn, y: grid.height - 1].style
        #expect(style.dim && style.foreground == .default && style.background == .default)
    }

    @Test("? help lists every key; the ones that cannot act say why after their description")
    func helpReasons() throws {
        var state = Desk.state(Desk.auditor)
        let sections = KeyMap.standard.helpSections(for: state)
        let queue = try #require(sections.first { $0.title == "Approval queue" })
        let readOnly = "zhou.qiang (auditor) is read-only here: nothing is written"
        // S (the second-approval view) only changes what is shown; B (rollback) writes, so it says why it cannot.
        #expect(queue.entries.map(\.keys) == ["a", "c", "x", "i", "e", "n", "u", "S", "B"])
        #expect(queue.entries.map(\.description) == [
            "approve — \(readOnly)", "approve with conditions — \(readOnly)", "reject with a reason code — \(readOnly)",
            "request information — \(readOnly)", "escalate (note required) — \(readOnly)", "add a note — \(readOnly)",
            "release claim — \(readOnly)", "second-approval view ↔ the previous stage filter",
            "roll back a decided application (reason required) — \(readOnly)",
        ])
        let everywhere = try #require(sections.first { $0.title == "Everywhere" })
        #expect(everywhere.entries.map(\.description) == KeyMap.standard.bindings.filter { $0.scope == .global }.map(\.help),
                "navigation has no reason attached")
        _ = state.reduce(.key(.character("?")))
        #expect(state.showsHelp)
        let screen = Screen.render(state, theme: try Desk.theme()).text()
        #expect(screen.contains("approve with conditions — \(readOnly)"), "\(screen)")

        let officer = Desk.state(Desk.officer, rows: [Desk.row(claimedBy: "li.na")])
        let officerQueue = try #require(KeyMap.standard.helpSections(for: officer).first { $0.title == "Approval queue" })
        #expect(officerQueue.entries[0].description == "approve — claimed by li.na: release it or wait for the claim to expire")
        #expect(officerQueue.entries[5].description == "add a note")
    }
}
