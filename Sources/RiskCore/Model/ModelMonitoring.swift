import Foundation

/// A loan whose outcome for a card's target has matured: the points the card gives it and whether it went bad.
public struct MaturedOutcome: Hashable, Sendable {
    public var points: Int
    public var bad: Bool

    public init(points: Int, bad: Bool) {
        self.points = points
        self.bad = bad
    }
}

/// One monitoring reading of a card, before it is stored: PSI of the recent scores against the training
/// distribution and its level, CSI per feature, and the card's AUC on loans whose outcome matured after training.
public struct ModelReading: Hashable, Sendable {
    /// Recent scores the PSI was taken over.
    public var recent: Int
    /// Nil without recent scores or without a training distribution.
    public var psi: Double?
    public var level: PSI.Level?
    /// CSI by feature; empty for a card without training counts.
    public var csi: [String: Double]
    public var matured: Int
    public var maturedBads: Int
    /// Nil unless the matured loans hold at least one bad and one good.
    public var maturedAUC: Double?

    public init(recent: Int, psi: Double?, level: PSI.Level?, csi: [String: Double], matured: Int, maturedBads: Int,
                maturedAUC: Double?) {
        self.recent = recent
        self.psi = psi
        self.level = level
        self.csi = csi
        self.matured = matured
        self.maturedBads = maturedBads
        self.maturedAUC = maturedAUC
    }

    /// The characteristics by CSI, largest first (ties by feature name).
    public var csiBySize: [(feature: String, csi: Double)] {
        csi.map { (feature: $0.key, csi: $0.value) }
            .sorted { $0.csi != $1.csi ? $0.csi > $1.csi : $0.feature < $1.feature }
    }
}

/// The monitoring of a scorecard as a pure function of what the store read.
public enum ModelMonitoring {
    /// A reading of `card` (nil for a version stored without a card: no CSI, no matured AUC) against `distribution`
    /// (the card's `trainingDistribution`, or the deciles of its stored training scores for a card without one), over
    /// the recent scores and their feature vectors and the matured outcomes. The matured AUC ranks by −points (a
    /// lower score is riskier), ties counting half. The level uses `critical` as the watch/critical boundary, and is
    /// only judged on at least `minimumRecent` scores: on fewer the PSI is computed and kept but has no level (and so
    /// raises no alert), since a handful of applications moves it by chance (four scores in one decile read ≈ 6).
    public static func reading(card: Scorecard?, distribution: ScoreDistribution?, recentScores: [Int],
                               recentFeatures: [[String: FeatureValue]], matured: [MaturedOutcome],
                               critical: Double = PSI.criticalThreshold,
                               minimumRecent: Int = ModelMonitoring.minimumRecent) -> ModelReading {
        let psi = distribution.flatMap { PSI.index(scores: recentScores, against: $0) }
        let csi = card.map { CSI.indices($0, features: recentFeatures) } ?? [:]
        let auc = ModelMetrics.auc(risk: matured.map { -Double($0.points) }, bad: matured.map(\.bad))
        return ModelReading(recent: recentScores.count, psi: psi, level: recentScores.count < minimumRecent ? nil : psi.map { PSI.level($0, critical: critical) },
                            csi: csi, matured: matured.count, maturedBads: matured.lazy.filter(\.bad).count,
                            maturedAUC: auc)
    }

    /// The points `card` gives a feature vector: `card.score(features:).points` without the reasons and their words,
    /// for scoring a loan history thousands of loans at a time.
    public static func points(_ card: Scorecard, features: [String: FeatureValue]) -> Int {
        card.characteristics.reduce(card.basePoints) { $0 + ($1.bin(for: features[$1.feature])?.points ?? 0) }
    }

    /// The fewest recent scores a PSI is judged on. With no shift at all, the PSI of n scores in 10 equal bins is
    /// about χ²₉ / n (mean ≈ 9/n). Simulated (20,000 draws each): n = 50 read above 0.25 in 27% of readings, n = 100 in
    /// 0.8% (and above 0.10 in 39%), n = 200 in none (above 0.10 in 2.4%): below 200 a level would be mostly noise.
    public static let minimumRecent = 200

    /// The CSI at or above which a characteristic is marked as having moved (the PSI watch threshold).
    public static let csiMarked = PSI.watchThreshold
}
