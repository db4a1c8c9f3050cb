import Foundation
import Testing
@testable import RiskCore

@Suite("Scorecard as data")
struct ScorecardDataTests {
    @Test("a card round-trips through its JSON and keeps its scores")
    func roundTrip() throws {
        var card = Scorecard.standard
        card.characteristics.append(Characteristic(code: "CHAN", feature: FeatureCatalog.channel, name: "Channel",
                                                   kind: .categorical, bins: [
            ScoreBin(label: "online", match: .categories(["online"]), woe: 0.1, points: 3),
            ScoreBin(label: "branch, partner", match: .categories(["branch", "partner"]), woe: -0.2, points: -2),
            ScoreBin(label: "missing", match: .missing, points: -5),
        ]))
        card.version = card.contentVersion
        let back = try Scorecard.imported(from: card.exportedJSON())
        #expect(back == card)
        let input = ScoreInput(tenureMonths: 12, largestPositionShare: 0.62, marginCallsLast12Months: 1, maxDaysPastDue: 0,
                               requestedLeverage: Leverage(hundredths: 250), annualTurnover: 12, averageHoldingDays: 10,
                               lineToAssets: 0.8, suitability: .c4, channel: .partner)
        // 518 from the hand-written card (ScorecardTests) and −2 for the partner channel
        #expect(back.score(input).points == 516)
        var noChannel = input
        noChannel.channel = nil
        #expect(back.score(noChannel).points == 513)   // the missing bin: −5
    }

    @Test("the version is a content hash: an edited card is refused, an unedited one accepted")
    func contentHash() throws {
        var card = Scorecard.standard
        card.version = card.contentVersion
        #expect(card.hasContentVersion)
        #expect(card.version.count == 15)
        var edited = card
        edited.characteristics[0].bins[0].points += 1
        #expect(edited.contentVersion != card.version)
        let data = edited.exportedJSON()
        #expect(throws: ScorecardFormatError.self) { try Scorecard.imported(from: data) }
        #expect(throws: ScorecardFormatError.self) { try Scorecard.imported(from: Data("{\"a\":1}".utf8)) }
    }

    @Test("an unseen category and a missing value without a missing bin take the lowest bin")
    func unknownValues() {
        let c = Characteristic(code: "X", feature: "x", name: "X", kind: .categorical, bins: [
            ScoreBin(label: "a", match: .categories(["a"]), points: 10),
            ScoreBin(label: "b", match: .categories(["b"]), points: -4),
        ])
        #expect(c.bin(for: .category("zzz"))?.points == -4)
        #expect(c.bin(for: nil)?.points == -4)
        #expect(c.bin(for: .category("a"))?.points == 10)
    }

    @Test("reason words round whole numbers as text: a NaN or a huge value does not trap")
    func reasonWords() throws {
        let card = Scorecard.standard
        let conc = try #require(card.characteristics.first { $0.code == "CONC" })
        let calls = try #require(card.characteristics.first { $0.code == "CALLS" })
        #expect(FeatureCatalog.explain(conc, value: .number(0.625), bin: nil) == "largest position is 63% of the portfolio")
        #expect(FeatureCatalog.explain(calls, value: .number(1), bin: nil) == "1 margin call in the last 12 months")
        #expect(FeatureCatalog.explain(calls, value: .number(3), bin: nil) == "3 margin calls in the last 12 months")
        #expect(FeatureCatalog.explain(conc, value: .number(.nan), bin: nil) == "largest position is nan% of the portfolio")
        #expect(FeatureCatalog.explain(calls, value: .number(1e300), bin: nil).hasSuffix("margin calls in the last 12 months"))
    }

    @Test("the loan history process: matured outcomes only, bad rates as documented, same seed same history")
    func history() {
        let asOf = Date(timeIntervalSince1970: 1_796_000_000)
        let loans = LoanHistoryProcess.draw(count: 20_000, seed: 7, asOf: asOf)
        #expect(loans == LoanHistoryProcess.draw(count: 20_000, seed: 7, asOf: asOf))
        let matured = loans.compactMap(\.defaulted12m)
        let recent = loans.filter { asOf.timeIntervalSince($0.appliedAt) < 365 * 86_400 }
        #expect(recent.allSatisfy { $0.defaulted12m == nil })
        #expect(matured.count == loans.count - recent.count)
        let defaultRate = Double(matured.filter { $0 }.count) / Double(matured.count)
        let calls = loans.compactMap(\.marginCall30d)
        let callRate = Double(calls.filter { $0 }.count) / Double(calls.count)
        print("default rate \(defaultRate), margin-call rate \(callRate), unknown holding \(loans.filter(\.holdingUnknown).count)")
        #expect((0.04...0.12).contains(defaultRate))
        #expect((0.06...0.20).contains(callRate))
    }
}
