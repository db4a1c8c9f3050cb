import Foundation

/// The exchanges' margin rules (SSE/SZSE 融资融券交易实施细则) as pure functions: available margin (Art. 40),
/// the most a customer may newly finance, and leverage with the maximum a ratio allows.
public enum MarginRules {
    /// The financing margin ratio (融资保证金比例) for new contracts: 100% (SSE/SZSE since Nov 2015; 80% from Sep 2023;
    /// 100% again for contracts signed from 14 Jan 2026). Existing contracts keep the ratio they were signed under.
    public static let defaultFinancingMarginRatio = BasisPoints(10_000)

    /// The highest haircut a share may have as collateral (main-board index constituents, 70%); the leverage cap is
    /// computed from it. ETFs (90%) and cash (100%) count for more, but the desk does not lend beyond what shares allow.
    public static let bestShareHaircut = BasisPoints(7_000)

    /// Available margin (保证金可用余额, 实施细则 Art. 40):
    /// cash + Σ own collateral market value × haircut
    ///      + Σ (financed purchases' market value − their cost) × haircut, a floating loss counting at 100%
    ///      − Σ financed amount × the financing margin ratio − interest and fees.
    /// May be negative: then nothing more may be financed and the account must be topped up.
    public static func availableMargin(cash: Money, positions: [Position], financed: Money, interestAndFees: Money,
                                       ratio: BasisPoints) -> Money {
        var total = cash
        for position in positions {
            if position.financedCost.fen > 0 {
                let gain = position.marketValue - position.financedCost
                total += gain.fen > 0 ? gain.applying(position.instrument.effectiveHaircut) : gain
            } else {
                total += position.collateralValue
            }
        }
        return total - financed.applying(ratio) - interestAndFees
    }

    /// The most that may newly be financed: available margin ÷ ratio, rounded down to the fen (zero when the margin is
    /// used up or the ratio is not positive).
    public static func maximumFinancing(availableMargin: Money, ratio: BasisPoints) -> Money {
        guard ratio.value > 0, availableMargin.fen > 0 else { return .zero }
        let (quotient, overflow) = availableMargin.fen.multipliedReportingOverflow(by: 10_000)
        guard !overflow else { return Money(fen: availableMargin.fen / Int64(ratio.value) * 10_000) }
        return Money(fen: quotient / Int64(ratio.value))
    }

    /// Leverage is defined once, here: total exposure ÷ own assets, rounded up to the hundredth (never understated).
    /// Nil when own assets are not positive (the account owes more than it holds).
    public static func leverage(exposure: Money, ownAssets: Money) -> Leverage? {
        guard ownAssets.fen > 0, exposure.fen >= 0 else { return nil }
        let (scaled, overflow) = exposure.fen.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        let (q, r) = scaled.quotientAndRemainder(dividingBy: ownAssets.fen)
        guard q <= Int64(Int.max) else { return nil }
        return Leverage(hundredths: Int(q) + (r > 0 ? 1 : 0))
    }

    /// The highest leverage the rules allow: own assets E pledged at haircut h finance at most E × h ÷ ratio, so
    /// exposure ÷ own assets ≤ 1 + h ÷ ratio (rounded down to the hundredth). 100% and 70% → 1.70×; 80% and 70% → 1.87×.
    public static func maximumLeverage(ratio: BasisPoints, haircut: BasisPoints = bestShareHaircut) -> Leverage {
        guard ratio.value > 0, haircut.value > 0 else { return Leverage(hundredths: 100) }
        return Leverage(hundredths: 100 + haircut.value * 100 / ratio.value)
    }
}

/// What Art. 40 needs of an applicant's account at one moment: cash, securities (own collateral and financed
/// purchases with their cost), what is already financed, and interest and fees owed.
public struct MarginSnapshot: Hashable, Sendable {
    public var cash: Money
    public var positions: [Position]
    public var financed: Money
    public var interestAndFees: Money

    public init(cash: Money, positions: [Position], financed: Money = .zero, interestAndFees: Money = .zero) {
        self.cash = cash
        self.positions = positions
        self.financed = financed
        self.interestAndFees = interestAndFees
    }

    /// Cash plus the market value of every position.
    public var totalAssets: Money { positions.reduce(cash) { $0 + $1.marketValue } }
    /// What the customer owns outright: total assets − financed − interest and fees.
    public var ownAssets: Money { totalAssets - financed - interestAndFees }

    public func availableMargin(ratio: BasisPoints) -> Money {
        MarginRules.availableMargin(cash: cash, positions: positions, financed: financed,
                                    interestAndFees: interestAndFees, ratio: ratio)
    }

    /// The most this account may newly finance under `ratio`.
    public func maximumFinancing(ratio: BasisPoints) -> Money {
        MarginRules.maximumFinancing(availableMargin: availableMargin(ratio: ratio), ratio: ratio)
    }

    /// The leverage after financing `line` more: (total assets + line) ÷ own assets.
    public func leverage(afterFinancing line: Money) -> Leverage? {
        MarginRules.leverage(exposure: totalAssets + line, ownAssets: ownAssets)
    }
}
