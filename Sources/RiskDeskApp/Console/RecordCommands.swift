import Foundation
import RiskCore
import TerminalUI

/// Records a console session as replayable commands (`riskdesk demo --record FILE`), one line per command: a key
/// pressed with nothing open starts a line with the persona, pane and selected subject it acts on; keys typed into
/// the dialog, prompt or confirmation it opened (or held while its effect ran) join that line's input. Quitting is
/// not recorded, so a replay leaves the console open.
public final class CommandRecorder {
    private let write: (String) -> Void
    private let clock: () -> Date
    private let started: Date
    private var current: RecordedCommand?
    /// Every command written so far (tests read them back).
    public private(set) var written: [RecordedCommand] = []

    /// A recorder that hands each line (without its newline) to `write`, the header first.
    public init(header: RecordingHeader, clock: @escaping () -> Date = Date.init, write: @escaping (String) -> Void) {
        self.write = write
        self.clock = clock
        self.started = clock()
        write(CommandScript.line(header))
    }

    /// A recorder writing to a new file at `path` (an existing file is replaced), each line flushed as written.
    public static func file(at path: String, header: RecordingHeader) throws(ConsoleFailure) -> CommandRecorder {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ConsoleFailure(kind: .usage, description: "cannot write the recording to \(path)")
        }
        return CommandRecorder(header: header) { line in handle.write(Data((line + "\n").utf8)) }
    }

    /// Takes one key with the state it is about to act on.
    public func record(_ key: Key, state: AppState, keyMap: KeyMap) {
        // Ctrl-C quits wherever it is pressed: never part of a lesson.
        guard key != .resize, key != .control("c"), let token = KeyTokens.token(for: key) else { return }
        if Self.continuesCommand(state) {
            current?.input += token
            return
        }
        flush()
        if Self.isAtTop(state), keyMap.command(for: key, in: state.focus) == .quit { return }
        current = RecordedCommand(t: max(0, (clock().timeIntervalSince(started) * 1000).rounded() / 1000), persona: state.user.name,
                                  pane: Self.pane(of: state), subject: Self.subject(of: state), command: token)
    }

    /// Writes the command in progress (call when the session ends).
    public func finish() { flush() }

    private func flush() {
        guard var command = current.take() else { return }
        // `:` then a plain command line and Enter is written as the command line itself (`:goto APP-000123`).
        if command.command == ":", let enter = command.input.range(of: "<Enter>") {
            let line = String(command.input[..<enter.lowerBound])
            if !line.contains("<") && !line.contains(">") {
                command.command = ":" + line
                command.input = String(command.input[enter.upperBound...])
            }
        }
        written.append(command)
        write(CommandScript.line(command))
    }

    /// True when a key belongs to the command before it: a text field, dialog or confirmation is open, or the key
    /// waits behind that command's effect.
    static func continuesCommand(_ state: AppState) -> Bool {
        state.prompt != nil || state.dialog != nil || state.alertDialog != nil || state.confirmsReset || state.live.isHoldingKeys
    }

    /// True when no view is drawn over the panes.
    static func isAtTop(_ state: AppState) -> Bool {
        state.callsOverlay == nil && !state.showsHelp && state.settingsOverlay == nil
    }

    static func pane(of state: AppState) -> String {
        if state.showsHelp { return "help" }
        if state.settingsOverlay != nil { return "settings" }
        if state.callsOverlay != nil { return "calls" }
        return paneName(state.focus)
    }

    static func paneName(_ pane: Pane) -> String {
        switch pane {
        case .queue: "queue"
        case .profile: "profile"
        case .alerts: "alerts"
        case .pricing: "pricing"
        }
    }

    static func subject(of state: AppState) -> String? {
        switch pane(of: state) {
        case "calls": state.callsOverlay.flatMap { $0.lines[safe: $0.selected]?.open.call.id }.map { String($0) }
        case "queue", "profile": state.queue.selectedRow?.application.id
        case "alerts": state.alerts.selectedAlert.map { String($0.id) }
        default: nil
        }
    }
}
