import Foundation
import Testing
@testable import RiskCore

/// A card with training counts on two characteristics: leverage (300 / 500 / 200 training rows) and channel
/// (branch 250, online or partner 750).
func monitoredCard(distribution: ScoreDistribution? = tenBins) -> Scorecard {
    Scorecard(version: "sc-monitor-test", target: .default12m, intercept: -2.5, basePoints: 500, characteristics: [
        Characteristic(code: "LEV", feature: FeatureCatalog.requestedLeverage, name: "Requested leverage", kind: .numeric,
                       coefficient: 1, bins: [
            ScoreBin(label: "< 1.5", match: .interval(lower: nil, upper: 1.5), woe: 0.5, points: 20, count: 300, bads: 10),
            ScoreBin(label: "1.5–2.0", match: .interval(lower: 1.5, upper: 2.0), woe: 0, points: 10, count: 500, bads: 30),
            ScoreBin(label: "≥ 2.0", match: .interval(lower: 2.0, upper: nil), woe: -0.6, points: 0, count: 200, bads: 25),
        ]),
        Characteristic(code: "CHAN", feature: FeatureCatalog.channel, name: "Channel", kind: .categorical, coefficient: 1, bins: [
            ScoreBin(label: "branch", match: .categories(["branch"]), woe: 0.1, points: 8, count: 250, bads: 15),
            ScoreBin(label: "online, partner", match: .categories(["online", "partner"]), woe: -0.1, points: 4, count: 750,
                     bads: 50),
        ]),
    ], trainingDistribution: distribution)
}

func features(leverage: Double, channel: String?) -> [String: FeatureValue] {
    var f: [String: FeatureValue] = [FeatureCatalog.requestedLeverage: .number(leverage)]
    if let channel { f[FeatureCatalog.channel] = .category(channel) }
    return f
}

/// 20 applications: leverage 2 × 1.2, 10 × 1.7, 8 × 2.3 (shares 0.1 / 0.5 / 0.4 against 0.3 / 0.5 / 0.2 in
/// training); channel 5 × branch, 15 × online or partner (0.25 / 0.75, exactly as in training).
let shiftedLeverage: [[String: FeatureValue]] = {
    let leverages = Array(repeating: 1.2, count: 2) + Array(repeating: 1.7, count: 10) + Array(repeating: 2.3, count: 8)
    return leverages.enumerated().map { index, leverage in
        features(leverage: leverage, channel: index < 5 ? "branch" : (index % 2 == 0 ? "online" : "partner"))
    }
}()

@Suite("CSI")
struct CSITests {
    @Test("a shift in one characteristic, none in another")
    func shiftInOne() throws {
        let card = monitoredCard()
        // leverage: (0.1 − 0.3) × ln(0.1/0.3) + (0.5 − 0.5) × ln 1 + (0.4 − 0.2) × ln(0.4/0.2)
        //         = 0.2 × 1.098612 + 0 + 0.2 × 0.693147 = 0.219722 + 0.138629 = 0.358352
        let csi = CSI.indices(card, features: shiftedLeverage)
        #expect(abs((csi[FeatureCatalog.requestedLeverage] ?? -1) - 0.3583519) < 1e-6)
        // channel: 0.25 / 0.75 against 0.25 / 0.75 (online and partner share one bin): 0
        #expect(csi[FeatureCatalog.channel] == 0)
        #expect(CSI.expectedShares(card.characteristics[0]) == [0.3, 0.5, 0.2])
        #expect(CSI.actualShares(card.characteristics[0], features: shiftedLeverage) == [0.1, 0.5, 0.4])
    }

    @Test("an unseen category or a missing value counts in the bin it scores in (the lowest-scoring), not nowhere")
    func unseenValues() {
        let card = monitoredCard()
        let channel = card.characteristics[1]
        // "app" is no training category and nil is missing with no missing bin: both score in "online, partner" (4
        // points, the lower bin), so both count there: 0 branch, 1.0 online/partner.
        let odd = [features(leverage: 1.7, channel: "app"), features(leverage: 1.7, channel: nil)]
        #expect(CSI.actualShares(channel, features: odd) == [0, 1])
        // (0.0001 − 0.25) × ln(0.0001/0.25) + (1 − 0.75) × ln(1/0.75) = 0.2499 × 7.824046 + 0.25 × 0.287682
        // = 1.955229 + 0.071921 = 2.027150
        #expect(abs((CSI.index(channel, features: odd) ?? 0) - 2.027150) < 1e-5)
    }

    @Test("a hand-written card has no training counts: no CSI rather than a made-up one")
    func handWritten() {
        #expect(CSI.indices(.standard, features: shiftedLeverage).isEmpty)
        #expect(CSI.index(Scorecard.standard.characteristics[0], features: shiftedLeverage) == nil)
        // one bin without its count is enough to refuse: shares from part of the bins would not add up to 1
        var partial = monitoredCard().characteristics[0]
        partial.bins[1].count = nil
        #expect(CSI.expectedShares(partial) == nil)
        // no recent applications: nil, not 0
        #expect(CSI.index(monitoredCard().characteristics[0], features: []) == nil)
    }
}

@Suite("Model monitoring reading")
struct ModelMonitoringTests {
    @Test("PSI, level, CSI and matured AUC in one reading")
    func reading() throws {
        let card = monitoredCard()
        // 100 scores at 585 and 100 at 595: the shares of PSITests.shiftedScores (PSI 6.808228), on enough scores to judge
        let scores = Array(repeating: 585, count: 100) + Array(repeating: 595, count: 100)
        // matured: bads at 500 and 520 points, goods at 510, 540 and 560. Of the 2 × 3 bad–good pairs the bad is
        // ranked riskier (fewer points) in 5; the bad at 520 against the good at 510 is the one inversion: AUC 5/6.
        let matured = [MaturedOutcome(points: 500, bad: true), MaturedOutcome(points: 520, bad: true),
                       MaturedOutcome(points: 510, bad: false), MaturedOutcome(points: 540, bad: false),
                       MaturedOutcome(points: 560, bad: false)]
        let reading = ModelMonitoring.reading(card: card, distribution: card.trainingDistribution, recentScores: scores,
                                              recentFeatures: Array(repeating: shiftedLeverage, count: 10).flatMap { $0 }, matured: matured)
        #expect(reading.recent == 200)
        #expect(abs((reading.csi[FeatureCatalog.requestedLeverage] ?? 0) - 0.3583519) < 1e-6)
        #expect(abs((reading.psi ?? 0) - 6.808228) < 1e-6)
        #expect(reading.level == .critical)
        #expect(reading.matured == 5 && reading.maturedBads == 2)
        #expect(abs((reading.maturedAUC ?? 0) - 5.0 / 6.0) < 1e-12)
        #expect(reading.csiBySize.map(\.feature) == [FeatureCatalog.requestedLeverage, FeatureCatalog.channel])
    }

    @Test("the monitoring points of a loan are the card's score, on every kind of value")
    func pointsMatchScore() {
        let vectors = shiftedLeverage + [features(leverage: 1.7, channel: "app"), features(leverage: 9, channel: nil), [:]]
        for card in [monitoredCard(), .standard] {
            for vector in vectors {
                #expect(ModelMonitoring.points(card, features: vector) == card.score(features: vector).points)
            }
        }
        // 500 + 10 (leverage 1.5–2.0) + 8 (branch)
        #expect(ModelMonitoring.points(monitoredCard(), features: features(leverage: 1.7, channel: "branch")) == 518)
    }

    @Test("fewer than 200 recent scores: the PSI is kept but not judged (a handful of applications moves it by chance)")
    func tooFewToJudge() {
        // 199 scores all in the top decile: PSI 8.283090, but no level and so no alert; 200 are judged
        let few = ModelMonitoring.reading(card: nil, distribution: tenBins, recentScores: Array(repeating: 595, count: 199),
                                          recentFeatures: [], matured: [])
        #expect(abs((few.psi ?? 0) - 8.283090) < 1e-5)
        #expect(few.level == nil)
        let enough = ModelMonitoring.reading(card: nil, distribution: tenBins, recentScores: Array(repeating: 595, count: 200),
                                             recentFeatures: [], matured: [])
        #expect(enough.level == .critical)
    }

    @Test("without a distribution, recent scores or two classes of outcome, the figures are absent, not zero")
    func absentFigures() {
        let reading = ModelMonitoring.reading(card: nil, distribution: nil, recentScores: [550], recentFeatures: [],
                                              matured: [MaturedOutcome(points: 500, bad: true)])
        #expect(reading.psi == nil && reading.level == nil)
        #expect(reading.csi.isEmpty)
        #expect(reading.maturedAUC == nil && reading.matured == 1)
        let empty = ModelMonitoring.reading(card: monitoredCard(), distribution: tenBins, recentScores: [],
                                            recentFeatures: [], matured: [])
        #expect(empty.psi == nil && empty.recent == 0 && empty.csi.isEmpty)
    }
}
