import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The `/` filter typed one character at a time: each keystroke's figure is the key, its search and the redraw, so
/// it is the time until the queue under the prompt shows that prefix's first page of matches (the match count for
/// the title runs beside it and arrives later; it is timed on its own).
enum FilterFigures {
    /// Queries a desk would type, taken from the database so they match something (except the last one).
    static func queries(_ store: RiskStore) throws(StoreError) -> [(label: String, text: String)] {
        let rows = try store.approvalQueue(limit: 50).rows
        guard let first = rows.first else { return [] }
        // A Chinese name when the page has one: one- and two-character CJK text is what a trigram index cannot answer.
        let name = rows.first { $0.customerName.unicodeScalars.contains { !$0.isASCII } }?.customerName ?? first.customerName
        let other = rows[min(rows.count - 1, 30)]
        func fragment(_ id: String) -> String {
            // Four characters from the middle of the id: matches by substring only.
            let chars = Array(id)
            let start = max(0, chars.count / 2 - 2)
            return String(chars[start..<min(chars.count, start + 4)])
        }
        return [
            ("surname, 1 character", String(name.prefix(1))),
            ("2 characters of a name", String(name.prefix(2))),
            ("a full name", name),
            ("application id fragment", fragment(rows[min(rows.count - 1, 20)].application.id)),
            ("customer id fragment", fragment(other.application.customerID)),
            ("Latin fragment", "chen"),
            ("no match", "zqxj"),
        ]
    }

    static func run(_ bed: ConsoleBenchmark.Bed, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— filter: / typed one key at a time, each key until its matches are on screen —"))
        let runtime = try bed.runtime()
        runtime.start()
        runtime.settle()
        var all: [Double] = []
        let shown: (AppState) -> Bool = { $0.queue.shownSearchGeneration == $0.queue.searchGeneration }
        let typed = try queries(bed.store)
        for (label, text) in typed {
            var samples: [Double] = []
            // Five rounds: the first types into a cold cache, the rest show the steady state.
            for _ in 0..<5 {
                runtime.press(.character("/"))
                for character in text { samples.append(milliseconds { runtime.press(.character(character), until: shown) }) }
                samples.append(milliseconds { runtime.press(.enter, until: shown) })
                runtime.press(.escape)  // outside the prompt Esc clears the filter
            }
            all += samples
            report(BenchFigure(name: "  \(label) \"\(text)\"", samples: samples))
        }
        report(BenchFigure(name: "filter keystroke → matches on screen", samples: all))
        var counts: [Double] = []
        for (_, text) in typed {
            counts.append(try milliseconds { () throws(StoreError) in
                _ = try bed.store.queueMatchCount(filter: QueueFilter(text: text), cap: 1_000)
            })
        }
        report(BenchFigure(name: "filter match count (cap 1,000, beside keys)", samples: counts))
    }
}
