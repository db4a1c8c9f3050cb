import Foundation
import Testing
@testable import RiskCore

/// ¥50,000 cash + 10,000 shares of 300750 at `price`; ¥1,000,000 financed + ¥3,333.33 interest (debt 100,333,333 fen).
private func account(price: Money) -> MarginAccount {
    let stock = Fixture.instrument(code: "300750", name: "宁德样本", board: .chiNext, haircut: 5_000, price: price)
    return MarginAccount(id: "A-T1", customerID: "C-0001", cash: Money(yuan: 50_000),
                         positions: [Position(instrument: stock, quantity: 10_000)],
                         financed: Money(yuan: 1_000_000), accruedInterest: Money(fen: 333_333))
}

private func open(_ id: Int64, _ c: AlertCandidate, margin: MarginAlertDetails? = nil) -> EngineAlert {
    EngineAlert(id: id, dedupeKey: c.dedupeKey, rule: c.rule.rawValue, subject: c.subject, severity: c.severity,
                message: c.message, margin: margin)
}

private let thresholds = AlertThresholds()

@Suite("Alert engine: maintenance-ratio details")
struct MarginAlertDetailsTests {
    @Test("¥160: above the warning line, no margin alert and no details")
    func above() {
        // (5,000,000 + 160,000,000) / 100,333,333 = 164.45%
        #expect(MarginAlertDetails(account(price: Money(yuan: 160))) == nil)
        #expect(!AlertEngine.candidates(for: account(price: Money(yuan: 160)), thresholds: thresholds).contains { $0.candidate.rule == .marginWarning })
    }

    @Test("¥145: below 150%, with the close-out trigger price")
    func warning() throws {
        let candidates = AlertEngine.candidates(for: account(price: Money(yuan: 145)), thresholds: thresholds)
        let margin = try #require(candidates.first { $0.candidate.rule == .marginWarning })
        // ratio: 150,000,000 × 10,000 / 100,333,333 = 14,950.17 → 14,950 bp (149.50%)
        // close-out: debt × 130% = 130,433,332.9 → 130,433,333 fen; − 5,000,000 cash = 125,433,333; / 10,000 shares
        //   = 12,543.33 → rounded up to 12,544 fen = ¥125.44
        #expect(margin.margin == MarginAlertDetails(ratio: BasisPoints(14_950), line: BasisPoints(15_000), triggerCode: "300750",
                                                    triggerLine: BasisPoints(13_000), triggerPrice: Money(fen: 12_544)))
        #expect(margin.candidate.severity == .warning)
    }

    @Test("¥125: below 130%, with the recovery trigger price")
    func closeOut() throws {
        let candidates = AlertEngine.candidates(for: account(price: Money(yuan: 125)), thresholds: thresholds)
        let margin = try #require(candidates.first { $0.candidate.rule == .marginCloseOut })
        // ratio: 130,000,000 × 10,000 / 100,333,333 = 12,956.8 → 12,956 bp
        // recovery: debt × 160% = 160,533,332.8 → 160,533,333; − 5,000,000 = 155,533,333; / 10,000 = 15,553.33 → ¥155.54
        #expect(margin.margin == MarginAlertDetails(ratio: BasisPoints(12_956), line: BasisPoints(13_000), triggerCode: "300750",
                                                    triggerLine: BasisPoints(16_000), triggerPrice: Money(fen: 15_554)))
        #expect(margin.candidate.severity == .critical)
    }
}

@Suite("Alert engine: plan")
struct AlertEnginePlanTests {
    let subject = "account:A-T1"
    let accountRules = AlertEngine.accountRules

    @Test("warning, then close-out, then recovery: raise, update the same alert, clear it")
    func lifecycle() throws {
        let warningCandidates = AlertEngine.candidates(for: account(price: Money(yuan: 145)), thresholds: thresholds)
            .filter { $0.candidate.rule == .marginWarning }
        let raised = AlertEngine.plan(open: [], candidates: warningCandidates, subjects: [subject], rules: accountRules)
        #expect(raised.raise.map(\.candidate.rule) == [.marginWarning])
        #expect(raised.update.isEmpty && raised.clear.isEmpty)

        let stored = open(7, warningCandidates[0].candidate, margin: warningCandidates[0].margin)
        let closeOut = AlertEngine.candidates(for: account(price: Money(yuan: 125)), thresholds: thresholds)
            .filter { $0.candidate.rule == .marginCloseOut }
        let updated = AlertEngine.plan(open: [stored], candidates: closeOut, subjects: [subject], rules: accountRules)
        // One alert per account's ratio: the open warning becomes the close-out, no second alert.
        #expect(updated.raise.isEmpty && updated.clear.isEmpty)
        let update = try #require(updated.update.first)
        #expect(update.alert.id == 7)
        #expect(update.candidate.candidate.severity == .critical)
        #expect(update.isMaterial)

        let recovered = AlertEngine.candidates(for: account(price: Money(yuan: 150)), thresholds: thresholds)
            .filter { $0.candidate.rule == .marginWarning || $0.candidate.rule == .marginCloseOut }
        #expect(recovered.isEmpty)  // 154.48%
        let cleared = AlertEngine.plan(open: [stored], candidates: recovered, subjects: [subject], rules: accountRules)
        #expect(cleared.clear.map(\.id) == [7])
    }

    @Test("dedupe: an open alert with the same figures is left alone; duplicates raise once")
    func dedupe() {
        let c = AlertCandidate(rule: .positionConcentration, severity: .warning, subject: subject, scope: "300750", message: "97%")
        let same = AlertEngine.plan(open: [open(1, c)], candidates: [EngineCandidate(c)], subjects: [subject], rules: accountRules)
        #expect(same.isEmpty)
        let twice = AlertEngine.plan(open: [], candidates: [EngineCandidate(c), EngineCandidate(c)], subjects: [subject], rules: accountRules)
        #expect(twice.raise.count == 1)
        // A new figure in the message is an update, not material (no audit entry for it).
        var moved = c
        moved.message = "96%"
        let plan = AlertEngine.plan(open: [open(1, c)], candidates: [EngineCandidate(moved)], subjects: [subject], rules: accountRules)
        #expect(plan.update.count == 1)
        #expect(plan.update.first?.isMaterial == false)
    }

    @Test("figures-only changes wait for the refresh interval; severity changes never wait")
    func refresh() {
        let t = Fixture.now
        let c = AlertCandidate(rule: .positionConcentration, severity: .warning, subject: subject, scope: "300750", message: "97%")
        var stored = open(1, c)
        stored.updatedAt = t
        var moved = c
        moved.message = "96%"
        // 10 s after the last rewrite, with a 30 s refresh: not yet.
        let early = AlertEngine.plan(open: [stored], candidates: [EngineCandidate(moved)], subjects: [subject], rules: accountRules,
                                     now: t.addingTimeInterval(10), refresh: 30)
        #expect(early.isEmpty)
        // 30 s after: rewritten.
        let due = AlertEngine.plan(open: [stored], candidates: [EngineCandidate(moved)], subjects: [subject], rules: accountRules,
                                   now: t.addingTimeInterval(30), refresh: 30)
        #expect(due.update.count == 1)
        // A margin warning that turns critical is written at once, however recent the last rewrite.
        let warning = AlertCandidate(rule: .marginWarning, severity: .warning, subject: subject, message: "149%")
        var open = open(2, warning)
        open.updatedAt = t
        let critical = AlertCandidate(rule: .marginCloseOut, severity: .critical, subject: subject, message: "129%")
        let worse = AlertEngine.plan(open: [open], candidates: [EngineCandidate(critical)], subjects: [subject], rules: accountRules,
                                     now: t.addingTimeInterval(1), refresh: 30)
        #expect(worse.update.map(\.alert.id) == [2])
    }

    @Test("alerts outside the evaluated subjects or rules are never cleared")
    func scope() {
        let other = AlertCandidate(rule: .marginWarning, severity: .warning, subject: "account:A-OTHER", message: "x")
        let sla = AlertCandidate(rule: .slaBreach, severity: .warning, subject: subject, message: "late")
        let plan = AlertEngine.plan(open: [open(1, other), open(2, sla)], candidates: [], subjects: [subject], rules: accountRules)
        #expect(plan.isEmpty)
    }

    @Test("AML alerts never clear by themselves")
    func amlNeverClears() {
        let structuring = AlertCandidate(rule: .amlStructuring, severity: .warning, subject: subject, message: "3 deposits")
        let dormant = AlertCandidate(rule: .amlDormant, severity: .warning, subject: subject, message: "dormant")
        let plan = AlertEngine.plan(open: [open(1, structuring), open(2, dormant)], candidates: [], subjects: [subject],
                                    rules: AlertEngine.amlRules)
        #expect(plan.clear.isEmpty)
        for rule in AlertEngine.amlRules { #expect(!AlertEngine.clearsItself(rule)) }
        #expect(AlertEngine.clearsItself(.kycExpiring) && AlertEngine.clearsItself(.slaBreach) && AlertEngine.clearsItself(.modelDrift))
    }

    @Test("an unknown rule from a newer riskdesk is left alone")
    func unknownRule() {
        let alert = EngineAlert(id: 3, dedupeKey: "\(subject)|future.rule", rule: "future.rule", subject: subject, severity: .info, message: "?")
        let plan = AlertEngine.plan(open: [alert], candidates: [], subjects: [subject], rules: accountRules)
        #expect(plan.isEmpty)
    }

    @Test("KYC expiring becomes expired in place; a renewal clears it")
    func kycFamily() {
        let s = "customer:C-0001"
        let expiring = AlertCandidate(rule: .kycExpiring, severity: .info, subject: s, message: "expires in 3 days")
        let expired = AlertCandidate(rule: .kycExpired, severity: .warning, subject: s, message: "expired 1 days ago")
        let plan = AlertEngine.plan(open: [open(4, expiring)], candidates: [EngineCandidate(expired)], subjects: [s], rules: AlertEngine.kycRules)
        #expect(plan.update.map(\.alert.id) == [4])
        #expect(plan.raise.isEmpty)
        let renewed = AlertEngine.plan(open: [open(4, expired)], candidates: [], subjects: [s], rules: AlertEngine.kycRules)
        #expect(renewed.clear.map(\.id) == [4])
    }
}

@Suite("Market feed: who may run it")
struct MarketFeedRulesTests {
    @Test("supervisors yes; trainers on training data only; officers and auditors never")
    func roles() {
        #expect(throws: Never.self) { try MarketFeedRules.mayRun(Fixture.supervisor, isTrainingData: false) }
        #expect(throws: Never.self) { try MarketFeedRules.mayRun(Fixture.trainer, isTrainingData: true) }
        #expect(throws: DecisionError.self) { try MarketFeedRules.mayRun(Fixture.trainer, isTrainingData: false) }
        #expect(throws: DecisionError.self) { try MarketFeedRules.mayRun(Fixture.officer, isTrainingData: true) }
        #expect(throws: DecisionError.self) { try MarketFeedRules.mayRun(Fixture.auditor, isTrainingData: true) }
    }
}
