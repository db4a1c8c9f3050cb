import Foundation
import Testing
@testable import RiskCore

@Suite("Scorecard trainer")
struct ScorecardTrainerTests {
    static let asOf = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("points scaling: an intercept of −ln 50 alone scores 600 at odds 50:1; −ln 100 scores 620")
    func scaling() {
        let scaling = ScorecardScaling.standard
        #expect(scaling.basePoints(intercept: -log(50)) == 600)
        #expect(scaling.basePoints(intercept: -log(100)) == 620)
        #expect(scaling.basePoints(intercept: -log(25)) == 580)
        // factor = 20 / ln 2 = 28.8539; −28.8539 × (−0.5) × 0.4 = 5.77 → 6 points; a bad-side WOE costs points.
        #expect(scaling.binPoints(coefficient: -0.5, woe: 0.4) == 6)
        #expect(scaling.binPoints(coefficient: -0.5, woe: -0.4) == -6)
        let card = Scorecard(version: "t", intercept: -log(50), basePoints: scaling.basePoints(intercept: -log(50)),
                             characteristics: [])
        #expect(abs(card.probabilityOfDefault(points: card.basePoints) - 1.0 / 51) < 1e-12)
    }

    @Test("the stratified split keeps the goods:bads share and is the same for the same seed")
    func split() {
        let bad = (0..<1000).map { $0 % 10 == 3 }   // 100 bads, 900 goods
        let a = StratifiedSplit(bad: bad, holdout: 0.3, seed: 11)
        #expect(a.holdout.count == 300)
        #expect(a.holdout.filter { bad[$0] }.count == 30)
        #expect(a.training.filter { bad[$0] }.count == 70)
        #expect(Set(a.holdout).isDisjoint(with: a.training))
        #expect(Set(a.holdout + a.training).count == 1000)
        #expect(StratifiedSplit(bad: bad, holdout: 0.3, seed: 11) == a)
        #expect(StratifiedSplit(bad: bad, holdout: 0.3, seed: 12) != a)
    }

    @Test("refusals: one class, too few rows, an option out of range, nothing over the IV threshold")
    func refusals() {
        let noise = (0..<400).map { Double($0 % 7) }
        let bad = (0..<400).map { $0 % 5 == 0 }
        let table = TrainingDataset(columns: [TrainingColumn(name: "noise", values: .numeric(noise))], bad: bad,
                                    target: .default12m)
        let now = Self.asOf
        var allGood = table
        allGood.bad = allGood.bad.map { _ in false }
        #expect(throws: TrainingError.oneClass(bad: false)) {
            try ScorecardTrainer.train(allGood, options: TrainingOptions(), description: "", now: now)
        }
        let tiny = TrainingDataset(columns: [TrainingColumn(name: "n", values: .numeric([1, 2, 3]))],
                                   bad: [true, false, false], target: .default12m)
        #expect(throws: TrainingError.self) { try ScorecardTrainer.train(tiny, options: TrainingOptions(), description: "", now: now) }
        #expect(throws: TrainingError.invalidOption("holdout must be in (0, 0.9] (got 0.95)")) {
            try ScorecardTrainer.train(table, options: TrainingOptions(holdout: 0.95), description: "", now: now)
        }
        // x mod 7 says nothing about x mod 5: its IV is far below 0.5.
        #expect(throws: TrainingError.nothingSelected(threshold: 0.5)) {
            try ScorecardTrainer.train(table, options: TrainingOptions(minimumIV: 0.5), description: "", now: now)
        }
        #expect(TrainingError.nothingSelected(threshold: 0.02).description
                == "no characteristic passed the IV threshold (0.020)")
    }

    @Test("on 40,000 drawn loans the trained default card beats the hand-written one, is calibrated, and finds the true effects")
    func loanHistory() throws {
        let loans = LoanHistoryProcess.draw(count: 40_000, seed: 2026, asOf: Self.asOf)
        let dataset = TrainingDataset(history: loans, target: .default12m)
        let trained = try ScorecardTrainer.train(dataset, options: TrainingOptions(), benchmark: .standard,
                                                 description: "test", now: Self.asOf)
        let report = trained.report, card = trained.card
        let benchmark = try #require(report.benchmark)
        print(String(format: "trained %@: holdout AUC %.4f KS %.4f (training AUC %.4f); %@ AUC %.4f KS %.4f; %d rows, %d bads",
                     card.version, report.auc, report.ks, report.trainingAUC, benchmark.version, benchmark.auc,
                     benchmark.ks, report.trainingRows + report.holdoutRows, report.trainingBads + report.holdoutBads))
        #expect(report.auc > benchmark.auc)
        #expect(benchmark.version == "sc-2026.1")
        #expect(card.version == card.contentVersion)
        #expect(card.hasContentVersion)
        #expect(report.version == card.version)
        #expect(abs(report.gini - (2 * report.auc - 1)) < 1e-12)
        #expect(report.holdoutRows + report.trainingRows == dataset.rowCount)
        #expect(report.roc.count <= 101)

        // Calibration within 2 points of the observed bad rate in every decile of 100+ rows.
        for row in report.calibration where row.rows >= 100 {
            print(String(format: "decile %2d: %5d rows, predicted %.4f, observed %.4f", row.decile, row.rows,
                         row.predictedBadRate, row.observedBadRate))
            #expect(abs(row.predictedBadRate - row.observedBadRate) <= 0.02, "decile \(row.decile)")
        }

        // Turnover, which has no effect on default, is left out; the channel, which the hand-written card ignores,
        // is found, the partner channel scoring worst; every trained characteristic scores a missing value.
        let selected = Set(card.features)
        #expect(!selected.contains(FeatureCatalog.annualTurnover))
        let turnover = try #require(report.characteristics.first { $0.feature == FeatureCatalog.annualTurnover })
        #expect(turnover.note != nil && !turnover.selected)
        for c in card.characteristics { #expect(c.bins.contains { $0.match == .missing }, "\(c.feature)") }
        let channel = try #require(card.characteristics.first { $0.feature == FeatureCatalog.channel })
        let partner = try #require(channel.bins.first { $0.match.contains(.category("partner")) })
        let online = try #require(channel.bins.first { $0.match.contains(.category("online")) })
        #expect(partner.points < online.points)

        // The strong effects run in their true direction: more leverage, concentration, calls, lateness or line
        // to assets → lower WOE; more tenure → higher WOE.
        for (feature, falling) in [(FeatureCatalog.requestedLeverage, true), (FeatureCatalog.largestPositionShare, true),
                                   (FeatureCatalog.marginCalls12m, true), (FeatureCatalog.maxDaysPastDue, true),
                                   (FeatureCatalog.lineToAssets, true), (FeatureCatalog.tenureMonths, false)] {
            let c = try #require(card.characteristics.first { $0.feature == feature }, "\(feature) selected")
            let woe = c.bins.filter { if case .interval = $0.match { true } else { false } }.compactMap(\.woe)
            #expect(woe.count >= 2, "\(feature) has bins")
            #expect(zip(woe, woe.dropFirst()).allSatisfy { falling ? $0 > $1 : $0 < $1 }, "\(feature): \(woe)")
            #expect((c.coefficient ?? 0) < 0)
        }

        // The card is data: its JSON reads back as the same card (its content hash checked on import).
        let back = try Scorecard.imported(from: card.exportedJSON())
        #expect(back.version == card.version)
        #expect(back.characteristics == card.characteristics)
        #expect(back.basePoints == card.basePoints && back.intercept == card.intercept)
        // The training distribution has 9 edges and shares summing to 1.
        let distribution = try #require(card.trainingDistribution)
        #expect(distribution.edges.count == 9)
        #expect(abs(distribution.shares.reduce(0, +) - 1) < 1e-9)
        #expect(card.window?.rows == report.trainingRows)
    }

    @Test("the margin-call card picks up leverage and concentration and leaves the channel out")
    func marginCall() throws {
        let loans = LoanHistoryProcess.draw(count: 20_000, seed: 7, asOf: Self.asOf)
        let dataset = TrainingDataset(history: loans, target: .marginCall30d)
        let trained = try ScorecardTrainer.train(dataset, options: TrainingOptions(), description: "", now: Self.asOf)
        let selected = Set(trained.card.features)
        #expect(selected.contains(FeatureCatalog.requestedLeverage))
        #expect(selected.contains(FeatureCatalog.largestPositionShare))
        #expect(!selected.contains(FeatureCatalog.channel))
        #expect(trained.card.target == .marginCall30d)
        #expect(trained.report.auc > 0.6)
    }
}

@Suite("Who may register a trained model")
struct ModelRegistrationRulesTests {
    static func user(_ role: Role) -> User {
        User(name: "u.\(role.rawValue)", displayName: role.rawValue, role: role, approvalLimit: Money(yuan: 1_000_000))
    }

    @Test("a supervisor may, on live data or training data")
    func supervisor() {
        #expect(ModelRegistrationRules.registrationRefusal(by: Self.user(.supervisor), onTrainingData: false) == nil)
        #expect(ModelRegistrationRules.registrationRefusal(by: Self.user(.supervisor), onTrainingData: true) == nil)
    }

    @Test("the trainer may on training data only; officers and auditors never")
    func others() {
        #expect(ModelRegistrationRules.registrationRefusal(by: Self.user(.trainer), onTrainingData: true) == nil)
        #expect(ModelRegistrationRules.registrationRefusal(by: Self.user(.trainer), onTrainingData: false) != nil)
        for role in [Role.officer, .auditor] {
            for training in [true, false] {
                #expect(ModelRegistrationRules.registrationRefusal(by: Self.user(role), onTrainingData: training) != nil)
            }
        }
    }
}
