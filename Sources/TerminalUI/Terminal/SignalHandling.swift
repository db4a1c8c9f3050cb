#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Set from signal handlers, read by the main loop: the only state a handler touches besides termios.
private let interruptFlag = Atomic<Bool>(false)
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var hasSavedTermios = false

private let interruptSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
private let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGTRAP, SIGFPE]

/// Installs async-signal-safe handlers: interrupts only raise a flag, crashes restore the terminal first.
enum SignalHandling {
    /// Whether SIGINT, SIGTERM or SIGHUP arrived since the handlers were installed or the flag was cleared.
    static var interruptRequested: Bool {
        interruptFlag.load(ordering: .acquiring)
    }

    /// Lowers the interrupt flag.
    static func clearInterrupt() {
        interruptFlag.store(false, ordering: .releasing)
    }

    /// Remembers the terminal modes of standard input so a crash can put them back.
    static func saveTerminalModes() {
        var modes = termios()
        if tcgetattr(STDIN_FILENO, &modes) == 0 {
            savedTermios = modes
            hasSavedTermios = true
        }
    }

    /// Installs the interrupt and crash handlers.
    static func install() {
        // Touch the globals here so no lazy initialisation can happen inside a handler.
        clearInterrupt()
        _ = hasSavedTermios
        for sig in interruptSignals {
            signal(sig, interruptHandler)
        }
        for sig in crashSignals {
            signal(sig, crashHandler)
        }
    }

    /// Puts the default dispositions back.
    static func uninstall() {
        for sig in interruptSignals + crashSignals {
            signal(sig, SIG_DFL)
        }
    }
}

private let interruptHandler: @convention(c) (Int32) -> Void = { _ in
    interruptFlag.store(true, ordering: .releasing)
}

private let crashHandler: @convention(c) (Int32) -> Void = { sig in
    if hasSavedTermios {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios)
    }
    // Leave the alternate screen, turn bracketed paste off (a plain shell would show its markers) and show the cursor.
    let reset: StaticString = "\u{1b}[?1049l\u{1b}[?2004l\u{1b}[?25h\r\n"
    reset.withUTF8Buffer { buffer in
        _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
