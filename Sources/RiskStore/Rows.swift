import Foundation
import GRDB
import RiskCore

/// Mapping between table rows and RiskCore values; kept in one place so columns are named once.
enum Rows {
    static func date(_ row: Row, _ column: String) -> Date {
        Date(timeIntervalSince1970: row[column] as Double)
    }

    static func optionalDate(_ row: Row, _ column: String) -> Date? {
        (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    static func user(_ row: Row) -> User {
        User(name: row["name"], displayName: row["display_name"],
             role: Role(rawValue: row["role"]) ?? .auditor,
             approvalLimit: Money(fen: row["approval_limit_fen"]), isActive: row["active"])
    }

    static func customer(_ row: Row) -> Customer {
        Customer(
            id: row["id"], name: row["name"], nationalID: row["national_id"], phone: row["phone"],
            segment: Segment(rawValue: row["segment"]) ?? .retail,
            suitability: Suitability(rawValue: row["suitability"]) ?? .c1,
            kycStatus: KYCStatus(rawValue: row["kyc_status"]) ?? .pending,
            kycExpiry: date(row, "kyc_expiry"),
            amlStatus: AMLStatus(rawValue: row["aml_status"]) ?? .review,
            isPEP: row["is_pep"], tenureMonths: row["tenure_months"],
            behaviour: TradingBehaviour(
                annualTurnover: row["annual_turnover"], averageHoldingDays: row["avg_holding_days"],
                largestPositionShare: row["largest_position_share"],
                marginCallsLast12Months: row["margin_calls_12m"], maxDaysPastDue: row["max_dpd"]),
            securitiesAssets: Money(fen: row["securities_assets_fen"]),
            liabilities: Money(fen: row["liabilities_fen"]),
            lifetimeValue: Money(fen: row["lifetime_value_fen"]))
    }

    static func insert(_ c: Customer, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO customers (id, name, national_id, phone, segment, suitability, kyc_status, kyc_expiry,
              aml_status, is_pep, tenure_months, annual_turnover, avg_holding_days, largest_position_share,
              margin_calls_12m, max_dpd, securities_assets_fen, liabilities_fen, lifetime_value_fen)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [c.id, c.name, c.nationalID, c.phone, c.segment.rawValue, c.suitability.rawValue,
                             c.kycStatus.rawValue, c.kycExpiry.timeIntervalSince1970, c.amlStatus.rawValue, c.isPEP,
                             c.tenureMonths, c.behaviour.annualTurnover, c.behaviour.averageHoldingDays,
                             c.behaviour.largestPositionShare, c.behaviour.marginCallsLast12Months,
                             c.behaviour.maxDaysPastDue, c.securitiesAssets.fen, c.liabilities.fen, c.lifetimeValue.fen])
    }

    static func instrument(_ row: Row) -> Instrument {
        Instrument(code: row["code"], name: row["name"], board: Board(rawValue: row["board"]) ?? .main,
                   isIndexConstituent: row["is_index_constituent"], isSpecialTreatment: row["is_st"],
                   isSuspended: row["is_suspended"], haircut: BasisPoints(row["haircut_bp"]),
                   isMarginEligible: row["margin_eligible"], lastPrice: Money(fen: row["last_price_fen"]),
                   previousClose: Money(fen: row["prev_close_fen"]), volatility: row["volatility"],
                   freeFloatShares: row["free_float_shares"], financingBalance: Money(fen: row["financing_balance_fen"]))
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

    /// JSONSerialization rather than JSONDecoder: it is several times faster on Linux, and every queue row decodes flags.
    static func flags(_ json: String) -> [Flag] {
        guard json != "[]", let array = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else { return [] }
        return array.compactMap { item in
            guard let code = item["code"] as? String else { return nil }
            return Flag(code: code, text: item["text"] as? String ?? "")
        }
    }

    static func flagsJSON(_ flags: [Flag]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(flags)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    static func application(_ row: Row) -> Application {
        var app = Application(
            id: row["id"], customerID: row["customer_id"], requestedLine: Money(fen: row["requested_line_fen"]),
            requestedLeverage: Leverage(hundredths: row["requested_leverage"]), termMonths: row["term_months"],
            channel: Channel(rawValue: row["channel"]) ?? .online, stage: Stage(rawValue: row["stage"]) ?? .submitted,
            flags: flags(row["flags"]), score: row["score"], probabilityOfDefault: row["pd"],
            grade: (row["grade"] as String?).flatMap(Grade.init(rawValue:)),
            quotedRate: (row["quoted_rate_bp"] as Int?).map(BasisPoints.init),
            approvedLine: (row["approved_line_fen"] as Int64?).map { Money(fen: $0) },
            approvedLeverage: (row["approved_leverage"] as Int?).map { Leverage(hundredths: $0) },
            claimedBy: row["claimed_by"], claimExpiresAt: optionalDate(row, "claim_expires_at"),
            submittedAt: date(row, "submitted_at"), slaDue: date(row, "sla_due"),
            decidedAt: optionalDate(row, "decided_at"), version: row["version"])
        app.approvedRate = (row["approved_rate_bp"] as Int?).map(BasisPoints.init)
        return app
    }

    static func insert(_ a: Application, modelVersion: String?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO applications (id, customer_id, requested_line_fen, requested_leverage, term_months, channel,
              stage, flags, score, pd, grade, quoted_rate_bp, approved_line_fen, approved_leverage, claimed_by,
              claim_expires_at, submitted_at, sla_due, decided_at, version, model_version, priority_key, approved_rate_bp)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [a.id, a.customerID, a.requestedLine.fen, a.requestedLeverage.hundredths, a.termMonths,
                             a.channel.rawValue, a.stage.rawValue, flagsJSON(a.flags), a.score, a.probabilityOfDefault,
                             a.grade?.rawValue, a.quotedRate?.value, a.approvedLine?.fen, a.approvedLeverage?.hundredths,
                             a.claimedBy, a.claimExpiresAt?.timeIntervalSince1970, a.submittedAt.timeIntervalSince1970,
                             a.slaDue.timeIntervalSince1970, a.decidedAt?.timeIntervalSince1970, a.version, modelVersion,
                             QueuePriority.key(for: a), a.approvedRate?.value])
    }
}
