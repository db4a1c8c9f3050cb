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
        guard let position = instrumentIndex[code], let days = closeDays[code], let history = closes[code], !days.isEmpty else {
            return nil
        }
        var instrument = instruments[position]
        // Days as numbers since 1970 compare as the `YYYY-MM-DD` texts of the same UTC days do.
        let day = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let index = days.lastIndex { $0 <= day } ?? 0
        instrument.lastPrice = history[index].1
        instrument.previousClose = history[max(0, index - 1)].1
        return instrument
    }

    /// `YYYY-MM-DD` (UTC) as days since 1970-01-01; nil for text of another shape.
    static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        // Days from the civil calendar (H. Hinnant's algorithm).
        let year = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * ((parts[1] + 9) % 12) + 2) / 5 + parts[2] - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
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
