import Foundation

/// Where one position's price must go for an account's maintenance ratio to reach a line, all else unchanged.
public enum LineCrossing: Hashable, Sendable {
    /// The ratio reaches the line at this price (rounded up to the fen: the line is hit at or below it).
    case price(Money)
    /// No price of this position reaches the line: cash and the other positions alone keep the ratio at or
    /// above it, so even a fall to ¥0.00 does not cross it.
    case coveredByOtherAssets

    /// The price, when there is one.
    public var price: Money? {
        if case let .price(price) = self { return price }
        return nil
    }
}

extension MarginAccount {
    /// The price of `code` at which the maintenance ratio would reach `line`, all else unchanged; nil when the
    /// account holds none of it or owes nothing. The price may be above the current one if the ratio is below the line.
    public func lineCrossing(for code: String, at line: BasisPoints) -> LineCrossing? {
        guard debt.fen > 0, let held = positions.first(where: { $0.instrument.code == code }), held.quantity > 0 else {
            return nil
        }
        let others = assets - held.marketValue
        let needed = debt.applying(line) - others
        guard needed.fen > 0 else { return .coveredByOtherAssets }
        // Round up: the line is hit at or below this price.
        let (q, r) = needed.fen.quotientAndRemainder(dividingBy: held.quantity)
        return .price(Money(fen: q + (r > 0 ? 1 : 0)))
    }
}
