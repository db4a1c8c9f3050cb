import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The console's figures: the first screen, key → redraw for the moves, help and a long paste.
enum ConsoleFigures {
    static func run(_ bed: ConsoleBenchmark.Bed, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— console (headless 120×40; a key = reduce + its store work + render) —"))
        var firstFrame: [Double] = []
        var filled: [Double] = []
        var runtime: DeskRuntime?
        for _ in 0..<20 {
            let r = try bed.runtime()
            let first = milliseconds { r.showFirstFrame() }
            let rest = milliseconds {
                r.settle()
                r.redraw()
            }
            firstFrame.append(first)
            filled.append(first + rest)
            runtime = r
        }
        report(BenchFigure(name: "first frame (queue page + profile)", samples: firstFrame))
        report(BenchFigure(name: "every pane filled (alerts, pricing, counts)", samples: filled))
        guard let runtime else { return }

        func keys(_ name: String, _ sequence: [Key], repeat count: Int) {
            var samples: [Double] = []
            for _ in 0..<count {
                for key in sequence { samples.append(milliseconds { runtime.press(key) }) }
            }
            report(BenchFigure(name: name, samples: samples))
        }
        keys("key → redraw: j (next row)", [.character("j")], repeat: 1_000)
        keys("key → redraw: k (previous row)", [.character("k")], repeat: 500)
        keys("key → redraw: PgDn", [.pageDown], repeat: 200)
        keys("key → redraw: PgUp", [.pageUp], repeat: 200)
        keys("key → redraw: G / g (bottom, top)", [.character("G"), .character("g")], repeat: 50)
        keys("key → redraw: Tab (focus)", [.tab], repeat: 40)
        keys("key → redraw: ? then Esc (help)", [.character("?"), .escape], repeat: 20)
        for count in [8_000, 1_000_000] { report(paste(count, into: runtime, theme: bed.theme)) }
        report(.note(String(format: "process peak RSS after the console figures: %.1f MB", ConsoleBenchmark.peakResidentMegabytes())))
    }

    /// Pastes `count` characters (Latin and CJK) into a note dialog as key events through the reducer, then
    /// draws once; the figure's name gives the note's length afterwards (cut to `Note.maximumLength`).
    static func paste(_ count: Int, into runtime: DeskRuntime, theme: Theme) -> BenchFigure {
        runtime.press(.character("1"))
        runtime.press(.character("n"))
        let label = "paste \(Note.grouped(count)) chars"
        guard runtime.state.dialog?.kind == .note else {
            return .note("\(label): no note dialog (\(runtime.state.status?.text ?? "no application"))")
        }
        let pattern = Array("margin call 追加保证金 ")
        let keys = (0..<count).map { Key.character(pattern[$0 % pattern.count]) }
        var state = runtime.state
        var kept = 0
        let ms = milliseconds {
            for key in keys { _ = state.reduce(.key(key)) }
            _ = Screen.render(state, theme: theme)
            kept = state.dialog?.fields.first?.input.count ?? 0
        }
        runtime.press(.escape)
        return BenchFigure(name: "\(label) (kept \(Note.grouped(kept)))", samples: [ms])
    }
}
