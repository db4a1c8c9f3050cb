import Foundation

/// A holding in a margin account, valued at the instrument's last price.
public struct Position: Hashable, Sendable, Codable {
    public var instrument: Instrument
    public var quantity: Int64

    public init(instrument: Instrument, quantity: Int64) {
        self.instrument = instrument
        self.quantity = quantity
    }

    public var marketValue: Money { Money(fen: instrument.lastPrice.fen * quantity) }
    public var collateralValue: Money { marketValue.applying(instrument.effectiveHaircut) }
}

/// The warning, close-out and recovery lines of a contract, as ratios in basis points (15000 = 150%).
public struct MarginLines: Hashable, Sendable, Codable {
    public var warning: BasisPoints = BasisPoints(15_000)
    public var closeOut: BasisPoints = BasisPoints(13_000)
    public var recovery: BasisPoints = BasisPoints(16_000)
    /// Financing margin ratio (保证金比例): collateral needed per unit financed, for available margin.
    public var financingMarginRatio: BasisPoints = BasisPoints(5_000)

    public init() {}
    public init(warning: BasisPoints, closeOut: BasisPoints, recovery: BasisPoints = BasisPoints(16_000),
                financingMarginRatio: BasisPoints = BasisPoints(5_000)) {
        self.warning = warning
        self.closeOut = closeOut
        self.recovery = recovery
        self.financingMarginRatio = financingMarginRatio
    }
}

/// A margin account at a moment: cash, positions and what is owed.
public struct MarginAccount: Hashable, Sendable, Codable {
    public var id: String
    public var customerID: String
    public var cash: Money
    public var positions: [Position]
    public var financed: Money
    public var accruedInterest: Money
    public var lines: MarginLines

    public init(id: String, customerID: String, cash: Money, positions: [Position], financed: Money,
                accruedInterest: Money, lines: MarginLines = MarginLines()) {
        self.id = id
        self.customerID = customerID
        self.cash = cash
        self.positions = positions
        self.financed = financed
        self.accruedInterest = accruedInterest
        self.lines = lines
    }

    public var marketValue: Money { positions.reduce(.zero) { $0 + $1.marketValue } }
    public var debt: Money { financed + accruedInterest }
    public var assets: Money { cash + marketValue }

    /// (cash + Σ market value) / (financed + accrued interest); nil when nothing is owed.
    public var maintenanceRatio: Double? {
        guard debt.fen > 0 else { return nil }
        return Double(assets.fen) / Double(debt.fen)
    }

    /// Loan-to-value: debt over total assets.
    public var loanToValue: Double? {
        guard assets.fen > 0 else { return nil }
        return Double(debt.fen) / Double(assets.fen)
    }

    /// cash + Σ(market value × haircut) − debt × financing margin ratio: what may still be financed against.
    public var availableMargin: Money {
        let collateral = positions.reduce(cash) { $0 + $1.collateralValue }
        return collateral - debt.applying(lines.financingMarginRatio)
    }

    /// The price of `code` at which the maintenance ratio would reach `line`, all else unchanged.
    /// Nil when the account holds none of it, owes nothing, or no price of it reaches the line (`lineCrossing` says which).
    public func triggerPrice(for code: String, at line: BasisPoints) -> Money? {
        lineCrossing(for: code, at: line)?.price
    }

    /// The largest position's price at which the next line (warning, else close-out) would be hit.
    public func nextTrigger() -> (code: String, line: BasisPoints, price: Money)? {
        guard let ratio = maintenanceRatio, let largest = positions.max(by: { $0.marketValue < $1.marketValue }) else {
            return nil
        }
        let line = ratio >= lines.warning.fraction ? lines.warning : lines.closeOut
        guard let price = triggerPrice(for: largest.instrument.code, at: line) else { return nil }
        return (largest.instrument.code, line, price)
    }
}
