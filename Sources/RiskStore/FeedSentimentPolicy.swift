import Foundation
import GRDB
import RiskCore

/// The market's sentiment index as the feed last recorded it, the policy in force and the band it is judged against
/// (what the console's header shows).
public struct SentimentReading: Hashable, Sendable {
    public var index: Double
    public var policy: SentimentPolicy
    public var band: Double

    public init(index: Double, policy: SentimentPolicy, band: Double) {
        self.index = index
        self.policy = policy
        self.band = band
    }
}

extension RiskStore {
    /// The recorded sentiment index, the policy in force and the band (the pricing parameter `sentiment_band`).
    public func sentimentReading() throws(StoreError) -> SentimentReading {
        try read { db in
            let stored = try Self.storedSettings(db)
            return SentimentReading(index: try Self.sentiment(db), policy: DeskSettings.sentimentPolicy(from: stored),
                                    band: try Self.pricingParameters(db).sentimentBand)
        }
    }
}
