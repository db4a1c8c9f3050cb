import Foundation
@testable import RiskCore

/// Shared test data. A fixed clock: 2026-01-01T00:00:00Z.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let day: TimeInterval = 86_400

    static func behaviour(turnover: Double = 5, holdingDays: Int = 30, largestShare: Double = 0.25,
                          calls: Int = 0, dpd: Int = 0) -> TradingBehaviour {
        TradingBehaviour(annualTurnover: turnover, averageHoldingDays: holdingDays, largestPositionShare: largestShare,
                         marginCallsLast12Months: calls, maxDaysPastDue: dpd)
    }

    static func customer(id: String = "C-0001", name: String = "张三", suitability: Suitability = .c4,
                         kyc: KYCStatus = .valid, kycExpiry: Date = now.addingTimeInterval(365 * day),
                         aml: AMLStatus = .clear, pep: Bool = false, tenure: Int = 36,
                         behaviour: TradingBehaviour = behaviour(),
                         assets: Money = Money(yuan: 1_000_000)) -> Customer {
        Customer(id: id, name: name, nationalID: "110101199003074518", phone: "13812342210", segment: .retail,
                 suitability: suitability, kycStatus: kyc, kycExpiry: kycExpiry, amlStatus: aml, isPEP: pep,
                 tenureMonths: tenure, behaviour: behaviour, securitiesAssets: assets, liabilities: .zero,
                 lifetimeValue: Money(yuan: 20_000))
    }

    static func application(id: String = "APP-000123", line: Money = Money(yuan: 400_000),
                            leverage: Leverage = Leverage(hundredths: 250), stage: Stage = .manualReview,
                            approvedLine: Money? = nil, approvedLeverage: Leverage? = nil,
                            claimedBy: String? = nil, claimExpiresAt: Date? = nil,
                            slaDue: Date = now.addingTimeInterval(86_400), decidedAt: Date? = nil,
                            version: Int = 4) -> Application {
        Application(id: id, customerID: "C-0001", requestedLine: line, requestedLeverage: leverage, termMonths: 6,
                    channel: .online, stage: stage, approvedLine: approvedLine, approvedLeverage: approvedLeverage,
                    claimedBy: claimedBy, claimExpiresAt: claimExpiresAt,
                    submittedAt: now.addingTimeInterval(-2 * 86_400), slaDue: slaDue, decidedAt: decidedAt,
                    version: version)
    }

    static let officer = User(name: "olga", displayName: "Olga", role: .officer, approvalLimit: Money(yuan: 500_000))
    static let supervisor = User(name: "sam", displayName: "Sam", role: .supervisor, approvalLimit: Money(yuan: 5_000_000))
    static let supervisor2 = User(name: "sue", displayName: "Sue", role: .supervisor, approvalLimit: Money(yuan: 5_000_000))
    static let auditor = User(name: "ada", displayName: "Ada", role: .auditor, approvalLimit: Money(yuan: 5_000_000))
    static let trainer = User(name: "tina", displayName: "Tina", role: .trainer, approvalLimit: Money(yuan: 5_000_000))

    static func instrument(code: String = "600000", name: String = "浦发银行", board: Board = .main,
                           constituent: Bool = false, st: Bool = false, suspended: Bool = false,
                           haircut: Int = 6_000, price: Money = Money(yuan: 50),
                           previousClose: Money? = nil, volatility: Double = 0.25,
                           freeFloat: Int64 = 0, financing: Money = .zero) -> Instrument {
        Instrument(code: code, name: name, board: board, isIndexConstituent: constituent, isSpecialTreatment: st,
                   isSuspended: suspended, haircut: BasisPoints(haircut), lastPrice: price,
                   previousClose: previousClose ?? price, volatility: volatility, freeFloatShares: freeFloat,
                   financingBalance: financing)
    }
}
