import Foundation

/// A holding in a margin account, valued at the instrument's last price.
public struct Position: Hashable, Sendable, Codable {
    public var instrument: Instrument
    public var quantity: Int64
    /// What was financed to buy this holding (融资买入金额); zero for the customer's own collateral.
    public var financedCost: Money

    public init(instrument: Instrument, quantity: Int64, financedCost: Money = .zero) {
        self.instrument = instrument
        self.quantity = quantity
        self.financedCost = financedCost
    }

    public var marketValue: Money { Money(fen: instrument.lastPrice.fen * quantity) }
    public var collateralValue: Money { marketValue.applying(instrument.effectiveHaircut) }
}

/// The warning, close-out and recovery lines of a contract, as ratios in basis points (15000 = 150%).
public struct MarginLines: Hashable, Sendable, Codable {
    public var warning: BasisPoints = BasisPoints(15_000)
    public var closeOut: BasisPoints = BasisPoints(13_000)
    public var recovery: BasisPoints = BasisPoints(16_000)
    /// Financing margin ratio (融资保证金比例) the contract was signed under: margin needed per unit financed.
    /// Each contract keeps its own; new contracts take the current setting (100% by default).
    public var financingMarginRatio: BasisPoints = MarginRules.defaultFinancingMarginRatio

    public init() {}
    public init(warning: BasisPoints, closeOut: BasisPoints, recovery: BasisPoints = BasisPoints(16_000),
                financingMarginRatio: BasisPoints = MarginRules.defaultFinancingMarginRatio) {
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

    /// The account as Art. 40 sees it.
    public var snapshot: MarginSnapshot {
        MarginSnapshot(cash: cash, positions: positions, financed: financed, interestAndFees: accruedInterest)
    }

    /// Available margin under the contract's own ratio (Art. 40, see `MarginRules.availableMargin`).
    public var availableMargin: Money { snapshot.availableMargin(ratio: lines.financingMarginRatio) }

    /// The most the account may newly finance under the contract's own ratio.
    public var maximumFinancing: Money { snapshot.maximumFinancing(ratio: lines.financingMarginRatio) }

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
