import Foundation
import GRDB
import RiskCore

/// Everything the profile pane and `riskdesk show` need about one application.
public struct ApplicationDetail: Sendable {
    public var application: Application
    public var customer: Customer
    public var accounts: [MarginAccount]
    /// The application's stored score (points, PD, grade as the queue and pricing show them), never a live re-score,
    /// with the reasons the card gave when it scored (see `StoredModelScore.reasons`).
    public var score: ScoreResult
    /// The card the stored score came from (nil for an application never scored).
    public var scoreVersion: String?
    /// The newest score each card role gave the application, both targets, the champions' and the challengers' (in the
    /// shadow): the default_12m champion first, then the margin-call champion, then challengers.
    public var modelScores: [StoredModelScore] = []
    /// The application's one current quote (nil until it is priced): every view shows this one.
    public var quote: StoredQuote?
    /// Why its rate differs from its grade × band cell in the pricing table, in words (nil when they agree).
    public var quoteDifference: String?
    public var decisions: [DecisionRecord]
    public var previousApplications: [Application]
    public var openAlerts: [StoredAlert]
}

extension RiskStore {
    public func application(_ id: String) throws(StoreError) -> Application? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = ?", arguments: [id]).map(Rows.application) }
    }

    public func customer(_ id: String) throws(StoreError) -> Customer? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]).map(Rows.customer) }
    }

    /// The margin accounts of a customer with their positions valued at last prices.
    public func accounts(ofCustomer customerID: String) throws(StoreError) -> [MarginAccount] {
        try read { db in try Self.accounts(ofCustomer: customerID, db) }
    }

    static func accounts(ofCustomer customerID: String, _ db: Database) throws -> [MarginAccount] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM accounts WHERE customer_id = ? ORDER BY id"), arguments: [customerID]).map { row in
            let r = StrictRow(row, table: "accounts", key: "id")
            let id = try r.string("id")
            let positions = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.quantity, p.financed_cost_fen, i.* FROM positions p JOIN instruments i ON i.code = p.code WHERE p.account_id = ? ORDER BY p.code
                """), arguments: [id]).map {
                    let position = StrictRow($0, table: "positions", key: "code")
                    return Position(instrument: try Rows.instrument($0), quantity: try position.positionFactor("quantity"),
                                    financedCost: try position.money("financed_cost_fen"))
                }
            return try Rows.marginAccount(row, positions: positions)
        }
    }

    /// The application with its customer, accounts, score reasons, price breakdown, history and alerts.
    public func detail(of applicationID: String) throws(StoreError) -> ApplicationDetail? {
        // One read transaction, so the profile never mixes states when another console writes meanwhile.
        try read { db in
            guard let appRow = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM applications WHERE id = ?"), arguments: [applicationID]) else {
                return nil
            }
            let app = try Rows.application(appRow)
            let decisions = try Self.decisions(for: applicationID, db)
            guard let customerRow = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE id = ?"), arguments: [app.customerID]) else {
                return nil
            }
            let customer = try Rows.customer(customerRow)
            let accounts = try Self.accounts(ofCustomer: customer.id, db)
            let stored = try Self.storedScores(of: app, customer: customer, db)
            let quote = try Self.currentQuote(for: app.id, db)
            var difference: String?
            if let quote, let grade = app.grade {
                let sentiment = try Self.sentiment(db)
                let cell = Pricing.tableQuote(grade: grade, leverage: app.requestedLeverage,
                                              parameters: try Self.pricingParameters(db), sentiment: sentiment,
                                              maximumLeverage: try Self.screeningPolicy(db).maximumLeverage)
                difference = Pricing.difference(of: quote.quote, from: cell)
            }
            let previous = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM applications WHERE customer_id = ? AND id <> ? ORDER BY submitted_at DESC LIMIT 10"),
                                            arguments: [customer.id, app.id]).map(Rows.application)
            let subjects = ["application:\(app.id)", "customer:\(customer.id)"] + accounts.map { "account:\($0.id)" }
            let alerts = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM alerts WHERE state IN ('open','acknowledged','escalated') AND subject IN (\(subjects.map { _ in "?" }.joined(separator: ",")))
                ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, opened_at
                """), arguments: StatementArguments(subjects)).map(Self.alert)
            return ApplicationDetail(application: app, customer: customer, accounts: accounts, score: stored.score,
                                     scoreVersion: stored.version, modelScores: stored.rows, quote: quote,
                                     quoteDifference: difference, decisions: decisions, previousApplications: previous,
                                     openAlerts: alerts)
        }
    }
}
