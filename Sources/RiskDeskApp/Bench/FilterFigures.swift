import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The `/` filter typed one character at a time: each keystroke's figure is the key, the queries it asks for and
/// the redraw, so it is the time until the queue under the prompt shows that prefix's matches.
enum FilterFigures {
    /// Queries a desk would type, taken from the database so they match something (except the last one).
    static func queries(_ store: RiskStore) throws(StoreError) -> [(label: String, text: String)] {
        let rows = try store.approvalQueue(limit: 50).rows
        guard let first = rows.first else { return [] }
        let name = first.customerName
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
        for (label, text) in try queries(bed.store) {
            var samples: [Double] = []
            // Five rounds: the first types into a cold cache, the rest show the steady state.
            for _ in 0..<5 {
                runtime.press(.character("/"))
                for character in text { samples.append(milliseconds { runtime.press(.character(character)) }) }
                samples.append(milliseconds { runtime.press(.enter) })
                // An empty filter shows the whole queue again.
                runtime.press(.character("/"))
                runtime.press(.enter)
            }
            all += samples
            report(BenchFigure(name: "  \(label) \"\(text)\"", samples: samples))
        }
        report(BenchFigure(name: "filter keystroke (all of the above)", samples: all))
    }
}
