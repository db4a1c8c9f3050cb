import CNCursesW
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, drawn with ncursesw: only changed cells are written, then refreshed once.
///
/// Keep every call on the main thread; ncurses holds global state.
public final class NCursesTerminal: Terminal {
    /// Whether SIGINT, SIGTERM or SIGHUP arrived; the main loop should then shut down and exit.
    public static var interruptRequested: Bool {
        SignalHandling.interruptRequested
    }

    /// Lowers `interruptRequested`, e.g. after asking the user to confirm quitting.
    public static func clearInterruptRequest() {
        SignalHandling.clearInterrupt()
    }

    public private(set) var colorDepth: ColorDepth = .none
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let ownsProcessState: Bool
    private var isActive = true
    private var previousFrame: Grid?
    private var colorPairs = ColorPairAllocator()

    /// Opens the controlling terminal on stdin/stdout.
    ///
    /// Sets the locale from the environment, insists on UTF-8 and a TTY, and never calls `initscr`,
    /// so an unknown `TERM` becomes an error instead of ncurses exiting the process.
    public convenience init() throws(TerminalError) {
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        guard NCursesTerminal.isUTF8(codeset) else {
            throw .notUTF8(codeset)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw .notATerminal
        }
        SignalHandling.saveTerminalModes()
        guard let screen = newterm(nil, cnc_stdout(), cnc_stdin()) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw .unknownTerminal(term)
        }
        self.init(screen: screen, ownsProcessState: true)
        SignalHandling.install()
        Self.setBracketedPaste(true)
    }

    /// Asks the terminal to mark pasted text (`ESC [200~` … `ESC [201~`), so a paste is never taken for typed keys:
    /// a line break inside it is not Enter, and pasted letters outside a text field are not commands.
    private static func setBracketedPaste(_ on: Bool) {
        fputs(on ? "\u{1b}[?2004h" : "\u{1b}[?2004l", cnc_stdout())
        fflush(cnc_stdout())
    }

    /// Opens a terminal of `terminalType` on the given streams without touching signals (headless tests).
    convenience init(terminalType: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>) throws(TerminalError) {
        guard let screen = newterm(terminalType, output, input) else {
            throw .unknownTerminal(terminalType)
        }
        self.init(screen: screen, ownsProcessState: false)
    }

    private init(screen: OpaquePointer, ownsProcessState: Bool) {
        self.screen = screen
        self.ownsProcessState = ownsProcessState
        _ = set_term(screen)
        self.window = cnc_stdscr()
        configure()
    }

    deinit {
        shutdown()
    }

    public var size: Size {
        Size(width: Int(cnc_getmaxx(window)), height: Int(cnc_getmaxy(window)))
    }

    public func present(_ grid: Grid) {
        guard isActive else { return }
        let screenSize = size
        let fullRedraw = previousFrame.map { $0.size != grid.size } ?? true
        if fullRedraw {
            werase(window)
        }
        let rows = min(grid.height, screenSize.height)
        let columns = min(grid.width, screenSize.width)
        for y in 0..<rows {
            guard let span = changedSpan(row: y, in: grid, columns: columns, fullRedraw: fullRedraw) else { continue }
            for x in span where !grid[x: x, y: y].isContinuation {
                write(grid[x: x, y: y], x: x, y: y, columns: columns)
            }
        }
        wrefresh(window)
        previousFrame = grid
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isActive else { return nil }
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        switch result {
        case KEY_CODE_YES:
            let key = NCursesKeyMap.key(forKeyCode: Int32(bitPattern: code))
            if key == .resize {
                previousFrame = nil
            }
            return key
        case OK:
            return NCursesKeyMap.key(forCharacter: UInt32(code))
        default:
            return nil
        }
    }

    public func shutdown() {
        guard isActive else { return }
        isActive = false
        if ownsProcessState { Self.setBracketedPaste(false) }
        endwin()
        delscreen(screen)
        if ownsProcessState {
            SignalHandling.uninstall()
        }
    }

    /// Changes the screen size as if the terminal had been resized (headless tests); queues `.resize`.
    func resize(to newSize: Size) {
        resizeterm(Int32(newSize.height), Int32(newSize.width))
        previousFrame = nil
    }

    /// The text ncurses holds for one screen cell (headless tests).
    func screenCell(x: Int, y: Int) -> (text: String, bold: Bool, pair: Int32)? {
        var buffer = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int32 = 0
        guard cnc_read_cell(window, Int32(y), Int32(x), &buffer, Int32(buffer.count), &attributes, &pair) == OK else {
            return nil
        }
        var text = ""
        for value in buffer.prefix(while: { $0 != 0 }) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) {
                text.unicodeScalars.append(scalar)
            }
        }
        return (text, attributes & cnc_a_bold() != 0, pair)
    }

    // MARK: - Setup

    private func configure() {
        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(25)
        define_key("\u{1b}[200~", NCursesKeyMap.pasteStartCode)
        define_key("\u{1b}[201~", NCursesKeyMap.pasteEndCode)
        var depth = ColorDepth.none
        if has_colors() {
            start_color()
            use_default_colors()
            let colors = cnc_colors()
            depth = colors >= 256 ? .twoFiftySix : (colors >= 8 ? .sixteen : .none)
        }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 {
            depth = .none
        }
        colorDepth = depth
        colorPairs = ColorPairAllocator(colors: Int(cnc_colors()), pairs: Int(cnc_color_pairs()), depth: depth)
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let normalized = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
        return normalized == "UTF8"
    }

    // MARK: - Drawing

    /// The columns of `row` to rewrite, widened so a double-width character is always written whole.
    private func changedSpan(row y: Int, in grid: Grid, columns: Int, fullRedraw: Bool) -> ClosedRange<Int>? {
        guard columns > 0 else { return nil }
        if fullRedraw {
            return 0...(columns - 1)
        }
        guard let previous = previousFrame else { return 0...(columns - 1) }
        var first: Int?
        var last = 0
        for x in 0..<columns where grid[x: x, y: y] != previous[x: x, y: y] {
            if first == nil { first = x }
            last = x
        }
        guard var start = first else { return nil }
        if start > 0, grid[x: start, y: y].isContinuation || previous[x: start, y: y].isContinuation {
            start -= 1
        }
        if last + 1 < columns, grid[x: last, y: y].width == 2 || previous[x: last, y: y].width == 2 {
            last += 1
        }
        return start...last
    }

    private func write(_ cell: Cell, x: Int, y: Int, columns: Int) {
        var text = cell.text.isEmpty ? " " : cell.text
        if cell.width == 2 && x + 1 >= columns {
            text = " "
        }
        var characters = text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var attributes = cnc_a_normal()
        if cell.style.bold { attributes |= cnc_a_bold() }
        if cell.style.underline { attributes |= cnc_a_underline() }
        if cell.style.reverse { attributes |= cnc_a_reverse() }
        if cell.style.dim { attributes |= cnc_a_dim() }
        let pair = colorPairs.pair(for: cell.style)
        var value = cchar_t()
        _ = cnc_setcchar(&value, characters, attributes, pair)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &value)
    }
}
