import Foundation

/// The exchange board an A-share trades on, which sets its daily price limit.
public enum Board: String, CaseIterable, Sendable, Codable {
    case main, chiNext = "chinext", star, etf

    /// The board's daily price limit as a fraction: ±10% on the main board, ±20% on ChiNext and STAR (ST main-board
    /// shares: see `Instrument.dailyLimit`).
    public var dailyLimit: Double {
        switch self {
        case .main, .etf: 0.10
        case .chiNext, .star: 0.20
        }
    }

    public var label: String {
        switch self {
        case .main: "Main"
        case .chiNext: "ChiNext"
        case .star: "STAR"
        case .etf: "ETF"
        }
    }
}

/// A security that may be held as collateral.
public struct Instrument: Hashable, Sendable, Codable, Identifiable {
    public var id: String { code }
    public var code: String
    public var name: String
    public var board: Board
    /// A constituent of a main-board index (CSI 300 / SSE 50 style), which allows a higher haircut ceiling.
    public var isIndexConstituent: Bool
    /// ST, *ST or suspended: worth nothing as collateral.
    public var isSpecialTreatment: Bool
    public var isSuspended: Bool
    /// The collateral conversion rate (折算率) in basis points of market value.
    public var haircut: BasisPoints
    public var isMarginEligible: Bool
    public var lastPrice: Money
    public var previousClose: Money
    /// Recent annualised volatility as a fraction (0.35 = 35%).
    public var volatility: Double
    /// Free float in shares and the firm's financing balance in the instrument, for concentration checks.
    public var freeFloatShares: Int64
    public var financingBalance: Money

    public init(code: String, name: String, board: Board, isIndexConstituent: Bool = false,
                isSpecialTreatment: Bool = false, isSuspended: Bool = false, haircut: BasisPoints,
                isMarginEligible: Bool = true, lastPrice: Money, previousClose: Money, volatility: Double,
                freeFloatShares: Int64 = 0, financingBalance: Money = .zero) {
        self.code = code
        self.name = name
        self.board = board
        self.isIndexConstituent = isIndexConstituent
        self.isSpecialTreatment = isSpecialTreatment
        self.isSuspended = isSuspended
        self.haircut = haircut
        self.isMarginEligible = isMarginEligible
        self.lastPrice = lastPrice
        self.previousClose = previousClose
        self.volatility = volatility
        self.freeFloatShares = freeFloatShares
        self.financingBalance = financingBalance
    }

    /// The regulatory ceiling for this instrument's haircut: index constituents 70%, other A-shares 65%,
    /// ETFs 90%, ST or suspended 0%.
    public var maximumHaircut: BasisPoints {
        if isSpecialTreatment || isSuspended { return .zero }
        switch board {
        case .etf: return BasisPoints(9_000)
        case .main where isIndexConstituent: return BasisPoints(7_000)
        default: return BasisPoints(6_500)
        }
    }

    /// The haircut actually applied: the stored one, never above the ceiling.
    public var effectiveHaircut: BasisPoints { min(haircut, maximumHaircut) }

    /// Today's move as a fraction of the previous close.
    public var dayChange: Double {
        guard previousClose.fen > 0 else { return 0 }
        return Double(lastPrice.fen - previousClose.fen) / Double(previousClose.fen)
    }

    /// The daily price limit as a fraction: ST and *ST shares on the main board move at most ±5%; otherwise the board's.
    public var dailyLimit: Double {
        isSpecialTreatment && board == .main ? 0.05 : board.dailyLimit
    }

    /// The price at the daily lower limit, rounded to the fen as the exchanges do.
    public var limitDownPrice: Money { previousClose.scaled(by: 1 - dailyLimit) }
}
