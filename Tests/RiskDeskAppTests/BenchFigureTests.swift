import Testing
@testable import RiskDeskApp

@Suite("Benchmark figures")
struct BenchFigureTests {
    @Test("nearest-rank percentiles: of 1…100 ms the median is 50 and the p99 is 99, whatever the order")
    func percentiles() {
        let figure = BenchFigure(name: "x", samples: (1...100).reversed().map(Double.init))
        #expect(figure.median == 50)
        #expect(figure.p99 == 99)
        #expect(figure.max == 100)
        // With fewer than 100 samples the p99 is the largest: one slow sample in 20 is never hidden.
        let few = BenchFigure(name: "y", samples: Array(repeating: 1, count: 19) + [40])
        #expect(few.p99 == 40)
        #expect(few.median == 1)
    }

    @Test("a figure with no samples is a note, printed as its text")
    func note() {
        let note = BenchFigure.note("— store —")
        #expect(note.line == "— store —")
        #expect(note.p99 == 0)
        #expect(BenchFigure(name: "open", samples: [2.5]).line.hasSuffix("2.500 ms"))
    }
}
