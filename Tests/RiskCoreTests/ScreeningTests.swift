import Foundation
import Testing
@testable import RiskCore

private let now = Fixture.now
private let day = Fixture.day

@Suite("Screening")
struct ScreeningTests {
    let policy = ScreeningPolicy()

    @Test("a compliant application passes prescreen, including every boundary value")
    func passes() {
        // exactly ¥500,000 of assets, C3, line exactly 2 × assets (50% margin ratio), leverage exactly 3.0×
        let customer = Fixture.customer(suitability: .c3, assets: Money(yuan: 500_000))
        let app = Fixture.application(line: Money(yuan: 1_000_000), leverage: Leverage(hundredths: 300))
        #expect(Screening.prescreen(app, customer: customer, policy: policy, now: now).isEmpty)
    }

    @Test("maximum financing is assets ÷ financing margin ratio")
    func maximumFinancing() {
        // ¥400,000 / 50% = ¥800,000
        #expect(Screening.maximumFinancing(assets: Money(yuan: 400_000), policy: policy) == Money(yuan: 800_000))
        var strict = policy
        strict.financingMarginRatio = BasisPoints(8_000)
        // ¥400,000 / 80% = ¥500,000
        #expect(Screening.maximumFinancing(assets: Money(yuan: 400_000), policy: strict) == Money(yuan: 500_000))
        strict.financingMarginRatio = .zero
        #expect(Screening.maximumFinancing(assets: Money(yuan: 400_000), policy: strict) == .zero)
    }

    @Test("every prescreen failure is flagged with its code and words")
    func failures() {
        let customer = Fixture.customer(suitability: .c2, kyc: .expired, aml: .review, assets: Money(yuan: 400_000))
        let app = Fixture.application(line: Money(yuan: 900_000), leverage: Leverage(hundredths: 350))
        let flags = Screening.prescreen(app, customer: customer, policy: policy, now: now)
        #expect(flags.map(\.code) == ["KYC", "AML", "SUIT", "ASSETS", "RATIO", "LEV"])
        #expect(flags.map(\.text) == [
            "KYC is expired",
            "AML screening is review",
            "suitability C2 is below C3",
            "securities assets ¥400,000 are below ¥500,000",
            "requested ¥900,000 exceeds the ¥800,000 the margin ratio allows",   // 400,000 / 50%
            "leverage 3.5× is above the 3.0× cap",
        ])
    }

    @Test("KYC marked valid but past its expiry is reported as expired; pending as pending")
    func kycWording() {
        let app = Fixture.application()
        let lapsed = Fixture.customer(kyc: .valid, kycExpiry: now.addingTimeInterval(-day))
        #expect(Screening.prescreen(app, customer: lapsed, policy: policy, now: now).map(\.text) == ["KYC is expired"])
        let pending = Fixture.customer(kyc: .pending)
        #expect(Screening.prescreen(app, customer: pending, policy: policy, now: now).map(\.text) == ["KYC is pending"])
        let hit = Fixture.customer(aml: .hit)
        #expect(Screening.prescreen(app, customer: hit, policy: policy, now: now).map(\.text) == ["AML screening is hit"])
    }

    @Test("one fen over the margin-ratio allowance is flagged")
    func ratioEdge() {
        let customer = Fixture.customer(assets: Money(yuan: 500_000))   // allows ¥1,000,000
        let app = Fixture.application(line: Money(fen: 100_000_001))
        #expect(Screening.prescreen(app, customer: customer, policy: policy, now: now).map(\.code) == ["RATIO"])
    }

    @Test("review flags name each reason a person must look")
    func reviewFlags() {
        let customer = Fixture.customer(kycExpiry: now.addingTimeInterval(29 * day), pep: true,
                                        behaviour: Fixture.behaviour(largestShare: 0.62))
        let app = Fixture.application(line: Money(yuan: 1_200_000))
        let score = ScoreResult(points: 586, probabilityOfDefault: 0.031468, grade: .c, reasons: [], contributions: [:])
        let flags = Screening.reviewFlags(app, customer: customer, score: score, policy: policy, now: now)
        #expect(flags.map(\.code) == ["GRADE", "PD", "AMOUNT", "PEP", "CONC", "KYCEXP"])
        #expect(flags.map(\.text) == [
            "grade C",
            "3.15% is at or above the 2.00% auto-approve threshold",   // 0.031468 × 100 = 3.1468 -> 3.15
            "line above the ¥1,000,000 officer limit",
            "politically exposed person",
            "largest position 62% of portfolio",
            "KYC expires within 30 days",
        ])
    }

    @Test("a clean grade-B application goes straight through; each threshold is exclusive on the safe side")
    func straightThrough() {
        // share exactly 30%, KYC exactly 30 days away, line exactly the ¥1,000,000 officer limit, PD just under 2%
        let customer = Fixture.customer(kycExpiry: now.addingTimeInterval(30 * day),
                                        behaviour: Fixture.behaviour(largestShare: 0.30))
        let app = Fixture.application(line: Money(yuan: 1_000_000))
        let b = ScoreResult(points: 601, probabilityOfDefault: 0.0199, grade: .b, reasons: [], contributions: [:])
        #expect(Screening.reviewFlags(app, customer: customer, score: b, policy: policy, now: now).isEmpty)
        // PD at exactly 2% is flagged (at or above)
        let atPD = ScoreResult(points: 600, probabilityOfDefault: 0.02, grade: .b, reasons: [], contributions: [:])
        #expect(Screening.reviewFlags(app, customer: customer, score: atPD, policy: policy, now: now).map(\.code) == ["PD"])
    }
}
