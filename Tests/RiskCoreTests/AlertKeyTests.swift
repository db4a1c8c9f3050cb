import Foundation
import Testing
@testable import RiskCore

private let now = Fixture.now
private let day = Fixture.day

private func position(_ code: String, yuan: Int64, quantity: Int64 = 1_000, previousClose: Money? = nil) -> Position {
    Position(instrument: Fixture.instrument(code: code, name: "N\(code)", price: Money(yuan: yuan), previousClose: previousClose),
             quantity: quantity)
}

/// Issue 6 §5: keys that hid alerts, a ¥0.00 price that meant "no price", stale dormancy, cash left out of the share.
@Suite("Alert keys and wording")
struct AlertKeyTests {
    @Test("KYC expired has its own key, so it opens beside (or after) the expiring one")
    func kycExpiredHasItsOwnKey() throws {
        let expiring = try #require(AlertRules.evaluate(Fixture.customer(kycExpiry: now.addingTimeInterval(10 * day)), now: now).first)
        let expired = try #require(AlertRules.evaluate(Fixture.customer(kycExpiry: now.addingTimeInterval(-1 * day)), now: now).first)
        #expect(expiring.rule == .kycExpiring && expiring.severity == .info)
        #expect(expired.rule == .kycExpired && expired.severity == .warning)
        #expect(expiring.dedupeKey == "customer:C-0001|kyc.expiring")
        #expect(expired.dedupeKey == "customer:C-0001|kyc.expired")
        #expect(expired.message == "KYC of 张三 expired 1 days ago")
    }

    @Test("two concentrated positions of one account are two alerts with two keys")
    func concentrationPerInstrument() {
        // ¥400,000 + ¥350,000 + ¥250,000 = ¥1,000,000, no cash: 40% and 35% are above 30%, 25% is not
        let account = MarginAccount(id: "ACC-5", customerID: "C", cash: .zero,
                                    positions: [position("600001", yuan: 400), position("600002", yuan: 350), position("600003", yuan: 250)],
                                    financed: .zero, accruedInterest: .zero)
        let alerts = AlertRules.evaluate(account).filter { $0.rule == .positionConcentration }
        #expect(alerts.map(\.dedupeKey) == ["account:ACC-5|concentration.position|600001", "account:ACC-5|concentration.position|600002"])
        #expect(alerts.map(\.subject) == ["account:ACC-5", "account:ACC-5"])
        #expect(alerts.map(\.message) == [
            "600001 N600001 is 40% of collateral (cash + securities ¥1,000,000; limit 30%)",
            "600002 N600002 is 35% of collateral (cash + securities ¥1,000,000; limit 30%)",
        ])
    }

    @Test("two limit-down positions of one account are two alerts with two keys")
    func limitDownPerInstrument() {
        // both closed at ¥10 yesterday and trade at ¥9.00 = −10%, the main board's limit
        let account = MarginAccount(id: "ACC-6", customerID: "C", cash: Money(yuan: 1_000_000),
                                    positions: [position("600010", yuan: 9, previousClose: Money(yuan: 10)),
                                                position("600020", yuan: 9, previousClose: Money(yuan: 10))],
                                    financed: .zero, accruedInterest: .zero)
        let alerts = AlertRules.evaluate(account).filter { $0.rule == .limitDown }
        #expect(alerts.map(\.dedupeKey) == ["account:ACC-6|volatility.limit_down|600010", "account:ACC-6|volatility.limit_down|600020"])
        #expect(Set(alerts.map(\.dedupeKey)).count == 2)
    }

    @Test("rules without a scope keep the (subject, rule) key")
    func unscopedKeys() {
        let candidate = AlertCandidate(rule: .marginWarning, severity: .warning, subject: "account:A", message: "m")
        #expect(candidate.scope == nil)
        #expect(candidate.dedupeKey == "account:A|margin.warning")
    }

    @Test("below the warning line but cash alone covers close-out: the alert says no price reaches it, not ¥0.00")
    func unreachableCloseOut() throws {
        // cash ¥1,100,000 + 100 × ¥50 = ¥1,105,000 against ¥800,000 owed: 138.1%, below 150%.
        // Close-out needs 800,000 × 1.3 = ¥1,040,000 of assets, and cash alone has ¥1,100,000.
        let stock = Fixture.instrument(code: "600036", name: "招商银行", price: Money(yuan: 50))
        let account = MarginAccount(id: "ACC-8", customerID: "C", cash: Money(yuan: 1_100_000),
                                    positions: [Position(instrument: stock, quantity: 100)],
                                    financed: Money(yuan: 800_000), accruedInterest: .zero)
        #expect(account.lineCrossing(for: "600036", at: account.lines.closeOut) == .coveredByOtherAssets)
        #expect(account.triggerPrice(for: "600036", at: account.lines.closeOut) == nil)
        let alert = try #require(AlertRules.evaluate(account).first { $0.rule == .marginWarning })
        #expect(alert.message == "maintenance ratio 138.1% is below the 150.00% warning line; no price of 600036 alone reaches close-out (cash and other positions cover it)")
        #expect(!alert.message.contains("¥0.00"))
        // With less cash the price is back: ¥900,000 cash → 1,040,000 − 900,000 = 140,000 / 100 = ¥1,400.00
        var poorer = account
        poorer.cash = Money(yuan: 900_000)
        poorer.positions = [Position(instrument: Fixture.instrument(code: "600036", name: "招商银行", price: Money(yuan: 2_000)), quantity: 100)]
        // assets 900,000 + 200,000 = 1,100,000 / 800,000 = 137.5%
        #expect(poorer.lineCrossing(for: "600036", at: poorer.lines.closeOut) == .price(Money(yuan: 1_400)))
        let poorerAlert = AlertRules.evaluate(poorer).first { $0.rule == .marginWarning }
        #expect(poorerAlert?.message == "maintenance ratio 137.5% is below the 150.00% warning line; close-out if 600036 falls to ¥1,400.00")
    }

    @Test("dormant fires only for a recent waking transfer, not one from years ago")
    func dormantMustBeRecent() {
        func t(_ daysAgo: Double, _ fen: Int64) -> Transfer {
            Transfer(at: now.addingTimeInterval(-daysAgo * day), amount: Money(fen: fen), direction: .incoming, counterparty: "bank")
        }
        // woke 400 days ago after three silent years, quiet since: old news
        #expect(AlertRules.evaluate(transfers: [t(1_500, 100_000), t(400, 50_000_000)], subject: "s", now: now).isEmpty)
        // woke 8 days ago: outside the 7-day window
        #expect(AlertRules.evaluate(transfers: [t(200, 100_000), t(8, 50_000_000)], subject: "s", now: now).isEmpty)
        // woke 7 days ago after 193 silent days, then a small transfer yesterday: the waking one still counts
        let alerts = AlertRules.evaluate(transfers: [t(200, 100_000), t(7, 50_000_000), t(1, 5_000)], subject: "s", now: now)
        #expect(alerts.map(\.rule) == [.amlDormant])
        #expect(alerts.first?.message == "dormant 193 days, then a ¥500,000 transfer")
    }

    @Test("the concentration share counts cash: ¥400,000 of stock beside ¥600,000 cash is 40%, beside ¥1,000,000 it is quiet")
    func shareIncludesCash() {
        func account(cash: Int64) -> MarginAccount {
            MarginAccount(id: "ACC-9", customerID: "C", cash: Money(yuan: cash), positions: [position("600050", yuan: 400)],
                          financed: .zero, accruedInterest: .zero)
        }
        let alerts = AlertRules.evaluate(account(cash: 600_000)).filter { $0.rule == .positionConcentration }
        // 400,000 / (600,000 + 400,000) = 40% (leaving cash out said 100%)
        #expect(alerts.map(\.message) == ["600050 N600050 is 40% of collateral (cash + securities ¥1,000,000; limit 30%)"])
        // 400,000 / 1,400,000 = 28.6%: under the limit
        #expect(AlertRules.evaluate(account(cash: 1_000_000)).filter { $0.rule == .positionConcentration }.isEmpty)
    }
}
