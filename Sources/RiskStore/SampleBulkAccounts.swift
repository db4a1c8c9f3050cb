import Foundation
import GRDB
import RiskCore

/// Extra margin accounts for load measurement (`riskdesk seed --accounts N`): the generator makes about one account per
/// five applications; these bring the total to N, spread over the existing customers, each with one to four positions
/// at today's prices and a financed amount that puts its maintenance ratio between 135% and 300%.
extension Generation {
    mutating func makeBulkAccounts(upTo total: Int) throws {
        let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") ?? 0
        let eligible = instruments.filter { $0.isMarginEligible && $0.lastPrice.fen > 0 }
        guard total > existing, !eligible.isEmpty, !customers.isEmpty else { return }
        let insertAccount = try db.makeStatement(sql: """
            INSERT INTO accounts (id, customer_id, application_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp,
              closeout_bp, recovery_bp, rate_bp, fee_bp, opened_at, financing_ratio_bp) VALUES (?,?,NULL,?,?,0,15000,13000,16000,800,10,?,10000)
            """)
        let insertPosition = try db.makeStatement(sql: "INSERT INTO positions (account_id, code, quantity, financed_cost_fen) VALUES (?,?,?,0)")
        try report(.accounts, 0, total - existing)
        for index in 0..<(total - existing) {
            let id = "B" + SampleText.padded(index + 1, 7)
            let customer = customers[index % customers.count]
            var value = Money.zero
            var holdings: [(code: String, quantity: Int64)] = []
            for _ in 0..<random.weighted([(1, 0.2), (2, 0.35), (3, 0.3), (4, 0.15)]) {
                let instrument = random.pick(eligible)
                guard !holdings.contains(where: { $0.code == instrument.code }) else { continue }
                let quantity = Int64(random.int(5...200)) * 100
                holdings.append((instrument.code, quantity))
                value += Money(fen: instrument.lastPrice.fen * quantity)
            }
            let cash = Money(yuan: Int64(random.int(0...50_000)))
            // ratio = (cash + value) / financed, drawn in 135%–300%.
            let ratio = 1.35 + random.unit() * 1.65
            let financed = (cash + value).scaled(by: 1 / ratio)
            try insertAccount.execute(arguments: [id, customer.id, cash.fen, financed.fen,
                                                  now.addingTimeInterval(-Double(random.int(1...365)) * day).timeIntervalSince1970])
            for holding in holdings {
                try insertPosition.execute(arguments: [id, holding.code, holding.quantity])
            }
            summary.accounts += 1
            try report(.accounts, index + 1, total - existing)
        }
    }
}
