import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing

/// The profile's score section: both targets from stored scores, each with its reasons, the challenger dimmed.
@Suite struct ProfileScoreLinesTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_771_800)

    static func detail(scores: [StoredModelScore]) -> ApplicationDetail {
        var base = Live.detail(of: Application(id: "APP-000001", customerID: "C000001", requestedLine: Money(yuan: 500_000),
                                                         requestedLeverage: Leverage(hundredths: 200), termMonths: 6,
                                                         channel: .online, stage: .manualReview, submittedAt: t0, slaDue: t0),
                                           accounts: [])
        base.score = ScoreResult(points: 585, probabilityOfDefault: 0.031, grade: .c,
                                 reasons: [ScoreReason(code: "CONC", text: "largest position is 62% of the portfolio", pointsLost: 37)],
                                 contributions: [:])
        base.scoreVersion = "sc-2026.1"
        base.modelScores = scores
        return base
    }

    static func row(_ version: String, _ target: String, _ role: String, points: Int, pd: Double, grade: Grade,
                    reason: String) -> StoredModelScore {
        StoredModelScore(version: version, target: target, role: role, points: points, probabilityOfDefault: pd, grade: grade,
                         reasons: [ScoreReason(code: "CALLS", text: reason, pointsLost: 25)], scoredAt: t0)
    }

    @Test func bothTargetsWithTheirReasonsAndTheShadowScoreDimmed() {
        let d = Self.detail(scores: [
            Self.row("sc-2026.1", "default_12m", "champion", points: 585, pd: 0.031, grade: .c, reason: "same as the queue"),
            Self.row("sc-aaaaaaaaaaaa", "margin_call_30d", "champion", points: 540, pd: 0.12, grade: .e,
                     reason: "2 margin calls in the last 12 months"),
            Self.row("sc-bbbbbbbbbbbb", "default_12m", "challenger", points: 601, pd: 0.018, grade: .b, reason: "shadow reason"),
        ])
        let lines = ProfileScoreLines.lines(d)
        let text = lines.map { $0.map(\.text).joined() }
        #expect(text == [
            "Score 585 · PD 3.10% · grade C · sc-2026.1",
            " -37 largest position is 62% of the portfolio",
            "Margin call 30d 12.0% · grade E · sc-aaaaaaaaaaaa",
            " -25 2 margin calls in the last 12 months",
            "  shadow sc-bbbbbbbbbbbb (PD 12m): 601 · PD 1.80% · grade B",
            " -25 shadow reason",
        ])
        // The shadow lines are drawn in the muted role, the champions' are not.
        #expect(lines[4].allSatisfy { $0.role == "muted" })
        #expect(lines[5].allSatisfy { $0.role == "muted" })
        #expect(!lines[2].contains { $0.role == "muted" })
        #expect(lines[2].contains { $0.role == "grade.E" })
    }

    @Test func anApplicationWithoutStoredModelScoresShowsItsOwnScoreOnly() {
        let text = ProfileScoreLines.lines(Self.detail(scores: [])).map { $0.map(\.text).joined() }
        #expect(text == ["Score 585 · PD 3.10% · grade C · sc-2026.1", " -37 largest position is 62% of the portfolio"])
    }
}
