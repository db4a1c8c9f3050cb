import Foundation
import Testing
@testable import RiskCore

private let card = Scorecard.standard

private func input(tenure: Int = 36, share: Double = 0.25, calls: Int = 0, dpd: Int = 0, leverage: Int = 200,
                   turnover: Double = 5, holding: Int = 30, lineToAssets: Double = 0.6,
                   suitability: Suitability = .c3) -> ScoreInput {
    ScoreInput(tenureMonths: tenure, largestPositionShare: share, marginCallsLast12Months: calls, maxDaysPastDue: dpd,
               requestedLeverage: Leverage(hundredths: leverage), annualTurnover: turnover, averageHoldingDays: holding,
               lineToAssets: lineToAssets, suitability: suitability)
}

@Suite("Scorecard")
struct ScorecardTests {
    @Test("scaling constants: factor = 20/ln 2, offset = 600 − factor × ln 50")
    func constants() {
        // 20 / 0.693147 = 28.853901
        #expect(abs(card.factor - 28.853901) < 1e-6)
        // ln 50 = 3.912023; 28.853901 × 3.912023 = 112.877124; 600 − 112.877124 = 487.122876
        #expect(abs(card.offset - 487.122876) < 1e-6)
    }

    @Test("PD at 600 points is 1/51 and at 620 points 1/101")
    func anchorPD() {
        // 600 points: odds 50:1 -> PD = 1/(1+50)
        #expect(abs(card.probabilityOfDefault(points: 600) - 1.0 / 51) < 1e-12)   // 0.019608
        // +20 points doubles the odds to 100:1 -> PD = 1/101
        #expect(abs(card.probabilityOfDefault(points: 620) - 1.0 / 101) < 1e-12)  // 0.009901
        // −20 points halves them to 25:1 -> PD = 1/26
        #expect(abs(card.probabilityOfDefault(points: 580) - 1.0 / 26) < 1e-12)
    }

    @Test("points(forProbabilityOfDefault:) inverts the PD mapping")
    func inverse() {
        #expect(card.points(forProbabilityOfDefault: 1.0 / 51) == 600)
        #expect(card.points(forProbabilityOfDefault: 1.0 / 101) == 620)
        // PD 1%: odds 99 -> 487.1229 + 28.8539 × ln 99 (4.59512) = 487.1229 + 132.5871 = 619.71 -> 620
        #expect(card.points(forProbabilityOfDefault: 0.01) == 620)
        for p in [450, 518, 586, 639] {
            #expect(card.points(forProbabilityOfDefault: card.probabilityOfDefault(points: p)) == p)
        }
    }

    @Test("the best possible applicant scores 639 points and grade A")
    func best() {
        let result = card.score(input(tenure: 60, share: 0.10, calls: 0, dpd: 0, leverage: 150, turnover: 1,
                                      holding: 90, lineToAssets: 0.2, suitability: .c5))
        // 490 + 22 + 22 + 20 + 20 + 18 + 10 + 12 + 15 + 10 = 639
        #expect(result.points == 639)
        // odds = 50 × 2^(39/20) = 50 × 3.863745 = 193.1873; PD = 1/194.1873 = 0.0051497
        #expect(abs(result.probabilityOfDefault - 0.0051497) < 1e-6)
        #expect(result.grade == .a)
        #expect(result.reasons.isEmpty)
    }

    @Test("a concentrated, short-tenure applicant: total, grade and top four reasons")
    func concentratedApplicant() {
        let result = card.score(input(tenure: 12, share: 0.62, calls: 1, dpd: 0, leverage: 250, turnover: 12,
                                      holding: 10, lineToAssets: 0.8, suitability: .c4))
        // TENURE 12m -> 5 (lost 17), CONC 62% -> −15 (lost 37), CALLS 1 -> 5 (lost 15), DPD 0 -> 20 (lost 0),
        // LEV 2.5× -> 2 (lost 16), TURN 12× -> −3 (lost 13), HOLD 10d -> 0 (lost 12), LTA 0.8 -> 8 (lost 7),
        // SUIT C4 -> 6 (lost 4). Total 490 + 5 − 15 + 5 + 20 + 2 − 3 + 0 + 8 + 6 = 518.
        #expect(result.points == 518)
        #expect(result.contributions == ["TENURE": 5, "CONC": -15, "CALLS": 5, "DPD": 20, "LEV": 2,
                                         "TURN": -3, "HOLD": 0, "LTA": 8, "SUIT": 6])
        // odds = 50 × 2^(−82/20) = 50 × 0.058315 = 2.91573; PD = 1/3.91573 = 0.25538
        #expect(abs(result.probabilityOfDefault - 0.25538) < 1e-5)
        #expect(result.grade == .e)
        // ranked by points lost: CONC 37, TENURE 17, LEV 16, CALLS 15 (TURN 13 and below dropped)
        #expect(result.reasons.map(\.code) == ["CONC", "TENURE", "LEV", "CALLS"])
        #expect(result.reasons.map(\.pointsLost) == [37, 17, 16, 15])
        #expect(result.reasons.map(\.text) == [
            "largest position is 62% of the portfolio",
            "client for only 12 months",
            "requested leverage of 2.5×",
            "1 margin call in the last 12 months",
        ])
    }

    @Test("a typical applicant from customer and application: grade C, ties broken by code")
    func typicalApplicant() {
        let customer = Fixture.customer(suitability: .c3, tenure: 36,
                                        behaviour: Fixture.behaviour(turnover: 5, holdingDays: 30, largestShare: 0.25),
                                        assets: Money(yuan: 500_000))
        let app = Fixture.application(line: Money(yuan: 300_000), leverage: Leverage(hundredths: 200))
        let scoreInput = ScoreInput(customer: customer, application: app)
        #expect(scoreInput.lineToAssets == 0.6)   // 300,000 / 500,000
        let result = card.score(scoreInput)
        // TENURE 36 -> 15 (lost 7), CONC 25% -> 12 (lost 10), CALLS 0 -> 20, DPD 0 -> 20, LEV 2.0× -> 10 (lost 8),
        // TURN 5× -> 5 (lost 5), HOLD 30d -> 6 (lost 6), LTA 0.6 -> 8 (lost 7), SUIT C3 -> 0 (lost 10)
        // 490 + 15 + 12 + 20 + 20 + 10 + 5 + 6 + 8 + 0 = 586
        #expect(result.points == 586)
        // odds = 50 × 2^(−14/20) = 50 × 0.615572 = 30.7786; PD = 1/31.7786 = 0.031468
        #expect(abs(result.probabilityOfDefault - 0.031468) < 1e-5)
        #expect(result.grade == .c)
        // CONC and SUIT tie at 10 (CONC first by code); LTA and TENURE tie at 7 (LTA first), TENURE falls off
        #expect(result.reasons.map(\.code) == ["CONC", "SUIT", "LEV", "LTA"])
        #expect(result.reasons.map(\.text) == [
            "largest position is 25% of the portfolio",
            "suitability level is C3",
            "requested leverage of 2.0×",
            "requested line is 0.6× the securities assets",
        ])
    }

    @Test("the worst applicant: at most four reasons, plural wording")
    func worst() {
        let result = card.score(input(tenure: 0, share: 0.80, calls: 5, dpd: 45, leverage: 300, turnover: 40,
                                      holding: 2, lineToAssets: 2.0, suitability: .c3))
        // −10 − 15 − 25 − 30 − 8 − 12 − 10 − 12 + 0 = −122; 490 − 122 = 368
        #expect(result.points == 368)
        #expect(result.grade == .e)
        // lost: DPD 50, CALLS 45, CONC 37, TENURE 32, LTA 27, LEV 26, TURN 22, HOLD 22, SUIT 10
        #expect(result.reasons.count == 4)
        #expect(result.reasons.map(\.pointsLost) == [50, 45, 37, 32])
        #expect(result.reasons.map(\.text) == [
            "a repayment was 45 days late",
            "5 margin calls in the last 12 months",
            "largest position is 80% of the portfolio",
            "client for only 0 months",
        ])
    }

    @Test("bins are closed below and open above")
    func binEdges() {
        let base = card.score(input()).points   // 586, tenure 36
        // tenure 6 scores 5, tenure 5 scores −10: 15 points apart
        #expect(card.score(input(tenure: 6)).points - card.score(input(tenure: 5)).points == 15)
        // tenure 60 (22) vs 59 (15): 7 points
        #expect(card.score(input(tenure: 60)).points == base + 7)
        // largest share exactly 20% is in the 20–35% bin (12), 19.9% in the best bin (22)
        #expect(card.score(input(share: 0.20)).points == base)
        #expect(card.score(input(share: 0.199)).points == base + 10)
        // leverage 1.5× is still the best bin (18 vs 10 at 2.0×)
        #expect(card.score(input(leverage: 150)).points == base + 8)
        // leverage 2.01× falls in 2.0–2.5× (2): 8 fewer than 2.0×
        #expect(card.score(input(leverage: 201)).points == base - 8)
    }
}
