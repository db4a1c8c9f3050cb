import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore

/// A hand-built registry for the `:models` view and a small validation report with figures chosen by hand.
enum ModelsDesk {
    static let trained = Date(timeIntervalSince1970: 1_795_600_000)  // 2026-11-25 09:46:40 UTC

    /// Holdout 300 rows, 24 bads. Decile 1 is calibrated (2.1% predicted, 2.0% observed); decile 2 is 3.0 points
    /// under-predicted on 150 rows and is marked. Histogram: 276 goods, 24 bads in three buckets.
    static let report = ValidationReport(
        version: "sc-0123456789ab", target: .default12m, options: TrainingOptions(), trainingRows: 700, trainingBads: 56,
        holdoutRows: 300, holdoutBads: 24, auc: 0.742, ks: 0.368, ksScore: 612, gini: 0.484, trainingAUC: 0.761,
        brier: 0.0712,
        calibration: [
            CalibrationRow(decile: 1, rows: 150, bads: 3, predictedBadRate: 0.021, observedBadRate: 0.020, minScore: 640, maxScore: 720),
            CalibrationRow(decile: 2, rows: 150, bads: 21, predictedBadRate: 0.110, observedBadRate: 0.140, minScore: 520, maxScore: 639),
        ],
        characteristics: [
            CharacteristicReport(feature: "channel", name: "Channel", kind: .categorical, informationValue: 0.004, selected: false,
                                 note: "IV 0.004 below 0.02", coefficient: nil,
                                 bins: [BinReport(label: "online", count: 200, bads: 16, woe: 0, points: nil),
                                        BinReport(label: "branch", count: 100, bads: 8, woe: 0, points: nil)]),
            CharacteristicReport(feature: "largest_position_share", name: "Largest position", kind: .numeric,
                                 informationValue: 0.412, selected: true, note: nil, coefficient: 0.98,
                                 bins: [BinReport(label: "< 35%", count: 180, bads: 6, woe: 0.93, points: 34),
                                        BinReport(label: "≥ 35%", count: 120, bads: 18, woe: -0.72, points: 3)]),
        ],
        scoreDistribution: [ScoreBucket(lower: 500, upper: 560, goods: 40, bads: 14),
                            ScoreBucket(lower: 560, upper: 620, goods: 100, bads: 8),
                            ScoreBucket(lower: 620, upper: 680, goods: 136, bads: 2)],
        roc: [ROCPoint(falsePositiveRate: 0.1, truePositiveRate: 0.4), ROCPoint(falsePositiveRate: 0.3, truePositiveRate: 0.75),
              ROCPoint(falsePositiveRate: 0.6, truePositiveRate: 0.92)],
        benchmark: BenchmarkResult(version: "sc-2026.1", auc: 0.681, ks: 0.290), trainingSeconds: 0.42)

    static func summary(_ version: String, _ status: ModelStatus, target: String = "default_12m", auc: Double? = nil,
                        ks: Double? = nil, hasCard: Bool = true, retiredAt: Date? = nil) -> ModelVersionSummary {
        ModelVersionSummary(version: version, target: target, status: status, description: "", createdAt: trained,
                            trainedAt: auc == nil ? nil : trained, promotedAt: nil, retiredAt: retiredAt, auc: auc, ks: ks,
                            hasCard: hasCard)
    }

    static let champion = summary("sc-2026.1", .champion)
    static let challenger = summary("sc-0123456789ab", .challenger, auc: 0.742, ks: 0.368)
    static let candidate = summary("sc-fedcba987654", .candidate, auc: 0.701, ks: 0.330)
    static let retired = summary("sc-2025.9", .retired, hasCard: true, retiredAt: trained)
    static let legacy = summary("sc-2025.2", .retired, hasCard: false)

    static func reading(_ version: String, _ psi: Double, minutes: Double) -> MonitoringReading {
        MonitoringReading(version: version, at: trained.addingTimeInterval(minutes * 60), recent: 500, psi: psi,
                          level: PSI.level(psi), csi: [:], matured: 0, maturedAUC: nil)
    }

    static func proposal(_ kind: ModelProposal.Kind = .promote, version: String = "sc-0123456789ab",
                         by proposer: String = "zhao.min") -> ModelProposal {
        ModelProposal(id: 4, kind: kind, version: version, target: "default_12m", replaces: "sc-2026.1", proposedBy: proposer,
                      proposedAt: trained.addingTimeInterval(3_600), reason: "beats the default on the holdout",
                      state: .pending, decidedBy: nil, decidedAt: nil)
    }

    /// Champion with a drifting PSI (0.04 → 0.12 → 0.31: stable, watch, critical), challenger, candidate, retired.
    static func snapshot(pending: [ModelProposal] = []) -> ModelsSnapshot {
        ModelsSnapshot(versions: [champion, challenger, candidate, retired, legacy],
                       readings: ["sc-2026.1": [reading("sc-2026.1", 0.04, minutes: 0), reading("sc-2026.1", 0.12, minutes: 60),
                                                reading("sc-2026.1", 0.31, minutes: 120)],
                                  "sc-0123456789ab": [reading("sc-0123456789ab", 0.02, minutes: 120)]],
                       pending: pending)
    }
}
