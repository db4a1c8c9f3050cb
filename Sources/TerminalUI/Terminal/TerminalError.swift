/// Why the real terminal could not be opened, phrased for the person at the keyboard.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    /// Standard input or output is not a TTY (a pipe, a file, CI).
    case notATerminal
    /// The locale's codeset is not UTF-8, so wide characters would be garbled.
    case notUTF8(String)
    /// ncurses does not know the `TERM` type.
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "riskdesk needs an interactive terminal: stdin/stdout is not a TTY"
        case .notUTF8(let codeset):
            return "riskdesk needs a UTF-8 locale (current codeset: \(codeset)); try LANG=C.UTF-8"
        case .unknownTerminal(let term):
            return "unknown terminal type '\(term)'"
        }
    }
}
