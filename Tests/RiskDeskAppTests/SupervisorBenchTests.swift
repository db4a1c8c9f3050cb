import Foundation
@testable import RiskDeskApp
import RiskStore
import Testing

/// `riskdesk bench --only supervisor` on the sample: it reports the metrics reads and one re-pricing with the number
/// of quotes it moved, and leaves the bundled file as it was (the benchmark works on a scratch copy).
@Suite("bench: the supervisor section", .serialized)
struct SupervisorBenchTests {
    @Test func theSupervisorSectionReportsMetricsAndARepricingOnACopy() throws {
        let sample = Repo.sampleDatabase
        let before = try Data(contentsOf: URL(fileURLWithPath: sample))
        var options = ConsoleBenchmark.Options(databasePath: sample, themesDirectory: nil)
        options.sections = [.supervisor]
        var figures: [BenchFigure] = []
        try ConsoleBenchmark.run(options) { figures.append($0) }
        let names = figures.map(\.name)
        #expect(names.contains("desk metrics, last hour + day (the m strip)"))
        #expect(figures.first { $0.name == "desk metrics, last hour + day (the m strip)" }?.samples.count == 10)
        #expect(figures.first { $0.name == "pricing change: re-price pending quotes" }?.samples.count == 1)
        // A 25 bp funding step moves nearly every pending quote of the sample (those at the floor or cap may stay).
        let note = try #require(names.first { $0.contains("pending quotes re-priced in one transaction") })
        let counts = note.split(whereSeparator: { !$0.isNumber && $0 != "," }).compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        #expect(counts.count == 2)
        #expect(counts[0] > 0 && counts[0] <= counts[1])
        #expect(try Data(contentsOf: URL(fileURLWithPath: sample)) == before)
    }
}
