import Foundation
import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

/// A decision the store refuses or fails keeps its dialog, typed note and fields, with the message inside.
@Suite("A failed decision keeps its dialog")
struct DialogFailureTests {
    @Test("pure: a refusal after Enter keeps the dialog and the note, shows the message in it and in the status line; Esc closes")
    func refusalKeepsDialog() throws {
        var state = Desk.state(Desk.officer)
        state.dialog = DecisionDialog(kind: .escalate, row: Desk.row())
        for c in "client disputes the haircut" { _ = state.reduce(.key(.character(c))) }
        let effects = state.reduce(.key(.enter))
        #expect(effects == [.decide(DecisionRequest(applicationID: "APP-000101", kind: .escalate, actor: "wang.fang",
                                                    note: "client disputes the haircut", expectedVersion: 3))])
        let message = "APP-000101 changed since you opened it (version 3, now 4): reload and decide again"
        #expect(state.reduce(.decisionFailed(message)) == [.loadQueue(.reload)])
        // The runtime reports the decision finished after its result; only then does a new Enter act (keys wait
        // while a decision is being saved).
        #expect(state.reduce(.finished(effects[0])) == [])
        let dialog = try #require(state.dialog, "the dialog stays open")
        #expect(dialog.kind == .escalate)
        #expect(dialog.fields[0].input.text == "client disputes the haircut")
        #expect(dialog.failure == message)
        #expect(state.status == StatusMessage(text: message, isError: true))

        let grid = Screen.render(state, theme: try Desk.theme())
        let rows = grid.text().components(separatedBy: "\n")
        let failureRow = try #require(rows.firstIndex { $0.contains("✗ APP-000101 changed since you opened it") }, "\(grid.text())")
        let titleRow = try #require(rows.firstIndex { $0.contains("Escalate APP-000101") })
        let noteRow = try #require(rows.firstIndex { $0.contains("Note:") && $0.contains("client disputes the haircut") })
        #expect(titleRow < failureRow && failureRow < noteRow, "the message sits inside the dialog, above the kept note")

        // Enter again retries (the message goes until the answer comes back); Esc still closes.
        let retry = state.reduce(.key(.enter))
        #expect(retry.count == 1)
        #expect(state.dialog?.failure == nil)
        // Esc pressed while the retry is being saved waits for its answer, then closes.
        _ = state.reduce(.key(.escape))
        #expect(state.dialog != nil, "held while saving")
        _ = state.reduce(.decisionFailed(message))
        _ = state.reduce(.finished(retry[0]))
        #expect(state.dialog == nil)
    }

    @Test("pure: a result that comes back after the dialog was closed opens nothing")
    func failureAfterEscape() {
        var state = Desk.state(Desk.officer)
        _ = state.reduce(.decisionFailed("database is locked"))
        #expect(state.dialog == nil)
        #expect(state.status?.text == "database is locked")
    }

    @Test("another console decides between opening and Enter: the dialog stays with the typed note and says so")
    func staleVersionKeepsTypedNote() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let row = try desk.freeManualReviewRow { $0 <= Money(yuan: 1_000_000) }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("e"))
        #expect(desk.state.dialog?.kind == .escalate)
        desk.type("needs a second look at the pledge")

        let other = try RiskStore.open(at: desk.path)
        try other.releaseClaim(id, by: "david.lin", at: desk.now)
        let current = try #require(try other.application(id))
        try other.apply(DecisionRequest(applicationID: id, kind: .requestInfo, actor: "david.lin", note: "payslips",
                                        expectedVersion: current.version), at: desk.now)
        let audit = try desk.auditCount()

        desk.press(.enter)
        let dialog = try #require(desk.state.dialog, "the dialog stays open")
        #expect(dialog.fields[0].input.text == "needs a second look at the pledge")
        #expect(dialog.failure?.contains("changed since you opened it") == true)
        #expect(desk.statusLine.contains("changed since you opened it"), "status: \(desk.statusLine)")
        #expect(desk.screen.contains("✗ \(id) changed since you opened it"))
        #expect(try desk.auditCount() == audit, "nothing from this console is written")
        #expect(try desk.store.application(id)?.stage == .infoRequested)
        desk.press(.escape)
        #expect(desk.state.dialog == nil)
    }
}

/// Text entry is linear and bounded: a paste is cut at the note limit, and a burst of keys is drawn once.
@Suite("Pasting into a note")
struct NotePasteTests {
    @Test("a paste longer than the note limit is cut to 2,000 characters, the field says so, and the note is stored whole")
    func pasteIsCut() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let id = try desk.freeManualReviewRow { _ in true }.application.id
        desk.goTo(id)
        desk.press(.character("n"))
        #expect(desk.state.dialog?.kind == .note)
        let pattern = Array("abcdefghij")
        let keys = (0..<4_000).map { Key.character(pattern[$0 % pattern.count]) }
        desk.terminal.enqueue(Array(keys.dropFirst()))
        let frames = desk.terminal.presentCount
        #expect(desk.runtime.pressBurst(startingWith: keys[0]) == 4_000)
        #expect(desk.terminal.presentCount == frames + 1, "one frame for the whole burst")
        let field = try #require(desk.state.dialog?.fields.first)
        #expect(field.input.count == Note.maximumLength)
        #expect(field.error == "note limit 2,000 characters reached")
        #expect(desk.screen.contains("note limit 2,000 characters reached"))

        desk.press(.enter)
        #expect(desk.state.dialog == nil)
        let note = try #require(try desk.store.decisions(for: id).last)
        #expect(note.note.count == 2_000)
        #expect(note.note.hasPrefix("abcdefghijabcdefghij"))
    }

    @Test("a line break inside a paste is a space, not Enter: the note stays open and nothing spills onto the queue")
    func pastedLineBreak() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let id = try desk.freeManualReviewRow { _ in true }.application.id
        desk.goTo(id)
        desk.press(.character("n"))
        let audit = try desk.auditCount()
        // "check the pledge⏎and approve⏎later" pasted: the terminal brackets it with paste markers.
        func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }
        var keys: [Key] = [.pasteStart] + typed("check the pledge")
        keys += [.enter] + typed("and approve")
        keys += [.enter] + typed("later") + [.pasteEnd]
        desk.terminal.enqueue(Array(keys.dropFirst()))
        desk.runtime.pressBurst(startingWith: keys[0])
        #expect(desk.state.dialog?.kind == .note, "the note is still being written")
        #expect(desk.state.dialog?.fields.first?.input.text == "check the pledge and approve later")
        #expect(try desk.auditCount() == audit, "nothing submitted, nothing claimed")
        // An Enter on its own confirms, as typed.
        desk.press(.enter)
        #expect(desk.state.dialog == nil)
        #expect(try desk.store.decisions(for: id).last?.note == "check the pledge and approve later")

        // The same paste into the filter line: one filter, not a filter and then keys on the queue.
        desk.press(.character("/"))
        let filterKeys: [Key] = [.pasteStart] + typed("ab") + [.enter] + typed("c") + [.pasteEnd]
        desk.terminal.enqueue(Array(filterKeys.dropFirst()))
        desk.runtime.pressBurst(startingWith: filterKeys[0])
        #expect(desk.state.prompt?.field.text == "ab c")
        #expect(desk.state.dialog == nil)
    }

    @Test("typed keys keep their meaning however fast they come: an Enter right behind typed text submits it")
    func fastTypedEnterSubmits() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let id = try desk.freeManualReviewRow { _ in true }.application.id
        // `:goto ID⏎` then `/ab⏎2` typed faster than the console draws: every key arrives in one burst, no paste markers.
        let command: [Key] = ":goto \(id)".map { Key.character($0) } + [.enter]
        let filter: [Key] = "/\(id)".map { Key.character($0) } + [.enter, .character("2")]
        let keys = command + filter
        desk.terminal.enqueue(Array(keys.dropFirst()))
        desk.runtime.pressBurst(startingWith: keys[0])
        #expect(desk.state.prompt == nil, "both Enters submitted their lines")
        #expect(desk.state.queue.filter.text == id)
        #expect(desk.state.queue.selectedRow?.application.id == id)
        #expect(desk.state.focus == .profile, "the 2 after the last Enter focused the profile")
    }

    @Test("pasted text with no text field focused is ignored and said so: pasted letters never approve or reject")
    func pasteOnTheQueueIsIgnored() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let audit = try desk.auditCount()
        let keys: [Key] = [.pasteStart] + "axq".map { Key.character($0) } + [.enter, .pasteEnd]
        desk.terminal.enqueue(Array(keys.dropFirst()))
        desk.runtime.pressBurst(startingWith: keys[0])
        #expect(desk.state.dialog == nil, "no approve or reject dialog opened")
        #expect(!desk.state.shouldQuit, "the pasted q did not quit")
        #expect(desk.state.status?.text.hasPrefix("a paste of 4 characters was ignored") == true, "\(String(describing: desk.state.status))")
        #expect(try desk.auditCount() == audit, "nothing claimed")
        // After the paste, keys are commands again.
        desk.press(.character("2"))
        #expect(desk.state.focus == .profile)
    }

    @Test("the main loop drains a paste before drawing: 3,000 keys, Esc and q make one frame")
    func runDrainsBurst() throws {
        let desk = try DeskHarness(user: "zhao.min")
        desk.press(.character("n"))
        #expect(desk.state.dialog?.kind == .note)
        let frames = desk.terminal.presentCount
        desk.terminal.enqueue((0..<3_000).map { _ in Key.character("x") } + [.escape, .character("q")])
        desk.runtime.run()
        #expect(desk.state.shouldQuit)
        #expect(desk.state.dialog == nil, "Esc in the burst closed the dialog")
        #expect(desk.terminal.pendingKeyCount == 0)
        #expect(desk.terminal.presentCount == frames + 1)
    }
}

/// The alerts pane pages by keyset through every open alert, whatever their number.
@Suite("Alerts pane paging")
struct AlertsPanePagingTests {
    /// Adds 700 open info alerts (older than the sample's), so the pane has well over 500.
    static func addAlerts(_ desk: DeskHarness) throws -> [Int64] {
        try desk.store.write { db in
            for i in 0..<700 {
                try db.execute(sql: """
                    INSERT INTO alerts (rule, severity, subject, message, dedupe_key, state, opened_at)
                    VALUES ('margin.warning', 'info', ?, 'generated for paging', ?, 'open', ?)
                    """, arguments: ["account:T\(i)", "paging-\(i)", sampleAsOf.timeIntervalSince1970 - 90 * 86_400 + Double(i / 3)])
            }
        }
        desk.runtime.send(.storeChanged)
        desk.runtime.settle()
        return try desk.store.openAlerts(limit: 100_000).map(\.id)
    }

    @Test("G reaches the last of more than 500 alerts; g returns to the first; the title counts every alert")
    func bottomReachesLast() throws {
        let desk = try DeskHarness()
        let expected = try Self.addAlerts(desk)
        #expect(expected.count > 1_000)
        desk.press(.character("3"), .character("G"))
        #expect(desk.state.alerts.selectedAlert?.id == expected.last)
        #expect(desk.state.alerts.position + desk.state.alerts.selected == expected.count - 1)
        let counts = try desk.store.openAlertCounts()
        #expect(desk.screen.contains("\(counts[.critical] ?? 0) crit · \(counts[.warning] ?? 0) warn · \(counts[.info] ?? 0) info"))
        #expect(counts.values.reduce(0, +) == expected.count)
        desk.press(.character("j"))
        #expect(desk.state.alerts.selectedAlert?.id == expected.last, "j at the last alert stays there")
        desk.press(.character("g"))
        #expect(desk.state.alerts.selectedAlert?.id == expected.first)
        #expect(desk.state.alerts.position == 0)
    }

    @Test("j and PgDn cross the window's edge seamlessly; k and PgUp come back the same way")
    func seamlessPaging() throws {
        let desk = try DeskHarness()
        let expected = try Self.addAlerts(desk)
        desk.press(.character("3"))
        let size = desk.state.alerts.pageSize
        #expect(desk.state.alerts.rows.count == size)
        var seen: [Int64] = []
        for _ in 0..<(size + 5) {
            seen.append(try #require(desk.state.alerts.selectedAlert?.id))
            desk.press(.character("j"))
        }
        #expect(seen == Array(expected.prefix(size + 5)))
        let selected = desk.state.alerts.position + desk.state.alerts.selected
        #expect(selected == size + 5)
        desk.press(.pageDown)
        #expect(desk.state.alerts.rows.map(\.alert.id) == Array(expected[(size + 6)..<(2 * size + 6)]))
        desk.press(.pageUp)
        #expect(desk.state.alerts.rows.map(\.alert.id) == Array(expected[6..<(size + 6)]))
        for _ in 0..<(size + 5) { desk.press(.character("k")) }
        #expect(desk.state.alerts.position == 0)
        #expect(desk.state.alerts.selectedAlert?.id == expected[0])
        // Deep down the list, far past the old 500-alert cut: PgDn keeps going to the end.
        for _ in 0..<(expected.count / size + 2) { desk.press(.pageDown) }
        #expect(desk.state.alerts.rows.last?.alert.id == expected.last)
    }
}
