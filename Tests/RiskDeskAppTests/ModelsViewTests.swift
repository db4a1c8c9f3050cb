import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

@Suite("console: models view")
struct ModelsViewTests {
    static let otherSupervisor = User(name: "li.wei", displayName: "Li Wei", role: .supervisor, approvalLimit: Money(yuan: 5_000_000))

    /// The `:models` view open on the hand-built registry, the cursor on the champion.
    func open(_ user: User, pending: [ModelProposal] = []) -> AppState {
        var state = Desk.state(user)
        _ = state.reduce(.modelsLoaded(ModelsDesk.snapshot(pending: pending), opens: true))
        return state
    }

    func type(_ text: String, into state: inout AppState) {
        for c in text { _ = state.reduce(.key(.character(c))) }
    }

    @Test(":models loads off the UI thread and opens; j/k move within it, not the queue; Esc closes")
    func opensMovesCloses() {
        var state = Desk.state(Desk.officer)
        #expect(state.runCommand("models") == [.loadModels(refresh: false)])
        #expect(Effect.loadModels(refresh: false).holdsKeys && !Effect.loadModels(refresh: false).isWrite)
        #expect(!Effect.loadModels(refresh: true).holdsKeys, "a refresh in the background holds no key")
        #expect(Effect.approveModelProposal(id: 1).isWrite && Effect.makeChallenger(version: "v", reason: "r").isWrite)
        _ = state.reduce(.modelsLoaded(ModelsDesk.snapshot(), opens: true))
        #expect(state.modelsView?.selectedSummary?.version == "sc-2026.1")
        let queueSelected = state.queue.selected
        _ = state.reduce(.key(.character("j")))
        #expect(state.modelsView?.selectedSummary?.version == "sc-0123456789ab")
        _ = state.reduce(.key(.character("G")))
        #expect(state.modelsView?.selected == 4)
        _ = state.reduce(.key(.character("j")))
        #expect(state.modelsView?.selected == 4, "j at the last version stays")
        #expect(state.queue.selected == queueSelected)
        _ = state.reduce(.key(.escape))
        #expect(state.modelsView == nil)
        // A refresh arriving after Esc does not reopen it.
        _ = state.reduce(.modelsLoaded(ModelsDesk.snapshot(), opens: false))
        #expect(state.modelsView == nil)
    }

    @Test("a model change-log entry refreshes the open view, keeping the cursor on its version; nothing when closed")
    func refreshOnChange() {
        var state = Desk.state(Desk.supervisor)
        let entries = [ChangeEntry(seq: 9, at: fixedNow, kind: "model", subject: "sc-0123456789ab")]
        #expect(state.scopedReloads(for: entries).isEmpty)
        _ = state.reduce(.modelsLoaded(ModelsDesk.snapshot(), opens: true))
        _ = state.reduce(.key(.character("j")))
        #expect(state.scopedReloads(for: entries) == [.loadModels(refresh: true)])
        // The challenger was promoted: it is now listed first; the cursor follows it.
        var promoted = ModelsDesk.snapshot()
        promoted.versions = [ModelsDesk.summary("sc-0123456789ab", .champion, auc: 0.742, ks: 0.368),
                             ModelsDesk.summary("sc-2026.1", .retired)]
        _ = state.reduce(.modelsLoaded(promoted, opens: false))
        #expect(state.modelsView?.selected == 0)
        #expect(state.modelsView?.selectedSummary?.status == .champion)
    }

    @Test("Enter reads the report; it scrolls with j/k PgDn G g, and Esc goes back to the list")
    func reportOverlay() throws {
        var state = open(Desk.supervisor)
        _ = state.reduce(.key(.character("j")))
        #expect(state.reduce(.key(.enter)) == [.loadModelReport(version: "sc-0123456789ab")])
        let model = StoredModel(summary: ModelsDesk.challenger, card: nil, report: ModelsDesk.report)
        _ = state.reduce(.modelReportLoaded(model))
        _ = state.reduce(.finished(.loadModelReport(version: "sc-0123456789ab")))
        #expect(state.modelsView?.report?.offset == 0)
        _ = state.reduce(.key(.character("j")))
        #expect(state.modelsView?.report?.offset == 1)
        _ = state.reduce(.key(.character("G")))
        // 120×40: the report is laid out at 114 columns and shows 34 rows; the offset stops where the last line shows.
        let total = ModelReportText.lines(summary: ModelsDesk.challenger, card: nil, report: ModelsDesk.report, width: 114).count
        #expect(state.modelsView?.report?.offset == max(0, total - 34))
        _ = state.reduce(.key(.character("g")))
        #expect(state.modelsView?.report?.offset == 0)
        _ = state.reduce(.key(.character("k")))
        #expect(state.modelsView?.report?.offset == 0, "k at the top stays")
        _ = state.reduce(.key(.escape))
        #expect(state.modelsView?.report == nil)
        #expect(state.modelsView != nil, "Esc closes the report, not the view")
    }

    @Test("p on the challenger asks a reason, then proposes; the written summary closes the dialog and reloads")
    func proposePromotion() {
        var state = open(Desk.supervisor)
        _ = state.reduce(.key(.character("j")))
        #expect(state.reduce(.key(.character("p"))).isEmpty)
        #expect(state.reasonDialog?.title == "Propose sc-0123456789ab as champion of default_12m")
        #expect(state.reasonDialog?.bodyLines(now: fixedNow).first?.contains("replacing sc-2026.1") == true)
        // No reason, no write.
        #expect(state.reduce(.key(.enter)).isEmpty)
        #expect(state.reasonDialog?.field.error == "a reason is required")
        type("beats the default", into: &state)
        #expect(state.reduce(.key(.enter)) == [.proposeModelSwitch(kind: .promote, version: "sc-0123456789ab",
                                                                    target: "default_12m", reason: "beats the default")])
        // The store refuses (here: the registry not merged): the dialog stays with the message.
        _ = state.reduce(.modelWriteFailed("the model registry is not merged yet"))
        #expect(state.reasonDialog?.failure == "the model registry is not merged yet")
        #expect(state.status?.isError == true)
        #expect(state.reduce(.modelWritten(summary: "proposed")) == [.loadModels(refresh: true), .loadQueue(.reload)])
        #expect(state.reasonDialog == nil)
        #expect(state.status?.text == "proposed")
    }

    @Test("officers and auditors: the lifecycle keys say why in the status line and do nothing; the report still opens")
    func refusedByRole() {
        for user in [Desk.officer, Desk.auditor] {
            var state = open(user)
            _ = state.reduce(.key(.character("j")))
            for key: Character in ["c", "p", "b", "a", "w"] {
                #expect(state.reduce(.key(.character(key))).isEmpty)
                #expect(state.reasonDialog == nil && state.modelsView?.confirmsApproval == nil)
                #expect(state.status?.isError == true)
            }
            #expect(state.reduce(.key(.enter)) == [.loadModelReport(version: "sc-0123456789ab")])
        }
        var officer = open(Desk.officer)
        _ = officer.reduce(.key(.character("j")))
        _ = officer.reduce(.key(.character("p")))
        #expect(officer.status?.text == "supervisors only: wang.fang (officer) may not propose a promotion")
        // --readonly leaves even a supervisor's keys out.
        var readOnly = Desk.state(Desk.supervisor, readOnly: true)
        _ = readOnly.reduce(.modelsLoaded(ModelsDesk.snapshot(), opens: true))
        #expect(readOnly.availability(of: .proposeRollback) == .unavailable(readOnly.readOnlyMessage))
    }

    @Test("four eyes: the proposer's a is refused with the reason; another supervisor confirms with y, Esc cancels")
    func approveFourEyes() {
        let pending = [ModelsDesk.proposal(by: Desk.supervisor.name)]
        var proposer = open(Desk.supervisor, pending: pending)
        #expect(proposer.reduce(.key(.character("a"))).isEmpty)
        #expect(proposer.status?.text == "four eyes: you proposed it; a different supervisor must approve")
        #expect(proposer.modelsView?.confirmsApproval == nil)
        #expect(proposer.availability(of: .approveModelSwitch) == .disabled("four eyes: you proposed it; a different supervisor must approve"))

        var other = open(Self.otherSupervisor, pending: pending)
        #expect(other.reduce(.key(.character("a"))).isEmpty)
        #expect(other.modelsView?.confirmsApproval?.id == 4)
        _ = other.reduce(.key(.escape))
        #expect(other.modelsView?.confirmsApproval == nil)
        #expect(other.status?.text == "approval cancelled: nothing was written")
        _ = other.reduce(.key(.character("a")))
        #expect(other.reduce(.key(.character("y"))) == [.approveModelProposal(id: 4)])
        // Another supervisor decided it meanwhile: the refresh drops the confirmation.
        _ = other.reduce(.modelsLoaded(ModelsDesk.snapshot(), opens: false))
        #expect(other.modelsView?.confirmsApproval == nil)
    }

    @Test("the lifecycle's order: c only on a candidate; p only on a challenger; one pending proposal per target")
    func lifecycleOrder() {
        var state = open(Self.otherSupervisor)
        _ = state.reduce(.key(.character("j")))  // the challenger
        _ = state.reduce(.key(.character("c")))
        #expect(state.status?.text == "sc-0123456789ab is challenger: only a candidate becomes challenger")
        _ = state.reduce(.key(.character("j")))  // the candidate
        _ = state.reduce(.key(.character("p")))
        #expect(state.status?.text == "sc-fedcba987654 is candidate: only a challenger is proposed for champion (c makes a candidate challenger)")
        _ = state.reduce(.key(.character("c")))
        #expect(state.reasonDialog?.title == "Make sc-fedcba987654 challenger")
        type("shadow it", into: &state)
        #expect(state.reduce(.key(.enter)) == [.makeChallenger(version: "sc-fedcba987654", reason: "shadow it")])

        var waiting = open(Self.otherSupervisor, pending: [ModelsDesk.proposal(by: "zhao.min")])
        _ = waiting.reduce(.key(.character("j")))
        _ = waiting.reduce(.key(.character("p")))
        #expect(waiting.status?.text == "a promotion to sc-0123456789ab by zhao.min is already waiting for default_12m: approve (a) or withdraw (w) it first")
    }

    @Test("b proposes rolling the target back to its previous champion with a card; w withdraws the pending one")
    func rollbackAndWithdraw() {
        var state = open(Desk.supervisor)
        _ = state.reduce(.key(.character("b")))
        #expect(state.reasonDialog?.title == "Propose rolling default_12m back to sc-2025.9", "the retired version with a card, not the legacy one")
        type("drift", into: &state)
        #expect(state.reduce(.key(.enter)) == [.proposeModelSwitch(kind: .rollback, version: nil, target: "default_12m", reason: "drift")])

        var withdrawing = open(Desk.supervisor, pending: [ModelsDesk.proposal(.rollback, version: "sc-2025.9", by: "li.wei")])
        _ = withdrawing.reduce(.key(.character("w")))
        #expect(withdrawing.reasonDialog?.title == "Withdraw the rollback of default_12m to sc-2025.9")
        _ = withdrawing.reduce(.key(.escape))
        #expect(withdrawing.status?.text == "withdrawal cancelled: the proposal still waits")
        _ = withdrawing.reduce(.key(.character("w")))
        type("not needed", into: &withdrawing)
        #expect(withdrawing.reduce(.key(.enter)) == [.withdrawModelProposal(id: 4, reason: "not needed")])
    }

    @Test("help lists the models view's keys, with why each cannot act for this person")
    func help() throws {
        let officer = open(Desk.officer)
        let section = try #require(KeyMap.standard.helpSections(for: officer).first { $0.title == "Models view (:models)" })
        #expect(section.entries.count == 6)
        #expect(section.entries[0].1 == "validation report: ROC, histogram, calibration, IV, bins")
        #expect(section.entries[4].1.hasSuffix("— supervisors only: wang.fang (officer) may not approve a model switch"))
        #expect(KeyMap.standard.command(for: .character("p"), in: .queue) == nil, "the view's keys never act on a pane")
    }

    @Test("while the view is open the footer shows its keys, dimmed where they cannot act; an officer's are left out")
    func footer() {
        var state = open(Desk.supervisor, pending: [ModelsDesk.proposal(by: Desk.supervisor.name)])
        let hints = KeyMap.standard.footer(for: state)
        #expect(hints.map(\.text) == ["report", "challenger", "promote", "rollback", "approve", "withdraw", "help", "quit"])
        // On the champion: not a candidate (c), not a challenger (p), a rollback already waits behind the promotion (b),
        // and zhao.min proposed it (a); withdrawing is open to him.
        #expect(hints.filter(\.isDisabled).map(\.key) == ["c", "p", "b", "a"])
        let officer = open(Desk.officer)
        #expect(KeyMap.standard.footer(for: officer).map(\.text) == ["report", "help", "quit"])
        _ = state.reduce(.key(.escape))
        #expect(KeyMap.standard.footer(for: state).first?.text == "approve", "closed: the queue's keys again")
    }

    @Test("golden: the models view at 120×30, the critical PSI in its role, the proposal waiting, the dimmed keys")
    func golden() throws {
        let theme = try Desk.theme()
        var state = open(Self.otherSupervisor, pending: [ModelsDesk.proposal(by: "zhao.min")])
        state.size = Size(width: 120, height: 30)
        _ = state.reduce(.key(.character("j")))  // the cursor on the challenger, so the champion's row shows its roles
        let grid = Screen.render(state, theme: theme)
        let rows = (1...9).map { y in grid.text(in: Rect(x: 1, y: y, width: 118, height: 1), row: y) }
        let footer = (23...26).map { y in grid.text(in: Rect(x: 1, y: y, width: 118, height: 1), row: y) }
        #expect(rows == ModelsGolden.rows)
        #expect(footer == ModelsGolden.footer)
        // The champion's latest PSI 0.310 is critical: its word in the critical role (0.12 watch, 0.04 stable before it).
        let criticalColumn = 1 + (try #require(rows[2].displayColumn(ofFirst: "critical")))
        #expect(grid[x: criticalColumn, y: 3].style == theme.style("model.psi.critical"))
        #expect(theme.style("model.psi.critical") != theme.style("model.psi.stable"))
        // The champion's `c` is dimmed (not a candidate); `a` is usable for li.wei (zhao.min proposed it).
        let hintY = 26
        let hint = footer[3]
        let cColumn = 1 + (try #require(hint.displayColumn(ofFirst: "c challenger")))
        let aColumn = 1 + (try #require(hint.displayColumn(ofFirst: "a approve")))
        #expect(grid[x: cColumn, y: hintY].style == theme.style("footer.disabled"))
        #expect(grid[x: aColumn, y: hintY].style == theme.style("help.key"))
    }

    @Test("golden: the report overlay draws the ROC curve and the histogram in their theme roles")
    func reportGolden() throws {
        let theme = try Desk.theme()
        var state = open(Desk.supervisor)
        state.size = Size(width: 100, height: 40)
        _ = state.reduce(.modelReportLoaded(StoredModel(summary: ModelsDesk.challenger, card: nil, report: ModelsDesk.report)))
        let grid = Screen.render(state, theme: theme)
        let text = (0..<40).map { y in grid.text(in: Rect(x: 0, y: y, width: 100, height: 1), row: y) }
        #expect(text[1].contains("Validation report — sc-0123456789ab (challenger)"))
        #expect(text[2].contains("sc-0123456789ab · default_12m · challenger"))
        let roc = try #require(text.firstIndex { $0.contains(" 1.0 ┤") })
        let braille = try #require(grid.allCells.first { $0.y == roc && $0.cell.text.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } == true })
        #expect([theme.style("chart.roc"), theme.style("chart.diagonal")].contains(braille.cell.style))
        #expect(text[36].contains("j/k PgDn/PgUp g/G scroll · Esc back · lines 1–34 of"))
    }
}

/// The hand-built registry at 120×30, the cursor on the challenger: the champion's PSI readings 0.04, 0.12, 0.31 on
/// the 0–0.5 scale are ▂▃▅ (0.56, 1.68 and 4.34 of 7 steps, rounded); the challenger's single 0.02 is ▁.
enum ModelsGolden {
    static let rows: [String] = [
        "┌─ Models — 5 versions ───────────────────────────────────────────────────────────── champion default_12m sc-2026.1 ─┐",
        "│Version                            Target          Status     Trained      AUC    KS   PSI Drift    PSI trend       │",
        "│sc-2026.1                          default_12m     champion   2026-11-25     —     — 0.310 critical ▂▃▅             │",
        "│sc-0123456789ab                    default_12m     challenger 2026-11-25 0.742 0.368 0.020 stable   ▁               │",
        "│sc-fedcba987654                    default_12m     candidate  2026-11-25 0.701 0.330     — —                        │",
        "│sc-2025.9                          default_12m     retired    2026-11-25     —     —     — —                        │",
        "│sc-2025.2 (no card)                default_12m     retired    2026-11-25     —     —     — —                        │",
        "│                                                                                                                    │",
        "│                                                                                                                    │",
    ]
    static let footer: [String] = [
        "│────────────────────────────────────────────────────────────────────────────────────────────────────────────────────│",
        "│ Pending: promote sc-0123456789ab to champion, replacing sc-2026.1 · by zhao.min, 2026-11-25 10:46 UTC              │",
        "│   reason: beats the default on the holdout                                                                         │",
        "│ Enter report  c challenger  p promote  b rollback  a approve  w withdraw  j/k move · ? help · Esc close            │",
    ]
}
