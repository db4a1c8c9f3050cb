import Foundation
import GRDB
import RiskCore

/// A new online application the feed submits: who applies and how much of what they may ask for.
public struct FeedApplicationRequest: Hashable, Sendable {
    public var customerID: String
    /// The share of the requestable line asked for (above 1 asks for more than the rules allow: prescreen rejects it).
    public var share: Double
    public var termMonths: Int
    /// Board and recent volatility of what the customer means to buy, for the quote's volatility premium.
    public var board: Board
    public var volatility: Double
    /// Hours until the SLA of a manual review is due.
    public var slaHours: Int

    public init(customerID: String, share: Double, termMonths: Int = 6, board: Board = .main, volatility: Double = 0.3,
                slaHours: Int = 24) {
        self.customerID = customerID
        self.share = share
        self.termMonths = termMonths
        self.board = board
        self.volatility = volatility
        self.slaHours = slaHours
    }
}

/// How many applications intake created, and where routing sent them.
public struct IntakeCounts: Hashable, Sendable {
    public var created = 0
    public var rejected = 0
    public var straightThrough = 0
    public var manualReview = 0

    public init() {}

    /// Applications that passed prescreen and were routed (straight through or to a person).
    public var routed: Int { straightThrough + manualReview }

    public static func += (lhs: inout IntakeCounts, rhs: IntakeCounts) {
        lhs.created += rhs.created
        lhs.rejected += rhs.rejected
        lhs.straightThrough += rhs.straightThrough
        lhs.manualReview += rhs.manualReview
    }
}

extension RiskStore {
    /// Submits an online application and takes it through prescreen, assessment and routing with `ApplicationIntake`
    /// (the generator's path), with its quote and its creation audit entry, inside the caller's transaction.
    static func intake(_ request: FeedApplicationRequest, at now: Date, _ db: Database) throws -> IntakeCounts {
        guard request.share.isFinite, request.share > 0, request.share <= 10 else {
            throw StoreError.invalidInput("an application's share of its requestable line must be in (0, 10], not \(request.share)")
        }
        guard (1...6).contains(request.termMonths), (1...240).contains(request.slaHours),
              request.volatility.isFinite, (0...5).contains(request.volatility) else {
            throw StoreError.invalidInput("an application needs a term of 1–6 months, an SLA of 1–240 hours and a volatility in [0, 5]")
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [request.customerID]) else {
            throw StoreError.notFound("no customer \(request.customerID)")
        }
        let customer = try Rows.customer(row)
        // The customer's margin account as it stands, or (without one yet) their securities assets as own collateral.
        let account = try accounts(ofCustomer: customer.id, db).first?.snapshot
            ?? MarginSnapshot(cash: customer.securitiesAssets, positions: [])
        let policy = try screeningPolicy(db)
        let wanted = ApplicationIntake.requestableLine(account, policy: policy).scaled(by: request.share)
        let line = Money(yuan: max(50_000, wanted.fen / 100 / 10_000 * 10_000))
        let leverage = account.leverage(afterFinancing: line) ?? Leverage(hundredths: 100)
        let number = (try Int.fetchOne(db, sql: """
            SELECT MAX(CAST(substr(id, 5) AS INTEGER)) FROM applications WHERE id GLOB 'APP-[0-9][0-9][0-9][0-9][0-9][0-9]*'
            """) ?? 0) + 1
        let app = Application(id: String(format: "APP-%06d", number), customerID: customer.id, requestedLine: line,
                              requestedLeverage: leverage, termMonths: request.termMonths, channel: .online, stage: .submitted,
                              submittedAt: now, slaDue: now.addingTimeInterval(Double(request.slaHours) * 3_600))
        // The champion of default_12m scores and prices; the challengers and the margin-call champion score in the
        // shadow (a `model_scores` row each). `Scorecard.standard` only when no champion of default_12m has a card.
        let cards = try liveCards(db)
        let assessment = ApplicationIntake.assess(app, card: cards.primary, customer: customer, account: account, policy: policy,
                                                  parameters: try pricingParameters(db), sentiment: try sentiment(db),
                                                  board: request.board, volatility: request.volatility, submitted: now, reviewedAt: now)
        var routed = assessment.application
        routed.stage = ApplicationIntake.route(assessment)
        let model = cards.primary.version
        try Rows.insert(routed, modelVersion: model, db)
        try recordQuote(assessment.quote, for: routed.id, modelVersion: model, reason: "assessment", by: engineActor, at: now, db)
        if try hasModelRegistry(db) {
            try recordModelScore(assessment.score, application: routed.id, version: model, target: ModelTarget.default12m.code,
                                 role: ModelStatus.champion.rawValue, at: now, db)
            try recordShadowScores(routed, customer: customer, cards: cards, at: now, db)
        }
        try AuditChain.append(AuditRecord.applicationCreated(routed.id, stage: routed.stage, line: line, leverage: leverage,
                                                             actor: engineActor), at: now, db)
        var counts = IntakeCounts()
        counts.created = 1
        switch routed.stage {
        case .rejected: counts.rejected = 1
        case .compliance: counts.straightThrough = 1
        default: counts.manualReview = 1
        }
        return counts
    }
}
