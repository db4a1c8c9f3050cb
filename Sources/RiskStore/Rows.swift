import Foundation
import GRDB
import RiskCore

/// Mapping between table rows and RiskCore values; kept in one place so columns are named once.
enum Rows {
    /// Seconds since 1970, strictly: see `StrictRow.date`.
    static func date(_ row: Row, _ column: String, table: String, key: String = "id") throws(StoreError) -> Date {
        try StrictRow(row, table: table, key: key).date(column)
    }

    static func user(_ row: Row) throws(StoreError) -> User {
        let r = StrictRow(row, table: "users", key: "name")
        return User(name: try r.string("name"), displayName: try r.string("display_name"),
                    role: try r.enumeration("role", Role.self),
                    approvalLimit: try r.money("approval_limit_fen"), isActive: try r.bool("active"))
    }

    static func customer(_ row: Row) throws(StoreError) -> Customer {
        let r = StrictRow(row, table: "customers", key: "id")
        let suitabilityLevel = try r.int("suitability", in: 1...5)
        guard let suitability = Suitability(rawValue: suitabilityLevel) else { throw r.failure("suitability", expected: "a level from 1 to 5") }
        return Customer(
            id: try r.string("id"), name: try r.string("name"), nationalID: try r.string("national_id"), phone: try r.string("phone"),
            segment: try r.enumeration("segment", Segment.self),
            suitability: suitability,
            kycStatus: try r.enumeration("kyc_status", KYCStatus.self),
            kycExpiry: try r.date("kyc_expiry"),
            amlStatus: try r.enumeration("aml_status", AMLStatus.self),
            isPEP: try r.bool("is_pep"), tenureMonths: try r.int("tenure_months", in: 0...12_000),
            behaviour: TradingBehaviour(
                annualTurnover: try r.double("annual_turnover", in: 0...1_000_000),
                averageHoldingDays: try r.int("avg_holding_days", in: 0...1_000_000),
                largestPositionShare: try r.double("largest_position_share", in: 0...1),
                marginCallsLast12Months: try r.int("margin_calls_12m", in: 0...1_000_000),
                maxDaysPastDue: try r.int("max_dpd", in: 0...1_000_000)),
            securitiesAssets: try r.money("securities_assets_fen"),
            liabilities: try r.money("liabilities_fen"),
            lifetimeValue: try r.money("lifetime_value_fen"))
    }

    static func insert(_ c: Customer, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO customers (id, name, national_id, phone, segment, suitability, kyc_status, kyc_expiry,
              aml_status, is_pep, tenure_months, annual_turnover, avg_holding_days, largest_position_share,
              margin_calls_12m, max_dpd, securities_assets_fen, liabilities_fen, lifetime_value_fen)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """).execute(arguments: [c.id, c.name, c.nationalID, c.phone, c.segment.rawValue, c.suitability.rawValue,
                             c.kycStatus.rawValue, c.kycExpiry.timeIntervalSince1970, c.amlStatus.rawValue, c.isPEP,
                             c.tenureMonths, c.behaviour.annualTurnover, c.behaviour.averageHoldingDays,
                             c.behaviour.largestPositionShare, c.behaviour.marginCallsLast12Months,
                             c.behaviour.maxDaysPastDue, c.securitiesAssets.fen, c.liabilities.fen, c.lifetimeValue.fen])
    }

    /// A row of `accounts` as a margin account holding `positions`, every column checked (the profile, the margin-call
    /// review and the feed all read accounts through it).
    static func marginAccount(_ row: Row, positions: [Position]) throws -> MarginAccount {
        let r = StrictRow(row, table: "accounts", key: "id")
        return MarginAccount(id: try r.string("id"), customerID: try r.string("customer_id"), cash: try r.money("cash_fen"),
                             positions: positions, financed: try r.money("financed_fen"),
                             accruedInterest: try r.money("accrued_interest_fen"),
                             lines: MarginLines(warning: BasisPoints(try r.int("warning_bp", in: 0...100_000)),
                                                closeOut: BasisPoints(try r.int("closeout_bp", in: 0...100_000)),
                                                recovery: BasisPoints(try r.int("recovery_bp", in: 0...100_000)),
                                                financingMarginRatio: BasisPoints(try r.int("financing_ratio_bp", in: 1...100_000))))
    }

    static func instrument(_ row: Row) throws(StoreError) -> Instrument {
        let r = StrictRow(row, table: "instruments", key: "code")
        return Instrument(code: try r.string("code"), name: try r.string("name"), board: try r.enumeration("board", Board.self),
                          isIndexConstituent: try r.bool("is_index_constituent"), isSpecialTreatment: try r.bool("is_st"),
                          isSuspended: try r.bool("is_suspended"), haircut: BasisPoints(try r.int("haircut_bp", in: 0...10_000)),
                          isMarginEligible: try r.bool("margin_eligible"), lastPrice: Money(fen: try r.positionFactor("last_price_fen")),
                          previousClose: Money(fen: try r.positionFactor("prev_close_fen")), volatility: try r.double("volatility", in: 0...100),
                          freeFloatShares: try r.int64("free_float_shares"), financingBalance: try r.money("financing_balance_fen"))
    }

    /// A transfer of an account, for the AML rules.
    static func transfer(_ row: Row) throws(StoreError) -> Transfer {
        let r = StrictRow(row, table: "transfers", key: "id")
        return Transfer(at: try r.date("at"), amount: try r.money("amount_fen"),
                        direction: try r.enumeration("direction", Transfer.Direction.self), counterparty: try r.string("counterparty"))
    }

    /// A stored alert with its lifecycle state; the rule stays text (a newer riskdesk may have more rules).
    static func alert(_ row: Row) throws(StoreError) -> StoredAlert {
        let r = StrictRow(row, table: "alerts", key: "id")
        return StoredAlert(id: try r.int64("id"), rule: try r.string("rule"), severity: try r.enumeration("severity", Severity.self),
                           subject: try r.string("subject"), message: try r.string("message"),
                           state: try r.enumeration("state", AlertState.self), openedAt: try r.date("opened_at"),
                           acknowledgedBy: try r.optionalString("acknowledged_by"), acknowledgedAt: try r.optionalDate("acknowledged_at"),
                           version: try r.optionalInt("version", in: 1...Int.max) ?? 1,
                           assignee: try r.optionalString("assignee"), assignedBy: try r.optionalString("assigned_by"),
                           assignedAt: try r.optionalDate("assigned_at"),
                           escalatedBy: try r.optionalString("escalated_by"), escalatedAt: try r.optionalDate("escalated_at"),
                           escalationReason: try r.optionalString("escalation_reason"),
                           snoozedBy: try r.optionalString("snoozed_by"), snoozedUntil: try r.optionalDate("snoozed_until"),
                           resolvedBy: try r.optionalString("resolved_by"), resolvedAt: try r.optionalDate("resolved_at"),
                           disposition: try r.optionalString("disposition"), resolutionNote: try r.optionalString("resolution_note"))
    }

    static func insert(_ i: Instrument, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO instruments (code, name, board, is_index_constituent, is_st, is_suspended, haircut_bp,
              margin_eligible, last_price_fen, prev_close_fen, volatility, free_float_shares, financing_balance_fen)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [i.code, i.name, i.board.rawValue, i.isIndexConstituent, i.isSpecialTreatment, i.isSuspended,
                             i.haircut.value, i.isMarginEligible, i.lastPrice.fen, i.previousClose.fen, i.volatility,
                             i.freeFloatShares, i.financingBalance.fen])
    }

    /// The plain form through `FastFlagsReader`; anything else through JSONSerialization (several times faster than
    /// JSONDecoder on Linux): every queue row decodes its flags.
    static func flags(_ json: String) -> [Flag] {
        if let plain = FastFlagsReader.flags(json) { return plain }
        guard json != "[]", let array = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else { return [] }
        return array.compactMap { item in
            guard let code = item["code"] as? String else { return nil }
            return Flag(code: code, text: item["text"] as? String ?? "")
        }
    }

    static func flagsJSON(_ flags: [Flag]) -> String {
        (try? FastJSON.flags(flags)) ?? "[]"
    }

    static func application(_ row: Row) throws(StoreError) -> Application {
        let r = StrictRow(row, table: "applications", key: "id")
        let grade: Grade?
        if let letter = try r.optionalString("grade") {
            guard let known = Grade(rawValue: letter) else { throw r.failure("grade", expected: "one of A, B, C, D, E or NULL") }
            grade = known
        } else {
            grade = nil
        }
        var app = Application(
            id: try r.string("id"), customerID: try r.string("customer_id"), requestedLine: try r.money("requested_line_fen"),
            requestedLeverage: Leverage(hundredths: try r.int("requested_leverage", in: 0...100_000)),
            termMonths: try r.int("term_months", in: 0...1_200),
            channel: try r.enumeration("channel", Channel.self), stage: try r.enumeration("stage", Stage.self),
            flags: flags(try r.string("flags")), score: try r.optionalInt("score", in: -100_000...100_000),
            probabilityOfDefault: try r.optionalDouble("pd", in: 0...1),
            grade: grade,
            quotedRate: try r.optionalInt("quoted_rate_bp", in: -100_000...100_000).map(BasisPoints.init),
            approvedLine: try r.optionalMoney("approved_line_fen"),
            approvedLeverage: try r.optionalInt("approved_leverage", in: 0...100_000).map { Leverage(hundredths: $0) },
            claimedBy: try r.optionalString("claimed_by"), claimExpiresAt: try r.optionalDate("claim_expires_at"),
            submittedAt: try r.date("submitted_at"), slaDue: try r.date("sla_due"),
            decidedAt: try r.optionalDate("decided_at"), version: try r.int("version", in: 0...Int.max))
        app.approvedRate = try r.optionalInt("approved_rate_bp", in: 0...100_000).map(BasisPoints.init)
        return app
    }

    static func insert(_ a: Application, modelVersion: String?, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO applications (id, customer_id, requested_line_fen, requested_leverage, term_months, channel,
              stage, flags, score, pd, grade, quoted_rate_bp, approved_line_fen, approved_leverage, claimed_by,
              claim_expires_at, submitted_at, sla_due, decided_at, version, model_version, priority_key, approved_rate_bp)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """).execute(arguments: [a.id, a.customerID, a.requestedLine.fen, a.requestedLeverage.hundredths, a.termMonths,
                             a.channel.rawValue, a.stage.rawValue, flagsJSON(a.flags), a.score, a.probabilityOfDefault,
                             a.grade?.rawValue, a.quotedRate?.value, a.approvedLine?.fen, a.approvedLeverage?.hundredths,
                             a.claimedBy, a.claimExpiresAt?.timeIntervalSince1970, a.submittedAt.timeIntervalSince1970,
                             a.slaDue.timeIntervalSince1970, a.decidedAt?.timeIntervalSince1970, a.version, modelVersion,
                             QueuePriority.key(for: a), a.approvedRate?.value])
    }
}
