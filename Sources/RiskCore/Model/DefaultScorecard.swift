import Foundation

extension Scorecard {
    /// The bundled card (version `sc-2026.1`). Base 490 points; the best applicant scores 639 (PD 0.5%, grade A),
    /// a typical one about 585 (PD 3%, grade C). Bins are documented in the table below and in README.
    public static let standard = Scorecard(version: "sc-2026.1", description: "hand-written default, 9 characteristics",
                                            basePoints: 490, characteristics: [
        Characteristic(code: "TENURE", feature: FeatureCatalog.tenureMonths, name: "Client tenure", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 6, points: -10, label: "< 6 months"),
            ScoreBin(lower: 6, upper: 24, points: 5, label: "6–24 months"),
            ScoreBin(lower: 24, upper: 60, points: 15, label: "24–60 months"),
            ScoreBin(lower: 60, upper: .infinity, points: 22, label: "≥ 60 months"),
        ]),
        Characteristic(code: "CONC", feature: FeatureCatalog.largestPositionShare, name: "Largest position", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 0.20, points: 22, label: "< 20%"),
            ScoreBin(lower: 0.20, upper: 0.35, points: 12, label: "20–35%"),
            ScoreBin(lower: 0.35, upper: 0.50, points: 0, label: "35–50%"),
            ScoreBin(lower: 0.50, upper: .infinity, points: -15, label: "≥ 50%"),
        ]),
        Characteristic(code: "CALLS", feature: FeatureCatalog.marginCalls12m, name: "Margin calls (12m)", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 1, points: 20, label: "none"),
            ScoreBin(lower: 1, upper: 2, points: 5, label: "1"),
            ScoreBin(lower: 2, upper: 4, points: -10, label: "2–3"),
            ScoreBin(lower: 4, upper: .infinity, points: -25, label: "≥ 4"),
        ]),
        Characteristic(code: "DPD", feature: FeatureCatalog.maxDaysPastDue, name: "Days past due", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 1, points: 20, label: "never late"),
            ScoreBin(lower: 1, upper: 31, points: -5, label: "1–30 days"),
            ScoreBin(lower: 31, upper: .infinity, points: -30, label: "> 30 days"),
        ]),
        Characteristic(code: "LEV", feature: FeatureCatalog.requestedLeverage, name: "Requested leverage", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 1.5001, points: 18, label: "≤ 1.5×"),
            ScoreBin(lower: 1.5001, upper: 2.0001, points: 10, label: "1.5–2.0×"),
            ScoreBin(lower: 2.0001, upper: 2.5001, points: 2, label: "2.0–2.5×"),
            ScoreBin(lower: 2.5001, upper: .infinity, points: -8, label: "> 2.5×"),
        ]),
        Characteristic(code: "TURN", feature: FeatureCatalog.annualTurnover, name: "Annual turnover", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 3, points: 10, label: "< 3×"),
            ScoreBin(lower: 3, upper: 10, points: 5, label: "3–10×"),
            ScoreBin(lower: 10, upper: 30, points: -3, label: "10–30×"),
            ScoreBin(lower: 30, upper: .infinity, points: -12, label: "≥ 30×"),
        ]),
        Characteristic(code: "HOLD", feature: FeatureCatalog.averageHoldingDays, name: "Average holding period", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 5, points: -10, label: "< 5 days"),
            ScoreBin(lower: 5, upper: 20, points: 0, label: "5–20 days"),
            ScoreBin(lower: 20, upper: 60, points: 6, label: "20–60 days"),
            ScoreBin(lower: 60, upper: .infinity, points: 12, label: "≥ 60 days"),
        ]),
        Characteristic(code: "LTA", feature: FeatureCatalog.lineToAssets, name: "Line to assets", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 0.5, points: 15, label: "< 0.5×"),
            ScoreBin(lower: 0.5, upper: 1.0, points: 8, label: "0.5–1.0×"),
            ScoreBin(lower: 1.0, upper: 1.5, points: 0, label: "1.0–1.5×"),
            ScoreBin(lower: 1.5, upper: .infinity, points: -12, label: "≥ 1.5×"),
        ]),
        Characteristic(code: "SUIT", feature: FeatureCatalog.suitability, name: "Suitability", kind: .numeric, bins: [
            ScoreBin(lower: -.infinity, upper: 4, points: 0, label: "C3 or lower"),
            ScoreBin(lower: 4, upper: 5, points: 6, label: "C4"),
            ScoreBin(lower: 5, upper: .infinity, points: 10, label: "C5"),
        ]),
    ])
}
