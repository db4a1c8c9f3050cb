import Foundation
import GRDB
import RiskCore

/// A pricing change worked out against the database as it is now: the preview a person confirms, and the
/// pricing version it was computed at (a confirm against another version is refused as stale).
public struct PricingChangeReview: Hashable, Sendable {
    public var preview: PricingChangePreview
    public var pricingVersion: Int
}

/// What a confirmed pricing change did: the parameters now in force, the new pricing version and the quotes it re-priced.
public struct PricingChangeOutcome: Hashable, Sendable {
    public var parameters: PricingParameters
    public var preview: PricingChangePreview
    public var pricingVersion: Int
    public var repricedCount: Int { preview.changedCount }
}

extension RiskStore {
    /// What changing one pricing parameter would do (read-only). With `actor`, refuses first whoever may not edit
    /// pricing; an unknown name, a bad value or no change at all is `.invalidInput` with the parameter's range.
    public func previewPricingChange(_ name: String, to value: String, by actor: String? = nil) throws(StoreError) -> PricingChangeReview {
        try read { db in
            if let actor { try Self.requirePricingEditor(actor, db) }
            let edit = try Self.pricingEdit(name, to: value, db)
            let plan = try Self.pricingChangePlan(edit, db)
            return PricingChangeReview(preview: plan.preview, pricingVersion: try Self.pricingVersion(db))
        }
    }

    /// Changes one pricing parameter (supervisors; trainers on training data) in one transaction: stores it, bumps
    /// `pricing.version`, re-prices exactly the pending applications whose rate or fee changes (a new quote each,
    /// and a new application version so a decision taken against the old price is refused as stale) and appends one
    /// `pricing.change` audit entry listing them. `expectedVersion`: the pricing version a preview was confirmed at.
    public func changePricing(_ name: String, to value: String, by actorName: String, reason: String,
                              expectedVersion: Int? = nil, at date: Date = Date()) throws(StoreError) -> PricingChangeOutcome {
        try write { db in
            let actor = try Self.requirePricingEditor(actorName, db)
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw StoreError.invalidInput("a reason is required: the audit log must say why the price moved") }
            let oldVersion = try Self.pricingVersion(db)
            if let expectedVersion, expectedVersion != oldVersion {
                throw StoreError.invalidInput("the pricing changed since this preview (version \(expectedVersion), now \(oldVersion)): "
                                              + "nothing was written; look at the new preview before confirming")
            }
            let edit = try Self.pricingEdit(name, to: value, db)
            let (plan, versions, models) = try Self.pricingChangeInputs(edit, db)
            let version = oldVersion + 1
            try db.execute(sql: """
                INSERT INTO pricing_parameters (name, value, updated_at, updated_by) VALUES (?,?,?,?)
                ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, arguments: [edit.name, edit.newValue, date.timeIntervalSince1970, actor.name])
            try Self.storeSetting(PricingBook.versionKey, String(version), by: actor.name, at: date, db)
            let quoteReason = PricingChange.quoteReason(edit)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO quotes (application_id, rate_bp, fee_bp, breakdown, pricing_version, model_version, reason, quoted_at, quoted_by)
                VALUES (?,?,?,?,?,?,?,?,?)
                """)
            let update = try db.cachedStatement(sql: "UPDATE applications SET quoted_rate_bp = ?, version = version + 1 WHERE id = ?")
            var left: [(id: String, version: Int)] = []
            left.reserveCapacity(plan.repriced.count)
            for (move, quote) in plan.repriced {
                let id = move.applicationID
                try insert.execute(arguments: [id, quote.rate.value, quote.fee.value, try FastJSON.breakdown(quote), version,
                                               models[id] ?? nil, quoteReason, date.timeIntervalSince1970, actor.name])
                try update.execute(arguments: [quote.rate.value, id])
                left.append((id, (versions[id] ?? 0) + 1))
            }
            // One entry for the whole change; it lists every re-priced application at its new version so `audit verify`
            // can replay their versions from the log.
            var after = ["value": edit.newValue, "pricing_version": String(version), "repriced_quotes": String(left.count)]
            if !left.isEmpty { after[PricingChangeAudit.repricedKey] = PricingChangeAudit.repricedField(left) }
            try AuditChain.append(AuditRecord(actor: actor.name, action: PricingChangeAudit.action, subject: "pricing:\(edit.name)",
                                              before: ["value": edit.oldValue, "pricing_version": String(oldVersion)],
                                              after: after, reason: reason), at: date, db)
            return PricingChangeOutcome(parameters: edit.new, preview: plan.preview, pricingVersion: version)
        }
    }

    /// Changes one pricing parameter (see `changePricing`) and returns the parameters now in force.
    @discardableResult
    public func setPricingParameter(_ name: String, to value: String, by actorName: String, reason: String,
                                    at date: Date = Date()) throws(StoreError) -> PricingParameters {
        try changePricing(name, to: value, by: actorName, reason: reason, at: date).parameters
    }

    @discardableResult
    static func requirePricingEditor(_ name: String, _ db: Database) throws -> User {
        let actor = try requireUser(name, db)
        let training = try isTraining(db)
        try ruling { () throws(DecisionError) in try DeskRules.editPricing(by: actor, isTrainingData: training) }
        return actor
    }

    static func pricingEdit(_ name: String, to value: String, _ db: Database) throws -> PricingEdit {
        switch PricingEdit.make(name, to: value, from: try pricingParameters(db)) {
        case let .success(edit): return edit
        case let .failure(error): throw StoreError.invalidInput(error.description)
        }
    }

    static func pricingChangePlan(_ edit: PricingEdit, _ db: Database) throws -> PricingChangePlan {
        try pricingChangeInputs(edit, db).plan
    }

    /// The plan with each pending application's version and model version, read set-based: the pending
    /// applications, their customers and their positions in three queries, whatever their number.
    static func pricingChangeInputs(_ edit: PricingEdit, _ db: Database)
        throws -> (plan: PricingChangePlan, versions: [String: Int], models: [String: String?]) {
        let stages = Pricing.requotedStages.map(\.rawValue)
        let marks = stages.map { _ in "?" }.joined(separator: ",")
        let (customers, positions) = try pendingBooks(quotedOnly: true, withPositions: true, db)
        let sentiment = try sentiment(db)
        var pending: [PendingPricing] = []
        var versions: [String: Int] = [:]
        var models: [String: String?] = [:]
        let fallbackFee = edit.old.fee
        for row in try Row.fetchAll(db, sql: """
            SELECT a.*, (SELECT q.fee_bp FROM quotes q WHERE q.application_id = a.id ORDER BY q.id DESC LIMIT 1) AS current_fee_bp
            FROM applications a WHERE a.stage IN (\(marks)) AND a.quoted_rate_bp IS NOT NULL ORDER BY a.id
            """, arguments: StatementArguments(stages)) {
            let app = try Rows.application(row)
            guard let customer = customers[app.customerID] else {
                throw StoreError.notFound("no customer \(app.customerID) for \(app.id)")
            }
            guard let rate = app.quotedRate else { continue }
            let fee: Int? = row["current_fee_bp"]
            let input = pricingInput(for: app, customer: customer, positions: positions[customer.id] ?? [], sentiment: sentiment)
            pending.append(PendingPricing(applicationID: app.id, input: input, currentRate: rate,
                                          currentFee: fee.map(BasisPoints.init) ?? fallbackFee))
            versions[app.id] = app.version
            models[app.id] = row["model_version"] as String?
        }
        let plan = PricingChange.plan(edit, pending: pending, sentiment: sentiment,
                                      maximumLeverage: try screeningPolicy(db).maximumLeverage)
        return (plan, versions, models)
    }
}

/// One confirmed pricing change as the audit log records it: who changed what, when, old → new, why, and how many
/// pending quotes it re-priced (nil for changes recorded before the count was).
public struct PricingHistoryEntry: Hashable, Sendable, Codable {
    public var sequence: Int64
    public var timestamp: String
    public var actor: String
    public var login: String
    public var parameter: String
    public var oldValue: String
    public var newValue: String
    public var pricingVersion: Int?
    public var repricedQuotes: Int?
    public var reason: String
}

extension RiskStore {
    /// The statement that reads the newest pricing changes: a range of the audit log's subject index
    /// (`pricing:…`), never a walk of the whole log.
    static func pricingHistorySQL(columns: String) -> String {
        """
        SELECT \(columns) FROM audit_log INDEXED BY audit_subject
        WHERE subject >= 'pricing:' AND subject < 'pricing;' AND action = '\(PricingChangeAudit.action)'
        ORDER BY seq DESC LIMIT ?
        """
    }

    /// The newest `limit` pricing changes, newest first.
    public func pricingHistory(limit: Int = 20) throws(StoreError) -> [PricingHistoryEntry] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: Self.pricingHistorySQL(columns: try AuditChain.selection(db)),
                                        arguments: [max(0, limit)])
            return try rows.map { row in
                switch AuditChain.entry(row) {
                case let .success(entry):
                    let r = entry.record
                    return PricingHistoryEntry(sequence: entry.sequence, timestamp: entry.timestamp, actor: r.actor, login: r.login,
                                               parameter: String(r.subject.dropFirst("pricing:".count)),
                                               oldValue: r.before["value"] ?? "?", newValue: r.after["value"] ?? "?",
                                               pricingVersion: r.after["pricing_version"].flatMap { Int($0) },
                                               repricedQuotes: r.after["repriced_quotes"].flatMap { Int($0) }, reason: r.reason)
                case let .failure(malformed):
                    throw StoreError.database("audit entry \(malformed.sequence.map(String.init) ?? "?") is malformed: "
                                              + malformed.problem + "; run `riskdesk audit verify`")
                }
            }
        }
    }
}

extension RiskStore {
    /// The pricing parameters' version: bumped by every change, recorded by every quote.
    public func pricingVersion() throws(StoreError) -> Int {
        try read { db in try Self.pricingVersion(db) }
    }
}
