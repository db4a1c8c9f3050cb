import Foundation
import Testing
@testable import RiskCore

private let now = Fixture.now
private let day = Fixture.day

/// An applicant's account holding `worth` of one main-board index constituent (70% haircut), no cash, nothing financed.
private func account(worth: Money) -> MarginSnapshot {
    MarginSnapshot(cash: .zero, positions: [
        Position(instrument: Fixture.instrument(constituent: true, haircut: 7_000, price: Money(yuan: 10)), quantity: worth.fen / 1_000),
    ])
}

/// An application at a leverage within the 1.7× cap unless said otherwise.
private func application(line: Money = Money(yuan: 400_000), leverage: Leverage = Leverage(hundredths: 150)) -> Application {
    Fixture.application(line: line, leverage: leverage)
}

@Suite("Screening")
struct ScreeningTests {
    let policy = ScreeningPolicy()

    @Test("a compliant application passes prescreen, including every boundary value")
    func passes() {
        // exactly ¥500,000 of assets, C3, line exactly 500,000 × 70% ÷ 100% = 350,000, leverage exactly 1.7×
        let customer = Fixture.customer(suitability: .c3, assets: Money(yuan: 500_000))
        let app = application(line: Money(yuan: 350_000), leverage: Leverage(hundredths: 170))
        #expect(Screening.prescreen(app, customer: customer, account: account(worth: Money(yuan: 500_000)), policy: policy,
                                    now: now).isEmpty)
    }

    @Test("maximum financing is Art. 40 available margin ÷ ratio, not assets ÷ ratio")
    func maximumFinancing() {
        // ¥400,000 of a 70% constituent: 280,000 available; ÷ 100% = 280,000 (the old 50% rule allowed 800,000)
        #expect(Screening.maximumFinancing(account(worth: Money(yuan: 400_000)), ratio: policy.financingMarginRatio) == Money(yuan: 280_000))
        // ÷ 80% = 350,000
        #expect(Screening.maximumFinancing(account(worth: Money(yuan: 400_000)), ratio: BasisPoints(8_000)) == Money(yuan: 350_000))
        #expect(Screening.maximumFinancing(account(worth: Money(yuan: 400_000)), ratio: .zero) == .zero)
        // ¥1,000,000 of securities can no longer borrow ¥2,000,000
        #expect(Screening.maximumFinancing(account(worth: Money(yuan: 1_000_000)), ratio: policy.financingMarginRatio) == Money(yuan: 700_000))
    }

    @Test("every prescreen failure is flagged with its code and words")
    func failures() {
        let customer = Fixture.customer(suitability: .c2, kyc: .expired, aml: .review, assets: Money(yuan: 400_000))
        let app = application(line: Money(yuan: 900_000), leverage: Leverage(hundredths: 350))
        let flags = Screening.prescreen(app, customer: customer, account: account(worth: Money(yuan: 400_000)), policy: policy, now: now)
        #expect(flags.map(\.code) == ["KYC", "AML", "SUIT", "ASSETS", "RATIO", "LEV"])
        #expect(flags.map(\.text) == [
            "KYC is expired",
            "AML screening is review",
            "suitability C2 is below C3",
            "securities assets ¥400,000 are below ¥500,000",
            "requested ¥900,000 exceeds the ¥280,000 the 100% margin ratio allows",   // 400,000 × 70% ÷ 100%
            "leverage 3.5× is above the 1.7× cap",
        ])
    }

    @Test("KYC marked valid but past its expiry is reported as expired; pending as pending")
    func kycWording() {
        let app = application()
        let holdings = account(worth: Money(yuan: 1_000_000))
        let lapsed = Fixture.customer(kyc: .valid, kycExpiry: now.addingTimeInterval(-day))
        #expect(Screening.prescreen(app, customer: lapsed, account: holdings, policy: policy, now: now).map(\.text) == ["KYC is expired"])
        let pending = Fixture.customer(kyc: .pending)
        #expect(Screening.prescreen(app, customer: pending, account: holdings, policy: policy, now: now).map(\.text) == ["KYC is pending"])
        let hit = Fixture.customer(aml: .hit)
        #expect(Screening.prescreen(app, customer: hit, account: holdings, policy: policy, now: now).map(\.text) == ["AML screening is hit"])
    }

    @Test("one fen over the margin-ratio allowance is flagged")
    func ratioEdge() {
        let customer = Fixture.customer(assets: Money(yuan: 500_000))   // 500,000 × 70% ÷ 100% allows ¥350,000
        let holdings = account(worth: Money(yuan: 500_000))
        let exact = application(line: Money(yuan: 350_000))
        #expect(Screening.prescreen(exact, customer: customer, account: holdings, policy: policy, now: now).isEmpty)
        let app = application(line: Money(fen: 35_000_001))
        #expect(Screening.prescreen(app, customer: customer, account: holdings, policy: policy, now: now).map(\.code) == ["RATIO"])
        // what is already financed is taken off: ¥100,000 financed leaves 350,000 − 100,000 = 250,000
        var indebted = holdings
        indebted.financed = Money(yuan: 100_000)
        #expect(Screening.prescreen(application(line: Money(yuan: 250_000)), customer: customer, account: indebted, policy: policy,
                                    now: now).isEmpty)
        #expect(Screening.prescreen(application(line: Money(yuan: 250_001)), customer: customer, account: indebted, policy: policy,
                                    now: now).map(\.code) == ["RATIO"])
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
