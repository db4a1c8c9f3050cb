import Foundation

/// Which kind of client a customer is; drives limits and the officer who may handle them.
public enum Segment: String, CaseIterable, Sendable, Codable {
    case retail, highNetWorth = "high_net_worth", institutional

    public var label: String {
        switch self {
        case .retail: "retail"
        case .highNetWorth: "high-net-worth"
        case .institutional: "institutional"
        }
    }
}

/// The investor-suitability level C1 (most conservative) to C5; margin needs at least C3.
public enum Suitability: Int, CaseIterable, Comparable, Sendable, Codable {
    case c1 = 1, c2, c3, c4, c5

    public static func < (lhs: Suitability, rhs: Suitability) -> Bool { lhs.rawValue < rhs.rawValue }
    public var label: String { "C\(rawValue)" }

    public init?(label: String) {
        guard label.count == 2, label.uppercased().first == "C", let n = Int(label.dropFirst()),
              let level = Suitability(rawValue: n) else { return nil }
        self = level
    }
}

/// The know-your-customer file's state.
public enum KYCStatus: String, CaseIterable, Sendable, Codable {
    case valid, expired, pending
}

/// The anti-money-laundering screening result.
public enum AMLStatus: String, CaseIterable, Sendable, Codable {
    case clear, review, hit
}

/// Behaviour the scorecard and pricing read, measured over the last twelve months.
public struct TradingBehaviour: Hashable, Sendable, Codable {
    /// Annual turnover as a multiple of the average portfolio value.
    public var annualTurnover: Double
    public var averageHoldingDays: Int
    /// The largest single position as a share of the portfolio, 0...1.
    public var largestPositionShare: Double
    public var marginCallsLast12Months: Int
    public var maxDaysPastDue: Int

    public init(annualTurnover: Double, averageHoldingDays: Int, largestPositionShare: Double,
                marginCallsLast12Months: Int, maxDaysPastDue: Int) {
        self.annualTurnover = annualTurnover
        self.averageHoldingDays = averageHoldingDays
        self.largestPositionShare = largestPositionShare
        self.marginCallsLast12Months = marginCallsLast12Months
        self.maxDaysPastDue = maxDaysPastDue
    }
}

/// A client of the firm, as the risk desk sees them. National ID and phone are stored in full and masked in every view.
public struct Customer: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var nationalID: String
    public var phone: String
    public var segment: Segment
    public var suitability: Suitability
    public var kycStatus: KYCStatus
    public var kycExpiry: Date
    public var amlStatus: AMLStatus
    public var isPEP: Bool
    public var tenureMonths: Int
    public var behaviour: TradingBehaviour
    /// Securities assets held at the firm (market value).
    public var securitiesAssets: Money
    public var liabilities: Money
    public var lifetimeValue: Money

    public init(id: String, name: String, nationalID: String, phone: String, segment: Segment,
                suitability: Suitability, kycStatus: KYCStatus, kycExpiry: Date, amlStatus: AMLStatus,
                isPEP: Bool, tenureMonths: Int, behaviour: TradingBehaviour, securitiesAssets: Money,
                liabilities: Money, lifetimeValue: Money) {
        self.id = id
        self.name = name
        self.nationalID = nationalID
        self.phone = phone
        self.segment = segment
        self.suitability = suitability
        self.kycStatus = kycStatus
        self.kycExpiry = kycExpiry
        self.amlStatus = amlStatus
        self.isPEP = isPEP
        self.tenureMonths = tenureMonths
        self.behaviour = behaviour
        self.securitiesAssets = securitiesAssets
        self.liabilities = liabilities
        self.lifetimeValue = lifetimeValue
    }

    public var maskedPhone: String { Masking.phone(phone) }
    public var maskedNationalID: String { Masking.nationalID(nationalID) }

    /// True when KYC is valid and does not expire before `date`.
    public func hasValidKYC(on date: Date) -> Bool { kycStatus == .valid && kycExpiry > date }
}
