import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RiskCore
import RiskStore
import Testing

/// Where `tmux` is, if it is on PATH.
private let tmuxPath: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

private let binaryExists = FileManager.default.isExecutableFile(atPath: Repo.binary)

/// Runs a program to completion and returns its exit status and standard output (stderr appended).
///
/// Foundation's `Process` is not used for tmux: its child inherits a socket that Foundation watches
/// to learn that the child ended, and the tmux server daemon forked from `new-session` keeps it open,
/// so the call never returns. `posix_spawn` with every descriptor above 2 closed avoids that.
@discardableResult
private func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("rdtest-out-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? Array(3..<256)
    for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }

    let env = environment ?? ProcessInfo.processInfo.environment
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard rc == 0 else { throw SpawnFailure(message: "posix_spawn \(executable): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exited = (status & 0x7f) == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
}

private struct SpawnFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

private func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// A private tmux server (its own socket) running one 120×40 session.
private final class TmuxSession {
    let tmux: String
    let socket = "rdtest-\(UUID().uuidString.prefix(8))"
    var environment: [String: String]

    init(tmux: String, command: String) throws {
        self.tmux = tmux
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        env.removeValue(forKey: "NO_COLOR")
        environment = env
        let started = try run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command],
                              environment: env)
        guard started.status == 0 else { throw TmuxFailure(message: "tmux new-session failed: \(started.output)") }
    }

    struct TmuxFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    func capture(joined: Bool = false) -> String {
        (try? run(tmux, ["-L", socket, "capture-pane", "-p"] + (joined ? ["-J", "-S", "-200"] : []), environment: environment).output) ?? ""
    }

    func send(_ keys: String...) throws {
        try run(tmux, ["-L", socket, "send-keys"] + keys, environment: environment)
    }

    func sendLiteral(_ text: String) throws {
        try run(tmux, ["-L", socket, "send-keys", "-l", text], environment: environment)
    }

    /// Polls the pane until `predicate` holds or `seconds` pass; returns the last capture.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 10, joined: Bool = false,
                 _ predicate: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = capture(joined: joined)
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            usleep(100_000)
            screen = capture(joined: joined)
        }
        return (true, screen)
    }

    func waitFor(text: String, seconds: Double = 10) -> (ok: Bool, screen: String) {
        waitFor(text, seconds: seconds) { $0.contains(text) }
    }

    /// Kills the server (and so the pane); falls back to signalling the server and pane processes by id.
    func kill() {
        let pids = (try? run(tmux, ["-L", socket, "display-message", "-p", "#{pid} #{pane_pid}"], environment: environment).output) ?? ""
        _ = try? run(tmux, ["-L", socket, "kill-server"], environment: environment)
        for pid in pids.split(whereSeparator: \.isWhitespace).compactMap({ pid_t($0) }) where Glibc.kill(pid, 0) == 0 {
            _ = Glibc.kill(pid, SIGTERM)
        }
        let socketPath = "/tmp/tmux-\(getuid())/\(socket)"
        try? FileManager.default.removeItem(atPath: socketPath)
    }
}

@Suite("The real binary in tmux", .serialized,
       .enabled(if: tmuxPath != nil, "tmux is not on PATH: install tmux to run the end-to-end console test"),
       .enabled(if: binaryExists, "no debug binary at .build/debug/riskdesk: run `swift build` first"))
struct TmuxEndToEndTests {
    @Test("approve and reject through the dialogs, quit; audit tail and verify agree; the terminal is left sane",
          .timeLimit(.minutes(1)))
    func approveRejectQuit() throws {
        let tmux = try #require(tmuxPath)
        let dir = try ScratchDir()
        defer { dir.remove() }
        let db = try dir.sampleCopy(named: "e2e.sqlite")

        // Pick the first application a supervisor can approve alone (≤ ¥1,000,000, no four eyes) and the one after it.
        let now = Date()
        let (approveID, rejectID): (String, String) = try {
            let store = try RiskStore.open(at: db)
            let queue = try store.approvalQueue(limit: 5_000).rows
            let index = try #require(queue.firstIndex { row in
                row.application.stage == .manualReview && row.application.requestedLine <= Money(yuan: 1_000_000)
                    && row.application.claimHolder(at: now.addingTimeInterval(120)) == nil
            })
            let next = try #require(queue.indices.contains(index + 1) ? queue[index + 1] : nil)
            #expect(next.application.claimHolder(at: now.addingTimeInterval(120)) == nil, "the next row must be free")
            return (queue[index].application.id, next.application.id)
        }()

        let console = [Repo.binary, "--db", db, "--user", "zhao.min"].map(shellQuote).joined(separator: " ")
        let command = "sh -c \(shellQuote("\(console); echo \"riskdesk-exit=$?\"; stty -a; sleep 60"))"
        let session = try TmuxSession(tmux: tmux, command: command)
        defer { session.kill() }

        var step = session.waitFor(text: "Approval queue")
        try #require(step.ok, "the console did not show the queue within 10 s:\n\(step.screen)")
        #expect(step.screen.contains("TRAINING DATA"))
        #expect(step.screen.contains("zhao.min (supervisor)"))

        try session.sendLiteral(":goto \(approveID)")
        try session.send("Enter")
        step = session.waitFor(text: "\(approveID) (manual review)")
        try #require(step.ok, ":goto did not select \(approveID):\n\(step.screen)")

        try session.sendLiteral("a")
        step = session.waitFor(text: "Approve \(approveID)")
        try #require(step.ok, "no approve dialog:\n\(step.screen)")
        #expect(step.screen.contains("approve ¥"))
        #expect(step.screen.contains("%/yr"))
        try session.send("Enter")
        step = session.waitFor(text: "\(approveID): approved")
        try #require(step.ok, "no approval in the status line:\n\(step.screen)")

        // The selection moved on to the next application in priority order: reject it with R02.
        try session.sendLiteral("x")
        step = session.waitFor(text: "Reject \(rejectID)")
        try #require(step.ok, "no reject dialog for \(rejectID):\n\(step.screen)")
        try session.sendLiteral("j")
        step = session.waitFor(text: "▸ R02")
        try #require(step.ok, "j did not move to R02:\n\(step.screen)")
        try session.send("Enter")
        step = session.waitFor(text: "\(rejectID): rejected: R02")
        try #require(step.ok, "no rejection in the status line:\n\(step.screen)")

        try session.sendLiteral("q")
        step = session.waitFor("the program exits and stty -a runs", seconds: 10, joined: true) {
            $0.contains("riskdesk-exit=") && $0.contains("icanon")
        }
        try #require(step.ok, "riskdesk did not exit on q:\n\(step.screen)")
        #expect(step.screen.contains("riskdesk-exit=0"), "exit status:\n\(step.screen)")
        let words = Set(step.screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("echo") && !words.contains("-echo"), "echo is off after exit:\n\(step.screen)")
        #expect(words.contains("icanon") && !words.contains("-icanon"), "icanon is off after exit:\n\(step.screen)")
        session.kill()

        // The CLI twin sees both decisions and their audit entries.
        let tail = try run(Repo.binary, ["audit", "tail", "--db", db, "-n", "5", "--json"])
        #expect(tail.status == 0, "audit tail: \(tail.output)")
        let entries = tail.output.split(separator: "\n").compactMap { line -> [String: Any]? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(entries.count == 5, "audit tail output:\n\(tail.output)")
        let approve = entries.first { $0["action"] as? String == "decision.approve" }
        let reject = entries.first { $0["action"] as? String == "decision.reject" }
        #expect(approve?["subject"] as? String == "application:\(approveID)", "approve entry: \(String(describing: approve))")
        #expect(approve?["actor"] as? String == "zhao.min")
        #expect((approve?["after"] as? [String: Any])?["stage"] as? String == "compliance")
        #expect(reject?["subject"] as? String == "application:\(rejectID)", "reject entry: \(String(describing: reject))")
        #expect((reject?["after"] as? [String: Any])?["reason_code"] as? String == "R02")
        #expect(entries.filter { $0["action"] as? String == "application.claim" }.count == 2, "opening each dialog claimed it")
        let order = entries.compactMap { $0["action"] as? String }
        #expect(order.suffix(4) == ["application.claim", "decision.approve", "application.claim", "decision.reject"], "order: \(order)")

        let verify = try run(Repo.binary, ["audit", "verify", "--db", db])
        #expect(verify.status == 0, "audit verify: \(verify.output)")
        #expect(verify.output.hasPrefix("ok:"), "audit verify: \(verify.output)")

        // And the store agrees.
        let store = try RiskStore.open(at: db, readOnly: true)
        #expect(try store.application(approveID)?.stage == .compliance)
        #expect(try store.application(rejectID)?.stage == .rejected)
    }
}

extension TmuxEndToEndTests {
    /// Issue 7's two-process test: `riskdesk feed` writes several times a second while a supervisor's console is
    /// open. With no key pressed the console shows a critical alert the feed raised (marked ● until seen); keys typed
    /// while the feed keeps writing are all handled, in order (a command line and a filter typed letter by letter —
    /// one lost or reordered key would leave another application selected); `audit verify` passes afterwards.
    @Test("a console shows the feed's new critical alert with no key pressed and handles keys typed during its burst",
          .timeLimit(.minutes(2)))
    func liveFeedWhileConsoleOpen() throws {
        let tmux = try #require(tmuxPath)
        let dir = try ScratchDir()
        defer { dir.remove() }
        let db = try dir.sampleCopy(named: "live.sqlite")
        let feedLog = dir.url.appendingPathComponent("feed.log").path

        // The two applications the typed keys will reach: a `:goto` target, then a filter by another one's id.
        let (gotoID, filterID, filterCustomer): (String, String, String) = try {
            let store = try RiskStore.open(at: db, readOnly: true)
            let rows = try store.approvalQueue(limit: 20).rows.filter { $0.application.stage == .manualReview }
            try #require(rows.count >= 8, Comment(rawValue: "the sample's queue is too short"))
            return (rows[2].application.id, rows[7].application.id, rows[7].customerName)
        }()

        let console = [Repo.binary, "--db", db, "--user", "zhao.min"].map(shellQuote).joined(separator: " ")
        let session = try TmuxSession(tmux: tmux, command: "sh -c \(shellQuote("\(console); sleep 60"))")
        defer { session.kill() }
        var step = session.waitFor(text: "Approval queue")
        try #require(step.ok, "the console did not show the queue within 10 s:\n\(step.screen)")
        #expect(!step.screen.contains("●"), "nothing is new before the feed runs:\n\(step.screen)")

        let feed = [Repo.binary, "feed", "--db", db, "--user", "trainer", "--seed", "5", "--rate", "50", "--duration", "20"]
            .map(shellQuote).joined(separator: " ")
        let feedSession = try TmuxSession(tmux: tmux, command: "sh -c \(shellQuote("\(feed) > \(shellQuote(feedLog)) 2>&1; sleep 60"))")
        defer { feedSession.kill() }

        // No key pressed: a critical alert the feed raised appears, marked new, within a few polls of its commit.
        step = session.waitFor("a new critical alert", seconds: 30) { $0.contains("●CRIT") }
        let logSoFar = (try? String(contentsOfFile: feedLog, encoding: .utf8)) ?? ""
        try #require(step.ok, "no new critical alert on screen 30 s into the feed:\n\(step.screen)\nfeed log:\n\(logSoFar)")
        #expect(step.screen.contains("market "), "the header shows the market's age:\n\(step.screen)")

        // Keys typed while the feed keeps writing: each send is its own write to the terminal.
        for key in [":", "g", "o", "t", "o", " "] { try session.sendLiteral(key) }
        for character in gotoID { try session.sendLiteral(String(character)) }
        try session.send("Enter")
        try session.sendLiteral("/")
        for character in filterID { try session.sendLiteral(String(character)) }
        try session.send("Enter")
        try session.sendLiteral("2")

        step = session.waitFor("the filtered queue and the profile of \(filterID)", seconds: 20) { screen in
            screen.contains("\(filterID) ") && screen.contains("1/1") && screen.contains("2 Customer profile · \(filterCustomer)")
        }
        try #require(step.ok, "the typed keys did not all arrive in order (expected \(filterID) alone, its profile focused):\n\(step.screen)")
        #expect(!step.screen.contains(gotoID + " "), "the filter replaced the :goto window:\n\(step.screen)")

        // The feed finishes its last batch whole; the chain it extended verifies.
        let finished = feedSession.waitFor("the feed's summary", seconds: 40) { _ in
            ((try? String(contentsOfFile: feedLog, encoding: .utf8)) ?? "").contains("timed checks")
        }
        let log = (try? String(contentsOfFile: feedLog, encoding: .utf8)) ?? ""
        #expect(finished.ok && log.contains("feed: "), "the feed did not end with its summary:\n\(log)")
        session.kill()
        let verify = try run(Repo.binary, ["audit", "verify", "--db", db])
        #expect(verify.status == 0 && verify.output.hasPrefix("ok:"), "audit verify after the feed: \(verify.output)")
    }
}
