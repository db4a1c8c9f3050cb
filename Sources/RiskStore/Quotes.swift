import Foundation
import GRDB
import RiskCore

/// Keys of the pricing book kept in `settings`.
enum PricingBook {
    /// Bumped on every change of a pricing parameter; each quote records the version it was computed with.
    static let versionKey = "pricing.version"
}

extension RiskStore {
    /// The application's one current quote, or nil when it has not been priced.
    public func currentQuote(for applicationID: String) throws(StoreError) -> StoredQuote? {
        try read { db in try Self.currentQuote(for: applicationID, db) }
    }

    static func currentQuote(for applicationID: String, _ db: Database) throws -> StoredQuote? {
        // A file opened read-only before its migration to quotes: its application's rate is the quote.
        guard try db.tableExists("quotes") else {
            guard let rate = try Int.fetchOne(db, sql: "SELECT quoted_rate_bp FROM applications WHERE id = ?", arguments: [applicationID]) else {
                return nil
            }
            return StoredQuote(quote: .rateOnly(BasisPoints(rate), fee: try pricingParameters(db).fee), pricingVersion: 0,
                               modelVersion: nil, reason: "priced before quotes were stored", quotedAt: Date(timeIntervalSince1970: 0),
                               quotedBy: "migration")
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quotes WHERE application_id = ? ORDER BY id DESC LIMIT 1"),
                                         arguments: [applicationID]) else { return nil }
        let rate = BasisPoints(row["rate_bp"])
        let fee = BasisPoints(row["fee_bp"])
        let breakdown: String = row["breakdown"]
        let quote: Quote
        if breakdown.isEmpty {
            quote = .rateOnly(rate, fee: fee)
        } else {
            do {
                quote = try JSONDecoder().decode(Quote.self, from: Data(breakdown.utf8))
            } catch {
                throw StoreError.corrupt(path: "quotes", detail: "quote \(row["id"] as Int64) of \(applicationID) has an unreadable breakdown")
            }
        }
        let r = StrictRow(row, table: "quotes", key: "id")
        return StoredQuote(quote: quote, pricingVersion: try r.int("pricing_version", in: 0...Int.max),
                           modelVersion: try r.optionalString("model_version"), reason: try r.string("reason"),
                           quotedAt: try r.date("quoted_at"), quotedBy: try r.string("quoted_by"))
    }

    static func pricingVersion(_ db: Database) throws -> Int {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM settings WHERE key = ?"), arguments: [PricingBook.versionKey])
            .flatMap(Int.init) ?? 1
    }

    /// Stores `quote` as the application's current one and sets its rate on the application. Used when an
    /// application is first priced (assessment, the sample generator) and by every re-quote.
    /// `pricingVersion`: the book's version when the caller already read it (the sample generator, once for all quotes).
    static func recordQuote(_ quote: Quote, for applicationID: String, modelVersion: String?, reason: String,
                            by actor: String, at now: Date, pricingVersion version: Int? = nil, _ db: Database) throws {
        let breakdown = try FastJSON.breakdown(quote)
        try db.cachedStatement(sql: """
            INSERT INTO quotes (application_id, rate_bp, fee_bp, breakdown, pricing_version, model_version, reason, quoted_at, quoted_by)
            VALUES (?,?,?,?,?,?,?,?,?)
            """).execute(arguments: [applicationID, quote.rate.value, quote.fee.value, breakdown, try version ?? pricingVersion(db), modelVersion,
                             reason, now.timeIntervalSince1970, actor])
        try db.cachedStatement(sql: "UPDATE applications SET quoted_rate_bp = ? WHERE id = ?").execute(arguments: [quote.rate.value, applicationID])
    }

    /// What the price of an application depends on, read from its customer and their accounts: the dominant board
    /// and the value-weighted volatility of their holdings, their behaviour, and the market's sentiment.
    static func pricingInput(for app: Application, customer: Customer, accounts: [MarginAccount], sentiment: Double) -> PricingInput {
        pricingInput(for: app, customer: customer, positions: accounts.flatMap(\.positions), sentiment: sentiment)
    }

    /// The same from the customer's positions across all their accounts (the re-pricing reads them for many customers at once).
    static func pricingInput(for app: Application, customer: Customer, positions: [Position], sentiment: Double) -> PricingInput {
        let byBoard = Dictionary(grouping: positions, by: \.instrument.board).mapValues { $0.reduce(Money.zero) { $0 + $1.marketValue } }
        let board = byBoard.max { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }?.key ?? .main
        let total = positions.reduce(Money.zero) { $0 + $1.marketValue }
        let volatility = total.fen > 0
            ? positions.reduce(0.0) { $0 + $1.instrument.volatility * Double($1.marketValue.fen) } / Double(total.fen) : 0.25
        return PricingInput(probabilityOfDefault: app.probabilityOfDefault ?? 0.5, leverage: app.requestedLeverage,
                            board: board, volatility: volatility,
                            marginCallsLast12Months: customer.behaviour.marginCallsLast12Months,
                            maxDaysPastDue: customer.behaviour.maxDaysPastDue, tenureMonths: customer.tenureMonths,
                            sentiment: sentiment, line: app.approvedLine ?? app.requestedLine)
    }

    /// Re-prices one application with today's parameters: an explicit event, audited, that bumps the application's
    /// version so a decision made against the old price is refused as stale.
    static func requote(_ app: Application, reason: String, by actor: String, at now: Date, _ db: Database) throws -> Quote {
        guard let customerRow = try Row.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [app.customerID]) else {
            throw StoreError.notFound("no customer \(app.customerID) for \(app.id)")
        }
        let customer = try Rows.customer(customerRow)
        let sentiment = try Self.sentiment(db)
        let input = pricingInput(for: app, customer: customer, accounts: try accounts(ofCustomer: customer.id, db), sentiment: sentiment)
        let quote = Pricing.quote(input, parameters: try pricingParameters(db))
        let old = try currentQuote(for: app.id, db)
        let model = try String.fetchOne(db, sql: "SELECT model_version FROM applications WHERE id = ?", arguments: [app.id])
        try recordQuote(quote, for: app.id, modelVersion: model, reason: reason, by: actor, at: now, db)
        try db.execute(sql: "UPDATE applications SET version = version + 1 WHERE id = ?", arguments: [app.id])
        try AuditChain.append(AuditRecord(actor: actor, action: "pricing.requote", subject: "application:\(app.id)",
                                          before: ["rate_bp": old.map { String($0.quote.rate.value) } ?? "",
                                                   "stage": app.stage.rawValue, "version": String(app.version)],
                                          after: ["rate_bp": String(quote.rate.value), "stage": app.stage.rawValue,
                                                  "version": String(app.version + 1),
                                                  "pricing_version": String(try pricingVersion(db))],
                                          reason: reason), at: now, db)
        return quote
    }

    /// Re-prices one application on request (a supervisor's explicit re-quote), audited.
    @discardableResult
    public func requote(_ applicationID: String, by actorName: String, reason: String, at now: Date = Date()) throws(StoreError) -> Quote {
        try write { db in
            let actor = try Self.requireUser(actorName, db)
            let training = try Self.isTraining(db)
            try Self.ruling { () throws(DecisionError) in try DeskRules.editPricing(by: actor, isTrainingData: training) }
            let app = try Self.requireApplication(applicationID, db)
            guard Pricing.requotedStages.contains(app.stage) else {
                throw StoreError.refused(.illegalTransition(from: app.stage, action: "re-quote"))
            }
            return try Self.requote(app, reason: reason.isEmpty ? "re-quote on request" : reason, by: actor.name, at: now, db)
        }
    }
}
