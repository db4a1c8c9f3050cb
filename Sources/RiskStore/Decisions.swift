import Foundation
import GRDB
import RiskCore

/// A decision as recorded in the history of an application.
public struct DecisionRecord: Hashable, Sendable {
    public var id: Int64
    public var applicationID: String
    public var actor: String
    public var kind: String
    public var from: Stage
    public var to: Stage
    public var line: Money?
    public var leverage: Leverage?
    public var reasonCode: String?
    /// The price override an approval set, and the rate it granted.
    public var priceOverride: BasisPoints?
    public var rate: BasisPoints?
    public var note: String
    public var decidedAt: Date

    /// The decision as the four-eyes rule sees it.
    public var past: PastDecision {
        PastDecision(actor: actor, kind: kind, from: from, to: to, line: line, leverage: leverage, priceOverride: priceOverride)
    }
}

extension RiskStore {
    /// Applies a decision in one transaction: version check, role/limit/four-eyes check through RiskCore,
    /// stage change, decision row and hash-chained audit entry. A refused decision writes nothing.
    @discardableResult
    public func apply(_ request: DecisionRequest, at now: Date = Date()) throws(StoreError) -> DecisionOutcome {
        try write { db in
            let app = try Self.requireApplication(request.applicationID, db)
            let actor = try Self.requireUser(request.actor, db)
            let pricing = try Self.pricingParameters(db)
            let context = DecisionContext(application: app, actor: actor,
                                          history: try Self.decisions(for: app.id, db).map(\.past),
                                          isTrainingData: try Self.isTraining(db),
                                          policy: try Self.approvalPolicy(db), rateBounds: pricing.floor...pricing.cap, now: now)
            let outcome: DecisionOutcome
            do throws(DecisionError) { outcome = try Pipeline.decide(request, in: context) } catch { throw StoreError.refused(error) }

            // Every decision moves the application on, so the claim that guarded it ends.
            let releaseClaim = true
            try db.execute(sql: """
                UPDATE applications SET stage = ?, version = version + 1,
                  approved_line_fen = COALESCE(?, approved_line_fen), approved_leverage = COALESCE(?, approved_leverage),
                  approved_rate_bp = COALESCE(?, approved_rate_bp),
                  decided_at = CASE WHEN ? THEN ? ELSE decided_at END,
                  claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END,
                  claim_expires_at = CASE WHEN ? THEN NULL ELSE claim_expires_at END
                WHERE id = ? AND version = ?
                """, arguments: [outcome.to.rawValue, outcome.approvedLine?.fen, outcome.approvedLeverage?.hundredths,
                                 outcome.approvedRate?.value, request.kind.isApproval, now.timeIntervalSince1970, releaseClaim, releaseClaim,
                                 app.id, app.version])
            guard db.changesCount == 1 else {
                let actual = try Int.fetchOne(db, sql: "SELECT version FROM applications WHERE id = ?", arguments: [app.id]) ?? app.version
                throw StoreError.refused(.staleVersion(applicationID: app.id, expected: request.expectedVersion, actual: actual))
            }
            try Self.record(request, outcome, at: now, db)
            return outcome
        }
    }

    /// Writes what the pipeline decided: the decision row (with the note as the pipeline trimmed it, the override and
    /// the rate it granted) and its audit entry. `apply` and the sample generator both record decisions through this.
    static func record(_ request: DecisionRequest, _ outcome: DecisionOutcome, at now: Date, _ db: Database) throws {
        try insertDecision(request, outcome, at: now, db)
        try AuditChain.append(outcome.audit, at: now, db)
    }

    /// The decision row of `record`, without its audit entry (the sample generator chains that itself).
    static func insertDecision(_ request: DecisionRequest, _ outcome: DecisionOutcome, at now: Date, _ db: Database) throws {
        var reasonCode: String?
        if case let .reject(reason) = request.kind { reasonCode = reason.code }
        try db.cachedStatement(sql: """
            INSERT INTO decisions (application_id, actor, kind, from_stage, to_stage, line_fen, leverage, reason_code,
              price_override_bp, rate_bp, note, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """).execute(arguments: [request.applicationID, request.actor, request.kind.name, outcome.from.rawValue, outcome.to.rawValue,
                                     outcome.approvedLine?.fen, outcome.approvedLeverage?.hundredths, reasonCode,
                                     outcome.priceOverride.flatMap { $0 == .zero ? nil : $0.value }, outcome.approvedRate?.value,
                                     outcome.audit.reason, now.timeIntervalSince1970])
    }

    static func requireApplication(_ id: String, _ db: Database) throws -> Application {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = ?", arguments: [id]) else {
            throw StoreError.refused(.unknownApplication(id))
        }
        return try Rows.application(row)
    }

    /// Claims an application for `user` until the claim expires; a live claim by someone else is refused.
    @discardableResult
    public func claim(_ applicationID: String, by userName: String, at now: Date = Date()) throws(StoreError) -> Application {
        try write { db in
            var app = try Self.requireApplication(applicationID, db)
            let user = try Self.requireUser(userName, db)
            let training = try Self.isTraining(db)
            let policy = try Self.approvalPolicy(db)
            let current = app
            let expiry = try Self.ruling { () throws(DecisionError) in
                try Pipeline.claim(current, by: user, isTrainingData: training, policy: policy, now: now)
            }
            let renewing = app.claimHolder(at: now) == user.name
            try db.execute(sql: "UPDATE applications SET claimed_by = ?, claim_expires_at = ? WHERE id = ?",
                           arguments: [user.name, expiry.timeIntervalSince1970, app.id])
            if !renewing {
                try AuditChain.append(AuditRecord(actor: user.name, action: "application.claim", subject: "application:\(app.id)",
                                                  before: ["claimed_by": app.claimHolder(at: now) ?? ""],
                                                  after: ["claimed_by": user.name]), at: now, db)
            }
            app.claimedBy = user.name
            app.claimExpiresAt = expiry
            return app
        }
    }

    /// Releases a claim held by `user` (a supervisor may release anyone's).
    public func releaseClaim(_ applicationID: String, by userName: String, at now: Date = Date()) throws(StoreError) {
        try write { db in
            let app = try Self.requireApplication(applicationID, db)
            let user = try Self.requireUser(userName, db)
            let training = try Self.isTraining(db)
            let holder = try Self.ruling { () throws(DecisionError) in try DeskRules.releaseClaim(of: app, by: user, isTrainingData: training, now: now) }
            try db.execute(sql: "UPDATE applications SET claimed_by = NULL, claim_expires_at = NULL WHERE id = ?", arguments: [app.id])
            try AuditChain.append(AuditRecord(actor: user.name, action: "application.release", subject: "application:\(app.id)",
                                              before: ["claimed_by": holder], after: ["claimed_by": ""]), at: now, db)
        }
    }

    /// Adds a note to an application's history, audited.
    public func addNote(_ applicationID: String, by userName: String, text: String, at now: Date = Date()) throws(StoreError) {
        let trimmed: String
        do throws(NoteError) { trimmed = try Note.validated(text) } catch { throw .invalidInput(error.description) }
        guard !trimmed.isEmpty else { throw .invalidInput("a note cannot be empty") }
        try write { db in
            guard let stage = try String.fetchOne(db, sql: "SELECT stage FROM applications WHERE id = ?", arguments: [applicationID]) else {
                throw StoreError.refused(.unknownApplication(applicationID))
            }
            let user = try Self.requireUser(userName, db)
            let training = try Self.isTraining(db)
            try Self.ruling { () throws(DecisionError) in try DeskRules.addNote(by: user, isTrainingData: training) }
            try db.execute(sql: """
                INSERT INTO decisions (application_id, actor, kind, from_stage, to_stage, note, decided_at)
                VALUES (?,?,'note',?,?,?,?)
                """, arguments: [applicationID, user.name, stage, stage, trimmed, now.timeIntervalSince1970])
            try AuditChain.append(AuditRecord(actor: user.name, action: "application.note", subject: "application:\(applicationID)",
                                              reason: trimmed), at: now, db)
        }
    }

    /// The decisions and notes on an application, oldest first.
    public func decisions(for applicationID: String) throws(StoreError) -> [DecisionRecord] {
        try read { db in try Self.decisions(for: applicationID, db) }
    }

    static func decisions(for applicationID: String, _ db: Database) throws -> [DecisionRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM decisions WHERE application_id = ? ORDER BY id"), arguments: [applicationID])
            .map(decisionRecord)
    }

    /// A `decisions` row as a record (strict: an unknown stage or an out-of-range figure is an error, never a default).
    static func decisionRecord(_ row: Row) throws -> DecisionRecord {
        let r = StrictRow(row, table: "decisions", key: "id")
        return DecisionRecord(id: row["id"], applicationID: row["application_id"], actor: row["actor"], kind: row["kind"],
                              from: try r.enumeration("from_stage", Stage.self), to: try r.enumeration("to_stage", Stage.self),
                              line: (row["line_fen"] as Int64?).map { Money(fen: $0) },
                              leverage: (row["leverage"] as Int?).map { Leverage(hundredths: $0) },
                              reasonCode: row["reason_code"],
                              priceOverride: try r.optionalInt("price_override_bp", in: -10_000...10_000).map(BasisPoints.init),
                              rate: try r.optionalInt("rate_bp", in: 0...100_000).map(BasisPoints.init),
                              note: row["note"], decidedAt: try r.date("decided_at"))
    }
}
