import Foundation

/// How an application reached the firm.
public enum Channel: String, CaseIterable, Sendable, Codable {
    case online, branch, partner
}

/// A reason an application was routed to a person, or failed prescreen.
public struct Flag: Hashable, Sendable, Codable {
    public var code: String
    public var text: String

    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }
}

/// A request for a margin-financing credit line, as it moves through the pipeline.
public struct Application: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var customerID: String
    public var requestedLine: Money
    public var requestedLeverage: Leverage
    public var termMonths: Int
    public var channel: Channel
    public var stage: Stage
    public var flags: [Flag]
    public var score: Int?
    public var probabilityOfDefault: Double?
    public var grade: Grade?
    public var quotedRate: BasisPoints?
    public var approvedLine: Money?
    public var approvedLeverage: Leverage?
    /// The rate the approval granted (the quote plus any override), carried to the contract.
    public var approvedRate: BasisPoints?
    public var claimedBy: String?
    public var claimExpiresAt: Date?
    public var submittedAt: Date
    public var slaDue: Date
    public var decidedAt: Date?
    /// Bumped on every write; a decision made against an older version is refused.
    public var version: Int

    public init(id: String, customerID: String, requestedLine: Money, requestedLeverage: Leverage,
                termMonths: Int, channel: Channel, stage: Stage, flags: [Flag] = [], score: Int? = nil,
                probabilityOfDefault: Double? = nil, grade: Grade? = nil, quotedRate: BasisPoints? = nil,
                approvedLine: Money? = nil, approvedLeverage: Leverage? = nil, claimedBy: String? = nil,
                claimExpiresAt: Date? = nil, submittedAt: Date, slaDue: Date, decidedAt: Date? = nil,
                version: Int = 1) {
        self.id = id
        self.customerID = customerID
        self.requestedLine = requestedLine
        self.requestedLeverage = requestedLeverage
        self.termMonths = termMonths
        self.channel = channel
        self.stage = stage
        self.flags = flags
        self.score = score
        self.probabilityOfDefault = probabilityOfDefault
        self.grade = grade
        self.quotedRate = quotedRate
        self.approvedLine = approvedLine
        self.approvedLeverage = approvedLeverage
        self.approvedRate = nil
        self.claimedBy = claimedBy
        self.claimExpiresAt = claimExpiresAt
        self.submittedAt = submittedAt
        self.slaDue = slaDue
        self.decidedAt = decidedAt
        self.version = version
    }

    /// The user holding a live claim at `date`, if any.
    public func claimHolder(at date: Date) -> String? {
        guard let holder = claimedBy, let expiry = claimExpiresAt, expiry > date else { return nil }
        return holder
    }

    /// The line and leverage a decision now acts on: the first approver's terms while a second approval is
    /// pending (a second approver confirms or lowers them, never the request), else the request.
    public var termsUnderReview: (line: Money, leverage: Leverage) {
        stage == .awaitingSecondApproval
            ? (approvedLine ?? requestedLine, approvedLeverage ?? requestedLeverage)
            : (requestedLine, requestedLeverage)
    }

    /// Time left before the SLA is breached (negative once breached).
    public func slaRemaining(at date: Date) -> TimeInterval { slaDue.timeIntervalSince(date) }
}

/// Why an application was rejected; the officer must pick one.
public struct ReasonCode: Hashable, Sendable, Codable {
    public var code: String
    public var text: String

    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }

    /// The standard rejection reasons, worded so the customer can be told.
    public static let rejectionReasons: [ReasonCode] = [
        ReasonCode(code: "R01", text: "Collateral is not enough for the requested line"),
        ReasonCode(code: "R02", text: "Credit score is below the policy minimum"),
        ReasonCode(code: "R03", text: "Portfolio is too concentrated in one holding"),
        ReasonCode(code: "R04", text: "KYC or AML checks are not satisfied"),
        ReasonCode(code: "R05", text: "Suitability level does not allow margin trading"),
        ReasonCode(code: "R06", text: "Recent repayment history is adverse"),
        ReasonCode(code: "R07", text: "Information requested was not provided"),
        ReasonCode(code: "R08", text: "Requested leverage is beyond policy"),
    ]

    public static func rejection(_ code: String) -> ReasonCode? {
        rejectionReasons.first { $0.code.caseInsensitiveCompare(code) == .orderedSame }
    }
}
