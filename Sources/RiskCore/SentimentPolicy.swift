import Foundation

/// The desk's sentiment policy in force: normal, or tightened while the market's sentiment index is beyond its band
/// (fear below −band, euphoria above +band). Tightened, the auto-approve PD threshold drops to its own setting, new
/// margin calls get a protection period before close-out, and pricing adds its sentiment premium (as the pricing
/// parameters say: the premium and the policy share one band, the pricing parameter `sentiment_band`).
public enum SentimentPolicy: String, Hashable, Sendable, CaseIterable, Codable {
    case normal
    case tightenedFear = "tightened_fear"
    case tightenedEuphoria = "tightened_euphoria"

    /// The internal setting where the feed records the policy in force (written, audited, once per switch).
    public static let settingKey = "market.sentiment_policy"

    public var isTightened: Bool { self != .normal }

    /// The header's word: `NORMAL`, `TIGHT fear`, `TIGHT euphoria`.
    public var label: String {
        switch self {
        case .normal: "NORMAL"
        case .tightenedFear: "TIGHT fear"
        case .tightenedEuphoria: "TIGHT euphoria"
        }
    }

    /// The policy recorded in the settings table; absent or unknown text reads as normal.
    public static func recorded(_ text: String?) -> SentimentPolicy {
        text.flatMap(SentimentPolicy.init(rawValue:)) ?? .normal
    }

    /// The policy after the index moved to `index`, from `current`, with hysteresis: the policy tightens as soon as
    /// the index is beyond ±`band` and returns to normal only once the index is back at or inside ±(`band` −
    /// `hysteresis`), so an index hovering at the band's edge switches once, not at every timer.
    /// A non-finite index changes nothing.
    public static func next(after current: SentimentPolicy, index: Double, band: Double, hysteresis: Double) -> SentimentPolicy {
        guard index.isFinite, band.isFinite else { return current }
        if index < -band { return .tightenedFear }
        if index > band { return .tightenedEuphoria }
        // Rounded to 1e-9 so that 0.6 − 0.05 is 0.55, not 0.5499999999999999 (an index of exactly −0.55 is back).
        let release = max(0, ((band - max(0, hysteresis.isFinite ? hysteresis : 0)) * 1e9).rounded() / 1e9)
        switch current {
        case .tightenedFear where index < -release: return .tightenedFear
        case .tightenedEuphoria where index > release: return .tightenedEuphoria
        default: return .normal
        }
    }

    /// The screening policy in force: tightened, the auto-approve PD threshold is `tightenedPD` (never looser than
    /// the normal one).
    public func screening(_ normal: ScreeningPolicy, tightenedPD: Double) -> ScreeningPolicy {
        guard isTightened else { return normal }
        var policy = normal
        policy.autoApprovePD = min(normal.autoApprovePD, tightenedPD)
        return policy
    }

    /// The margin-call policy in force: tightened, new calls get `protection` seconds before they may be closed out.
    public func marginCalls(_ normal: MarginCallPolicy, protection: TimeInterval) -> MarginCallPolicy {
        var policy = normal
        policy.protection = isTightened ? max(0, protection) : 0
        return policy
    }
}

/// One switch of the sentiment policy, as the feed records it.
public struct SentimentPolicySwitch: Hashable, Sendable {
    public var from: SentimentPolicy
    public var to: SentimentPolicy
    public var index: Double
    public var band: Double

    public init(from: SentimentPolicy, to: SentimentPolicy, index: Double, band: Double) {
        self.from = from
        self.to = to
        self.index = index
        self.band = band
    }

    /// "normal → TIGHT fear: index −0.72 beyond ±0.60".
    public var summary: String {
        let inside = to.isTightened ? "beyond" : "back inside"
        return "\(from.label) → \(to.label): index \(String(format: "%+.2f", index)) \(inside) ±\(String(format: "%.2f", band))"
    }
}
