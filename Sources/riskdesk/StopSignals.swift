import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let stopRequested = Atomic<Bool>(false)
private let stopHandler: @convention(c) (Int32) -> Void = { _ in stopRequested.store(true, ordering: .releasing) }

/// Ctrl-C and SIGTERM as a request to stop a long command (the feed, a seed) between two of its steps: the handler
/// only sets a flag the command polls, so it never stops in the middle of a transaction.
enum StopSignals {
    /// Clears the request and routes SIGINT and SIGTERM to it.
    static func install() {
        stopRequested.store(false, ordering: .releasing)
        signal(SIGINT, stopHandler)
        signal(SIGTERM, stopHandler)
    }

    /// Puts back the default handlers.
    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// True once Ctrl-C or SIGTERM arrived after `install()`.
    static var isRequested: Bool { stopRequested.load(ordering: .acquiring) }
}
