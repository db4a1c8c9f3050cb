import Foundation
import RiskStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows a seed's progress on standard error: on a terminal one line per phase, redrawn in place (phase, bar, count,
/// rate, elapsed and ETA) and kept when the phase ends; elsewhere (pipes, CI) a plain line per tenth of a phase once the
/// run has taken more than two seconds, so short seeds print nothing but their summary. Also times each phase for
/// `RISKDESK_SEED_PROFILE=1`.
final class SeedProgressDisplay {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let profile: Bool
    private let started = Date()
    private var phase: SeedPhase?
    private var phaseStarted = Date()
    private var lastEnd = Date()
    private var lastDraw = Date.distantPast
    private var lastTenth = -1
    private var lineOpen = false
    /// Seconds spent in each phase, in the order they ran.
    private(set) var phases: [(phase: SeedPhase, seconds: Double, items: Int)] = []

    init(profile: Bool) { self.profile = profile }

    /// Seconds since the display was made (the seed's start).
    var elapsed: Double { Date().timeIntervalSince(started) }

    func show(_ progress: SeedProgress) {
        let now = Date()
        if progress.phase != phase {
            phase = progress.phase
            // The work between two phases (reading back, sorting) belongs to the phase it prepares.
            phaseStarted = phases.isEmpty ? now : lastEnd
            lastTenth = -1
            lastDraw = .distantPast
        }
        let done = progress.done >= progress.total
        if done {
            phases.append((progress.phase, now.timeIntervalSince(phaseStarted), progress.total))
            lastEnd = now
        }
        if isTerminal {
            guard done || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            write("\r" + Self.line(progress, seconds: now.timeIntervalSince(phaseStarted)) + "\u{1B}[K" + (done ? "\n" : ""))
            lineOpen = !done
        } else {
            let tenth = progress.total > 0 ? progress.done * 10 / progress.total : 10
            guard tenth > lastTenth, now.timeIntervalSince(started) > 2 else { return }
            lastTenth = tenth
            write(Self.line(progress, seconds: now.timeIntervalSince(phaseStarted), bar: false) + "\n")
        }
    }

    /// Ends an open progress line (after an error or an interruption).
    func finish() {
        if lineOpen { write("\n") }
        lineOpen = false
    }

    /// Prints where the time went, when asked for with `RISKDESK_SEED_PROFILE=1`.
    func printProfile() {
        guard profile else { return }
        print("profile:")
        for entry in phases {
            let rate = entry.seconds > 0 && entry.items > 1 ? String(format: "  %.0f/s", Double(entry.items) / entry.seconds) : ""
            print("  " + Self.padded(entry.phase.rawValue, 13) + String(format: "%8.2f s  ", entry.seconds) + Self.grouped(entry.items) + rate)
        }
    }

    /// `applications ███████░░░ 612,000/1,000,000  41,200/s  14.9 s  eta 9.4 s`
    static func line(_ progress: SeedProgress, seconds: Double, bar: Bool = true) -> String {
        let total = max(progress.total, 1)
        let fraction = min(1, max(0, Double(progress.done) / Double(total)))
        let width = 20
        let filled = Int((fraction * Double(width)).rounded(.down))
        let drawn = bar ? " " + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) : ""
        var text = padded(progress.phase.rawValue, 12) + drawn + " " + grouped(progress.done) + "/" + grouped(progress.total)
        if seconds > 0.05 && progress.done > 0 {
            let rate = Double(progress.done) / seconds
            text += "  " + grouped(Int(rate.rounded())) + "/s"
            text += String(format: "  %.1f s", seconds)
            if progress.done < progress.total, rate > 0 {
                text += String(format: "  eta %.1f s", Double(progress.total - progress.done) / rate)
            }
        }
        return text
    }

    /// 1234567 → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
