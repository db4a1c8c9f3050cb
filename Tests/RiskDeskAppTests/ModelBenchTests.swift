import Foundation
@testable import RiskDeskApp
import RiskStore
import Testing

/// `riskdesk bench --only models` on the sample: it times reading the loan history and training a card for each
/// target, reports the trained card's holdout AUC beside the hand-written card's, times a monitoring reading of each
/// champion, and leaves the bundled file as it was.
@Suite("bench: the models section", .serialized)
struct ModelBenchTests {
    @Test func theModelsSectionTimesTrainingAndMonitoringOnACopy() throws {
        let sample = Repo.sampleDatabase
        let before = try Data(contentsOf: URL(fileURLWithPath: sample))
        var options = ConsoleBenchmark.Options(databasePath: sample, themesDirectory: nil)
        options.sections = [.models]
        var figures: [BenchFigure] = []
        try ConsoleBenchmark.run(options) { figures.append($0) }
        let names = figures.map(\.name)
        for target in ["default_12m", "margin_call_30d"] {
            #expect(figures.first { $0.name == "\(target): read the loan history" }?.samples.count == 3)
            #expect(figures.first { $0.name == "\(target): train a card" }?.samples.count == 3)
            #expect(figures.first { $0.name == "\(target): monitoring reading" }?.samples.count == 5)
        }
        // The sample's 20,000 loans: 14,962 with a matured default outcome; the trained card beats the hand-written one.
        let note = try #require(names.first { $0.contains("rows (") && $0.contains("sc-2026.1 AUC") })
        #expect(note.contains("14,962 rows"), "\(note)")
        let aucs = note.components(separatedBy: "AUC ").dropFirst().compactMap { Double($0.prefix(5)) }
        #expect(aucs.count == 2 && aucs[0] > aucs[1], "\(note)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: sample)) == before)
    }
}
