import Foundation
import GRDB
import RiskCore

extension Generation {
    /// The loan book's history to train on: `options.loanHistory` loans drawn by `LoanHistoryProcess` over the four
    /// years before the sample's day, each with the characteristics at application and the outcomes matured by then.
    /// The draw has its own seed, so the rest of the sample is the same whatever the count.
    mutating func makeLoanHistory() throws {
        let total = options.loanHistory
        try report(.history, 0, total)
        guard total > 0 else { return }
        let loans = LoanHistoryProcess.draw(count: total, seed: options.seed, asOf: now)
        let insert = try db.makeStatement(sql: """
            INSERT INTO loan_history (id, applied_at, tenure_months, largest_position_share, margin_calls_12m, max_dpd,
                requested_leverage, annual_turnover, avg_holding_days, line_to_assets, suitability, channel, default_12m,
                margin_call_30d)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        for (index, loan) in loans.enumerated() {
            let x = loan.input
            try insert.execute(arguments: [
                loan.id, loan.appliedAt.timeIntervalSince1970, x.tenureMonths, x.largestPositionShare,
                x.marginCallsLast12Months, x.maxDaysPastDue, x.requestedLeverage.value, x.annualTurnover,
                loan.holdingUnknown ? nil : x.averageHoldingDays, x.lineToAssets, x.suitability.rawValue,
                x.channel?.rawValue, loan.defaulted12m.map { $0 ? 1 : 0 }, loan.marginCall30d.map { $0 ? 1 : 0 },
            ])
            try report(.history, index + 1, total)
        }
    }
}
