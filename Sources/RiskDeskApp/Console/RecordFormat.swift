import Foundation
import RiskCore
import TerminalUI

/// The first line of a recorded lesson (`riskdesk demo --record FILE`): what the file is, its format version, who
/// the demo started as, and whether the market feed runs while it plays.
public struct RecordingHeader: Codable, Hashable, Sendable {
    public var format: String
    public var version: Int
    /// The persona the session started as.
    public var user: String
    /// True to run the demo's feed while the lesson plays (off by default, so the final state is reproducible).
    public var feed: Bool

    public static let formatName = "riskdesk-cmdlog"
    public static let currentVersion = 1

    public init(user: String, feed: Bool = false) {
        format = Self.formatName
        version = Self.currentVersion
        self.user = user
        self.feed = feed
    }
}

/// One recorded command, as VisiData's command log records one: when (seconds since the recording started), who
/// (the persona), where (the pane or view), on what (the selected subject's id: application, alert or margin
/// call), the command (a key, or a `:` command line) and what was typed into the dialog or prompt it opened.
/// A replay selects the subject by id, so it acts on the same row even when rows moved.
public struct RecordedCommand: Codable, Hashable, Sendable {
    public var t: Double
    public var persona: String
    /// `queue`, `profile`, `alerts`, `pricing`, or a view over them: `calls`, `help`, `settings`.
    public var pane: String
    /// The selected application id (queue, profile), alert id (alerts) or call id (calls); nil when none.
    public var subject: String?
    /// One key as a token (`a`, `<Enter>`) or a command line (`:goto APP-000123`).
    public var command: String
    /// The keys that followed while a dialog, prompt or confirmation was open, as tokens.
    public var input: String

    public init(t: Double, persona: String, pane: String, subject: String?, command: String, input: String = "") {
        self.t = t
        self.persona = persona
        self.pane = pane
        self.subject = subject
        self.command = command
        self.input = input
    }

    public static let panes: Set<String> = ["queue", "profile", "alerts", "pricing", "calls", "help", "settings"]
}

/// A recorded lesson, parsed and checked line by line.
public struct CommandScript: Hashable, Sendable {
    public var header: RecordingHeader
    public var commands: [RecordedCommand]
    /// The file's line number of each command (for messages).
    public var lineNumbers: [Int]

    public init(header: RecordingHeader, commands: [RecordedCommand], lineNumbers: [Int]? = nil) {
        self.header = header
        self.commands = commands
        self.lineNumbers = lineNumbers ?? commands.indices.map { $0 + 2 }
    }

    /// Parses a command log: the header on the first line, then one command per line (blank lines skipped).
    public static func parse(_ text: String) throws(CommandScriptError) -> CommandScript {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw CommandScriptError(line: 1, message: "the file is empty: a command log starts with its header line")
        }
        let decoder = JSONDecoder()
        let header: RecordingHeader
        do { header = try decoder.decode(RecordingHeader.self, from: Data(lines[first].utf8)) } catch {
            throw CommandScriptError(line: first + 1, message: "not a riskdesk command log header (expected {\"format\":\"\(RecordingHeader.formatName)\",\"version\":1,…})")
        }
        guard header.format == RecordingHeader.formatName else {
            throw CommandScriptError(line: first + 1, message: "format '\(header.format)' is not \(RecordingHeader.formatName)")
        }
        guard header.version == RecordingHeader.currentVersion else {
            throw CommandScriptError(line: first + 1, message: "format version \(header.version) is not supported (this riskdesk reads version \(RecordingHeader.currentVersion))")
        }
        var commands: [RecordedCommand] = []
        var numbers: [Int] = []
        var lastT = 0.0
        for index in (first + 1)..<lines.count where !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            let number = index + 1
            let command: RecordedCommand
            do { command = try decoder.decode(RecordedCommand.self, from: Data(lines[index].utf8)) } catch {
                throw CommandScriptError(line: number, message: "not a recorded command (a JSON object with t, persona, pane, subject, command, input)")
            }
            guard command.t.isFinite, command.t >= 0, command.t <= 7 * 86_400 else {
                throw CommandScriptError(line: number, message: "t must be seconds from 0 to a week, not \(command.t)")
            }
            guard command.t >= lastT else {
                throw CommandScriptError(line: number, message: "t goes back in time (\(command.t) after \(lastT))")
            }
            guard !command.persona.isEmpty, !command.persona.contains(" ") else {
                throw CommandScriptError(line: number, message: "persona must be one user name")
            }
            guard RecordedCommand.panes.contains(command.pane) else {
                throw CommandScriptError(line: number, message: "unknown pane '\(command.pane)'; one of " + RecordedCommand.panes.sorted().joined(separator: ", "))
            }
            guard !command.command.isEmpty else { throw CommandScriptError(line: number, message: "the command is empty") }
            do throws(KeyTokens.Unreadable) {
                if !command.command.hasPrefix(":") || command.command == ":" { _ = try KeyTokens.keys(from: command.command) }
                _ = try KeyTokens.keys(from: command.input)
            } catch {
                throw CommandScriptError(line: number, message: error.message)
            }
            lastT = command.t
            commands.append(command)
            numbers.append(number)
        }
        return CommandScript(header: header, commands: commands, lineNumbers: numbers)
    }

    /// The file's text: the header, then one command per line.
    public var text: String {
        ([Self.line(header)] + commands.map(Self.line)).joined(separator: "\n") + "\n"
    }

    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

/// A command log that cannot be played, with the line at fault.
public struct CommandScriptError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Keys written as text in a command log: a character stands for itself, a named key is written in angle brackets
/// (`<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<Up>`, `<C-c>`, `<F1>` …) and `<` itself is `<lt>`.
public enum KeyTokens {
    /// A key that cannot be read, with the reason.
    public struct Unreadable: Error, Hashable, Sendable { public var message: String }

    private static let named: [(String, Key)] = [
        ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("S-Tab", .backTab), ("Up", .up), ("Down", .down),
        ("Left", .left), ("Right", .right), ("PgUp", .pageUp), ("PgDn", .pageDown), ("Home", .home), ("End", .end),
        ("BS", .backspace), ("Del", .delete), ("paste", .pasteStart), ("/paste", .pasteEnd), ("lt", .character("<")),
    ]

    /// The token of one key; nil for a key that is not replayed (a resize).
    public static func token(for key: Key) -> String? {
        if let name = named.first(where: { $0.1 == key })?.0 { return "<\(name)>" }
        switch key {
        case let .character(c): return String(c)
        case let .control(c): return "<C-\(c)>"
        case let .function(n): return "<F\(n)>"
        default: return nil
        }
    }

    /// The keys a token string stands for.
    public static func keys(from text: String) throws(Unreadable) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(text)
        while let c = rest.first {
            guard c == "<" else {
                keys.append(.character(c))
                rest = rest.dropFirst()
                continue
            }
            guard let close = rest.firstIndex(of: ">") else {
                throw Unreadable(message: "'<' opens a key name that is never closed (write <lt> for '<')")
            }
            let name = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if let key = named.first(where: { $0.0 == name })?.1 {
                keys.append(key)
            } else if name.hasPrefix("C-"), name.count == 3, let letter = name.last, letter.isLetter {
                keys.append(.control(letter))
            } else if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...24).contains(n) {
                keys.append(.function(n))
            } else {
                throw Unreadable(message: "unknown key <\(PlainText.escaped(String(name.prefix(40))))>")
            }
        }
        return keys
    }
}
