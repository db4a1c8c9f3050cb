import Foundation
import Testing
@testable import RiskCore

private let now = Fixture.now
private let day = Fixture.day

/// ¥100,000 cash + 10,000 shares of 600036 at ¥50 (¥500,000), with `financed` owed.
private func account(financed: Int64) -> MarginAccount {
    let stock = Fixture.instrument(code: "600036", name: "招商银行", constituent: true, haircut: 7_000, price: Money(yuan: 50))
    return MarginAccount(id: "ACC-00012", customerID: "C-0001", cash: Money(yuan: 100_000),
                         positions: [Position(instrument: stock, quantity: 10_000)],
                         financed: Money(yuan: financed), accruedInterest: .zero)
}

private func rules(_ alerts: [AlertCandidate]) -> [AlertRule] { alerts.map(\.rule) }

@Suite("Alert rules: margin accounts")
struct AccountAlertTests {
    @Test("below the warning line: warning with the close-out trigger price")
    func warning() throws {
        // 600,000 / 420,000 = 142.9%
        let alerts = AlertRules.evaluate(account(financed: 420_000)).filter { $0.rule == .marginWarning }
        let alert = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(alert.severity == .warning)
        #expect(alert.subject == "account:ACC-00012")
        #expect(alert.dedupeKey == "account:ACC-00012|margin.warning")
        // close-out at 130%: 420,000 × 1.3 = 546,000 − 100,000 cash = 446,000 / 10,000 = ¥44.60
        #expect(alert.message == "maintenance ratio 142.9% is below the 150.00% warning line; close-out if 600036 falls to ¥44.60")
    }

    @Test("exactly at the warning line: no margin alert")
    func atWarning() {
        // 600,000 / 400,000 = 150.0%, not below 150%
        let alerts = AlertRules.evaluate(account(financed: 400_000))
        #expect(!rules(alerts).contains(.marginWarning))
        #expect(!rules(alerts).contains(.marginCloseOut))
    }

    @Test("below the close-out line: critical with the recovery price")
    func closeOut() throws {
        // 600,000 / 470,000 = 127.7%
        let alerts = AlertRules.evaluate(account(financed: 470_000))
        #expect(!rules(alerts).contains(.marginWarning))
        let alert = try #require(alerts.first { $0.rule == .marginCloseOut })
        #expect(alert.severity == .critical)
        #expect(alert.dedupeKey == "account:ACC-00012|margin.closeout")
        // recovery to 160%: 470,000 × 1.6 = 752,000 − 100,000 = 652,000 / 10,000 = ¥65.20
        #expect(alert.message == "maintenance ratio 127.7% is below the 130.00% close-out line; recovery to 160.00% needs 600036 at ¥65.20")
        // just above close-out: 600,000 / 460,000 = 130.4% is only a warning
        let above = AlertRules.evaluate(account(financed: 460_000))
        #expect(rules(above).contains(.marginWarning))
        #expect(!rules(above).contains(.marginCloseOut))
    }

    @Test("per-contract lines are honoured")
    func contractLines() {
        var a = account(financed: 400_000)   // 150%
        a.lines = MarginLines(warning: BasisPoints(16_000), closeOut: BasisPoints(14_000))
        let alert = AlertRules.evaluate(a).first { $0.rule == .marginWarning }
        // close-out at 140%: 560,000 − 100,000 = 460,000 / 10,000 = ¥46.00
        #expect(alert?.message == "maintenance ratio 150.0% is below the 160.00% warning line; close-out if 600036 falls to ¥46.00")
    }

    @Test("position concentration above 30% of collateral; exactly 30% does not fire")
    func positionConcentration() {
        func stock(_ code: String, _ yuan: Int64) -> Position {
            Position(instrument: Fixture.instrument(code: code, name: "N\(code)", price: Money(yuan: yuan)), quantity: 1_000)
        }
        // ¥310,000 / ¥300,000 / ¥200,000 / ¥190,000 of a ¥1,000,000 book: 31%, 30%, 20%, 19%
        let a = MarginAccount(id: "ACC-7", customerID: "C", cash: .zero,
                              positions: [stock("A", 310), stock("B", 300), stock("C", 200), stock("D", 190)],
                              financed: .zero, accruedInterest: .zero)
        let alerts = AlertRules.evaluate(a)
        #expect(alerts.count == 1)
        #expect(alerts.first?.rule == .positionConcentration)
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.message == "A NA is 31% of collateral (cash + securities ¥1,000,000; limit 30%)")
        #expect(alerts.first?.dedupeKey == "account:ACC-7|concentration.position|A")
    }

    @Test("limit-down on a held position is critical; one fen above is not")
    func limitDown() {
        func acct(_ priceFen: Int64) -> MarginAccount {
            let i = Fixture.instrument(code: "600111", name: "北方稀土", price: Money(fen: priceFen), previousClose: Money(yuan: 10))
            let other = Fixture.instrument(code: "510300", name: "ETF", board: .etf, price: Money(yuan: 10))
            // two equal-ish positions so concentration fires independently; financed 0 keeps margin rules quiet
            return MarginAccount(id: "ACC-9", customerID: "C", cash: .zero,
                                 positions: [Position(instrument: i, quantity: 100), Position(instrument: other, quantity: 100)],
                                 financed: .zero, accruedInterest: .zero)
        }
        // main board: limit-down is 1000 × 0.9 = 900 fen
        let down = AlertRules.evaluate(acct(900)).filter { $0.rule == .limitDown }
        #expect(down.count == 1)
        #expect(down.first?.severity == .critical)
        #expect(down.first?.message == "600111 北方稀土 is limit-down (-10.0%)")
        #expect(down.first?.dedupeKey == "account:ACC-9|volatility.limit_down|600111")
        #expect(AlertRules.evaluate(acct(901)).filter { $0.rule == .limitDown }.isEmpty)
    }
}

@Suite("Alert rules: instruments")
struct InstrumentAlertTests {
    @Test("a move of 70% of the daily limit fires; just under does not")
    func volatility() {
        // main board ±10%: 70% of it is 7%. ¥10.00 -> ¥10.70 is +7.0%
        let up = Fixture.instrument(code: "600000", name: "浦发银行", price: Money(fen: 1_070), previousClose: Money(yuan: 10))
        let alerts = AlertRules.evaluate(up)
        #expect(alerts.count == 1)
        #expect(alerts.first?.rule == .volatilityMove)
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.dedupeKey == "instrument:600000|volatility.move")
        #expect(alerts.first?.message == "600000 浦发银行 moved +7.0%, beyond 70% of its ±10% limit")
        // +6.9%
        #expect(AlertRules.evaluate(Fixture.instrument(price: Money(fen: 1_069), previousClose: Money(yuan: 10))).isEmpty)
        // −8% is beyond 7% too
        #expect(rules(AlertRules.evaluate(Fixture.instrument(price: Money(fen: 920), previousClose: Money(yuan: 10)))) == [.volatilityMove])
        // at limit-down the account rule takes over, not this one
        #expect(AlertRules.evaluate(Fixture.instrument(price: Money(fen: 900), previousClose: Money(yuan: 10))).isEmpty)
        // ChiNext ±20%: 70% is 14%. +13.9% does not fire, +14.0% does
        #expect(AlertRules.evaluate(Fixture.instrument(board: .chiNext, price: Money(fen: 1_139), previousClose: Money(yuan: 10))).isEmpty)
        #expect(rules(AlertRules.evaluate(Fixture.instrument(board: .chiNext, price: Money(fen: 1_140), previousClose: Money(yuan: 10)))) == [.volatilityMove])
    }

    @Test("financing balance at 25% of float fires; just under does not")
    func floatConcentration() {
        // float 1,000,000 shares × ¥10 = ¥10,000,000; 25% = ¥2,500,000
        let at = Fixture.instrument(code: "300750", name: "宁德时代", board: .chiNext, price: Money(yuan: 10),
                                    freeFloat: 1_000_000, financing: Money(yuan: 2_500_000))
        let alerts = AlertRules.evaluate(at)
        #expect(alerts.map(\.rule) == [.floatConcentration])
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.dedupeKey == "instrument:300750|concentration.float")
        #expect(alerts.first?.message == "financing balance in 300750 is 25% of its float (limit 25%)")
        let under = Fixture.instrument(price: Money(yuan: 10), freeFloat: 1_000_000, financing: Money(fen: 249_999_999))
        #expect(AlertRules.evaluate(under).isEmpty)
    }
}

@Suite("Alert rules: AML transfers")
struct AMLAlertTests {
    func t(_ daysAgo: Double, _ fen: Int64, _ direction: Transfer.Direction = .incoming, _ cp: String = "bank") -> Transfer {
        Transfer(at: now.addingTimeInterval(-daysAgo * day), amount: Money(fen: fen), direction: direction, counterparty: cp)
    }

    @Test("three deposits between ¥45,000 and ¥50,000 in 7 days look like structuring")
    func structuring() {
        // band: 90% of ¥50,000 = ¥45,000 (inclusive) up to ¥50,000 (exclusive)
        let three = [t(1, 4_500_000), t(3, 4_999_999), t(6.5, 4_800_000)]
        let alerts = AlertRules.evaluate(transfers: three, subject: "account:ACC-1", now: now)
        #expect(alerts.map(\.rule) == [.amlStructuring])
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.dedupeKey == "account:ACC-1|aml.structuring")
        #expect(alerts.first?.message == "3 deposits just under the ¥50,000 reporting threshold in 7 days")
        // just inside: only two in the band (one is exactly ¥50,000, one ¥44,999.99, one 8 days old, one outgoing)
        let near = [t(1, 4_500_000), t(2, 4_999_999), t(3, 5_000_000), t(4, 4_499_999), t(8, 4_800_000),
                    t(5, 4_800_000, .outgoing)]
        #expect(AlertRules.evaluate(transfers: near, subject: "account:ACC-1", now: now).isEmpty)
    }

    @Test("funds in from five sources and 80% out to one is a funnel")
    func funnel() {
        // 5 × ¥20,000 in = ¥100,000; ¥80,000 out = 80%
        let ins = (1...5).map { t(Double($0), 2_000_000, .incoming, "src\($0)") }
        let alerts = AlertRules.evaluate(transfers: ins + [t(0.5, 8_000_000, .outgoing, "mule")], subject: "account:ACC-2", now: now)
        #expect(alerts.map(\.rule) == [.amlFunnel])
        #expect(alerts.first?.severity == .critical)
        #expect(alerts.first?.message == "funds in from 5 sources, ¥80,000 out to one (mule)")
        // ¥79,999.99 out is under 80%
        #expect(AlertRules.evaluate(transfers: ins + [t(0.5, 7_999_999, .outgoing, "mule")], subject: "s", now: now).isEmpty)
        // four sources is not enough
        #expect(AlertRules.evaluate(transfers: Array(ins.prefix(4)) + [t(0.5, 8_000_000, .outgoing, "mule")], subject: "s", now: now).isEmpty)
    }

    @Test("a dormant account suddenly moving ¥100,000")
    func dormant() {
        // silent from 182 days ago until 2 days ago: a 180-day gap, woken within the 7-day window
        let alerts = AlertRules.evaluate(transfers: [t(182, 100_000), t(2, 10_000_000)], subject: "account:ACC-3", now: now)
        #expect(alerts.map(\.rule) == [.amlDormant])
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.message == "dormant 180 days, then a ¥100,000 transfer")
        // 179 days' gap, or ¥99,999.99, does not fire
        #expect(AlertRules.evaluate(transfers: [t(181, 100_000), t(2, 10_000_000)], subject: "s", now: now).isEmpty)
        #expect(AlertRules.evaluate(transfers: [t(182, 100_000), t(2, 9_999_999)], subject: "s", now: now).isEmpty)
    }

    @Test("more than ten transfers in 24 hours")
    func velocity() {
        let eleven = (0..<11).map { t(Double($0) / 24, 100_000, .outgoing, "x") }   // hourly, ¥1,000 out
        let alerts = AlertRules.evaluate(transfers: eleven, subject: "account:ACC-4", now: now)
        #expect(alerts.map(\.rule) == [.amlVelocity])
        #expect(alerts.first?.message == "11 transfers in 24 hours (limit 10)")
        #expect(AlertRules.evaluate(transfers: Array(eleven.prefix(10)), subject: "s", now: now).isEmpty)
        // transfers dated after `now` are ignored
        let future = eleven.prefix(10) + [Transfer(at: now.addingTimeInterval(60), amount: Money(yuan: 1), direction: .outgoing, counterparty: "x")]
        #expect(AlertRules.evaluate(transfers: Array(future), subject: "s", now: now).isEmpty)
    }
}

@Suite("Alert rules: KYC, SLA, drift, sentiment")
struct OtherAlertTests {
    @Test("KYC expiring within 30 days is info; expired is a warning; 31 days is quiet")
    func kyc() {
        let soon = AlertRules.evaluate(Fixture.customer(kycExpiry: now.addingTimeInterval(30 * day)), now: now)
        #expect(soon.map(\.severity) == [.info])
        #expect(soon.first?.rule == .kycExpiring)
        #expect(soon.first?.dedupeKey == "customer:C-0001|kyc.expiring")
        #expect(soon.first?.message == "KYC of 张三 expires in 30 days")
        #expect(AlertRules.evaluate(Fixture.customer(kycExpiry: now.addingTimeInterval(31 * day)), now: now).isEmpty)
        let expired = AlertRules.evaluate(Fixture.customer(kycExpiry: now.addingTimeInterval(-3 * day)), now: now)
        #expect(expired.map(\.severity) == [.warning])
        #expect(expired.first?.message == "KYC of 张三 expired 3 days ago")
    }

    @Test("SLA breach only for stages that need a person")
    func sla() {
        // due 3.5 hours ago -> "3h past"
        let late = now.addingTimeInterval(-3.5 * 3_600)
        let alerts = AlertRules.evaluate(Fixture.application(stage: .manualReview, slaDue: late), now: now)
        #expect(alerts.count == 1)
        #expect(alerts.first?.rule == .slaBreach)
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.dedupeKey == "application:APP-000123|sla.breach")
        #expect(alerts.first?.message == "APP-000123 in manual review is 3h past its SLA")
        #expect(AlertRules.evaluate(Fixture.application(stage: .escalated, slaDue: late), now: now).count == 1)
        #expect(AlertRules.evaluate(Fixture.application(stage: .awaitingSecondApproval, slaDue: late), now: now).count == 1)
        #expect(AlertRules.evaluate(Fixture.application(stage: .compliance, slaDue: late), now: now).isEmpty)
        #expect(AlertRules.evaluate(Fixture.application(stage: .infoRequested, slaDue: late), now: now).isEmpty)
        // due exactly now is not yet breached
        #expect(AlertRules.evaluate(Fixture.application(stage: .manualReview, slaDue: now), now: now).isEmpty)
    }

    @Test("model drift above PSI 0.25 is critical")
    func drift() {
        let alerts = AlertRules.evaluateDrift(psi: 0.26, modelVersion: "sc-2026.1")
        #expect(alerts.map(\.severity) == [.critical])
        #expect(alerts.first?.rule == .modelDrift)
        #expect(alerts.first?.dedupeKey == "model:sc-2026.1|model.drift")
        #expect(alerts.first?.message == "score PSI 0.260 is above 0.25: the population has shifted")
        #expect(AlertRules.evaluateDrift(psi: 0.25, modelVersion: "sc-2026.1").isEmpty)
    }

    @Test("sentiment beyond ±0.6")
    func sentiment() {
        let fear = AlertRules.evaluateSentiment(-0.61)
        #expect(fear.map(\.severity) == [.warning])
        #expect(fear.first?.dedupeKey == "market|sentiment.extreme")
        #expect(fear.first?.message == "sentiment index -0.61 is beyond ±0.60 (fear)")
        #expect(AlertRules.evaluateSentiment(0.7).first?.message == "sentiment index +0.70 is beyond ±0.60 (euphoria)")
        #expect(AlertRules.evaluateSentiment(0.6).isEmpty)
        #expect(AlertRules.evaluateSentiment(-0.6).isEmpty)
    }

    @Test("severity order and tags")
    func severity() {
        #expect(Severity.info < .warning && Severity.warning < .critical)
        #expect(Severity.allCases.map(\.tag) == ["INFO", "WARN", "CRIT"])
    }
}
