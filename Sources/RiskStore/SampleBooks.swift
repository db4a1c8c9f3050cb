import Foundation
import GRDB
import RiskCore

/// A customer's book while the generator runs: cash, holdings (own, or bought with financing at a cost) and what is owed.
struct SampleBook {
    var cash: Money
    var holdings: [(code: String, quantity: Int64, financedCost: Money)]
    var financed: Money = .zero
    var interest: Money = .zero
}

/// Customers' holdings, valued at the closes of a given day, so applications and accounts obey Art. 40 when made.
extension Generation {

    /// Own holdings worth about `worth` at today's prices: one to four instruments on any board (ST ones included,
    /// which count for nothing as collateral), in lots of 100.
    mutating func makeHoldings(worth: Money) -> [(code: String, quantity: Int64, financedCost: Money)] {
        let count = random.weighted([(1, 0.2), (2, 0.35), (3, 0.3), (4, 0.15)])
        var holdings: [(code: String, quantity: Int64, financedCost: Money)] = []
        var remaining = worth
        for index in 0..<count {
            let instrument = random.pick(instruments)
            guard instrument.lastPrice.fen > 0, !holdings.contains(where: { $0.code == instrument.code }) else { continue }
            let share = index == count - 1 ? 1.0 : 0.3 + random.unit() * 0.4
            let lots = max(1, remaining.scaled(by: share).fen / (instrument.lastPrice.fen * 100))
            holdings.append((instrument.code, lots * 100, .zero))
            remaining -= Money(fen: lots * 100 * instrument.lastPrice.fen)
            if remaining.fen <= 0 { break }
        }
        return holdings
    }

    /// The instrument as it closed on `date`'s trading day (the last one on or before it), with that day's previous close.
    func instrument(_ code: String, on date: Date) -> Instrument? {
        guard var instrument = instruments.first(where: { $0.code == code }), let days = closes[code], !days.isEmpty else {
            return nil
        }
        let day = String(AuditChain.timestamp(date).prefix(10))
        let index = days.lastIndex { $0.0 <= day } ?? 0
        instrument.lastPrice = days[index].1
        instrument.previousClose = days[max(0, index - 1)].1
        return instrument
    }

    /// The book as Art. 40 sees it on `date`.
    func snapshot(of book: SampleBook, on date: Date) -> MarginSnapshot {
        let positions = book.holdings.compactMap { holding in
            instrument(holding.code, on: date).map {
                Position(instrument: $0, quantity: holding.quantity, financedCost: holding.financedCost)
            }
        }
        return MarginSnapshot(cash: book.cash, positions: positions, financed: book.financed, interestAndFees: book.interest)
    }
}
