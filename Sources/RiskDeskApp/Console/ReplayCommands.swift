import Foundation
import RiskCore
import TerminalUI

/// A recorded line that could not be replayed: which, and why (the subject is gone, the persona does not exist…).
public struct ReplayFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "cannot replay line \(line): \(message)" }
}

/// A lesson playing in the live console: the next command and when it is due.
struct Playback {
    var script: CommandScript
    /// 1 plays at the recorded pace, 2 twice as fast; 0 as fast as the console settles.
    var speed: Double
    var next = 0
    var due: Date

    /// The wait before the command after `index`, at this speed.
    func wait(after index: Int) -> TimeInterval {
        guard speed > 0, script.commands.indices.contains(index + 1) else { return 0 }
        return max(0, script.commands[index + 1].t - script.commands[index].t) / speed
    }
}

extension DeskRuntime {
    /// Replays a whole script now, each key settled before the next (tests, and `--play` at any speed in the loop).
    /// Stops at the first line that cannot be replayed and returns why.
    @discardableResult
    public func play(_ script: CommandScript) -> ReplayFailure? {
        for index in script.commands.indices {
            do throws(ReplayFailure) { try replay(script.commands[index], line: script.lineNumbers[index]) } catch { return error }
        }
        return nil
    }

    /// Starts playing `script` in the live loop (`run()`): waits as recorded divided by `speed`; Esc stops it.
    public func startPlayback(_ script: CommandScript, speed: Double) {
        playback = Playback(script: script, speed: speed, due: Date())
        send(.info("playing \(script.commands.count) recorded commands (Esc stops)"))
    }

    /// One turn of the live loop while a lesson plays: Esc stops it, Ctrl-C quits; the next command runs when due.
    func stepPlayback() {
        if let key = terminal.readKey(timeoutMilliseconds: 10) {
            if key == .control("c") { send(.key(key)); return }
            if key == .escape, let p = playback {
                playback = nil
                send(.info("playback stopped before command \(p.next + 1) of \(p.script.commands.count)"))
                redraw()
                return
            }
        }
        deliverResults()
        guard var p = playback else { return }
        guard Date() >= p.due else {
            send(.tick(Date()))
            redraw()
            return
        }
        let index = p.next
        do throws(ReplayFailure) {
            try replay(p.script.commands[index], line: p.script.lineNumbers[index])
        } catch {
            playback = nil
            send(.failed(error.description))
            redraw()
            return
        }
        p.next += 1
        p.due = Date().addingTimeInterval(p.wait(after: index))
        if p.next >= p.script.commands.count {
            playback = nil
            send(.info("playback finished: \(p.script.commands.count) commands replayed"))
        } else {
            playback = p
        }
        redraw()
    }

    /// Replays one command: the persona, the subject selected by id (not by position), the pane, then the keys.
    func replay(_ command: RecordedCommand, line: Int) throws(ReplayFailure) {
        func fail(_ message: String) -> ReplayFailure { ReplayFailure(line: line, message: message) }
        if state.user.name != command.persona {
            typeCommandLine("as " + command.persona)
            guard state.user.name == command.persona else { throw fail("cannot act as \(command.persona): \(state.status?.text ?? "no such user")") }
        }
        try select(command, fail: fail)
        let keys: [Key]
        do throws(KeyTokens.Unreadable) {
            if command.command.hasPrefix(":") && command.command.count > 1 {
                typeCommandLine(String(command.command.dropFirst()))
                keys = try KeyTokens.keys(from: command.input)
            } else {
                keys = try KeyTokens.keys(from: command.command + command.input)
            }
        } catch {
            throw fail(error.message)
        }
        for key in keys { press(key) }
    }

    /// Selects the recorded subject by its id in its own pane, then focuses the recorded pane.
    private func select(_ command: RecordedCommand, fail: (String) -> ReplayFailure) throws(ReplayFailure) {
        switch command.pane {
        case "calls":
            guard let view = state.callsOverlay else { throw fail("the :calls view is not open") }
            guard let subject = command.subject else { return }
            guard let index = view.lines.firstIndex(where: { $0.open.call.id.map(String.init) == subject }) else {
                throw fail("margin call \(subject) is no longer live")
            }
            step(to: index, from: view.selected)
        case "help":
            guard state.showsHelp else { throw fail("the help is not open") }
        case "settings":
            guard state.settingsOverlay != nil else { throw fail("the :settings view is not open") }
        default:
            guard CommandRecorder.isAtTop(state) else { throw fail("a view is open over the panes where the recording had none") }
            if let subject = command.subject {
                do throws(ReplayFailure) {
                    if command.pane == "alerts" {
                        try selectAlert(subject, fail: fail)
                    } else {
                        try selectApplication(subject, fail: fail)
                    }
                } catch {
                    // A key acts on the selection; most command lines do not (they name what they act on), so their
                    // subject is selected when it can be and its absence is no reason to stop.
                    if Self.needsSubject(command.command) { throw error }
                }
            }
            let pane = Pane.allCases.first { CommandRecorder.paneName($0) == command.pane } ?? .queue
            if state.focus != pane { press(.character(Character(String(pane.rawValue + 1)))) }
        }
    }

    /// True unless the command is a `:` command line that does not act on the selection (`:assign` does).
    static func needsSubject(_ command: String) -> Bool {
        !command.hasPrefix(":") || command == ":" || command.hasPrefix(":assign")
    }

    private func selectApplication(_ id: String, fail: (String) -> ReplayFailure) throws(ReplayFailure) {
        guard state.queue.selectedRow?.application.id != id else { return }
        if state.focus != .queue { press(.character("1")) }
        if let index = state.queue.rows.firstIndex(where: { $0.application.id == id }) {
            step(to: index, from: state.queue.selected)
        } else {
            typeCommandLine("goto " + id)
        }
        guard state.queue.selectedRow?.application.id == id else { throw fail("application \(id) is not in the queue") }
    }

    private func selectAlert(_ id: String, fail: (String) -> ReplayFailure) throws(ReplayFailure) {
        guard state.alerts.selectedAlert.map({ String($0.id) }) != id else { return }
        if state.focus != .alerts { press(.character("3")) }
        if !state.alerts.rows.contains(where: { String($0.alert.id) == id }) {
            // Not on this page (alerts came and went since the recording): page through from the top, as a person would.
            press(.character("g"))
            while !state.alerts.rows.contains(where: { String($0.alert.id) == id }) {
                let first = state.alerts.rows.first?.alert.id
                press(.pageDown)
                if state.alerts.rows.first?.alert.id == first { break }
            }
        }
        guard let index = state.alerts.rows.firstIndex(where: { String($0.alert.id) == id }) else {
            throw fail("alert \(id) is not open any more (resolved or cleared), or the alerts filter hides it")
        }
        step(to: index, from: state.alerts.selected)
        guard state.alerts.selectedAlert.map({ String($0.id) }) == id else { throw fail("alert \(id) could not be selected") }
    }

    /// Moves the cursor with j/k, as a person would, from row `from` to row `index` of the window.
    private func step(to index: Int, from: Int) {
        let key: Key = index > from ? .character("j") : .character("k")
        for _ in 0..<abs(index - from) { press(key) }
    }

    /// Types `:` + `text` + Enter.
    private func typeCommandLine(_ text: String) {
        press(.character(":"))
        for c in text { press(.character(c)) }
        press(.enter)
    }
}
