import Foundation

/// Why a scorecard could not be trained, in words for a person.
public enum TrainingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer rows (or fewer of one class) than training and a holdout need.
    case tooFewRows(String)
    /// Every row has the same outcome.
    case oneClass(bad: Bool)
    /// No characteristic reached the information-value threshold.
    case nothingSelected(threshold: Double)
    /// An option out of range.
    case invalidOption(String)
    /// The regression's Hessian cannot be inverted (collinear or constant WOE columns).
    case singularHessian(String)
    /// Newton–IRLS did not converge within its iteration cap (e.g. perfect separation).
    case notConverged(iterations: Int, String)

    public var description: String {
        switch self {
        case .tooFewRows(let why): "too few rows: \(why)"
        case .oneClass(let bad): "target has one class (all \(bad ? "1, every row bad" : "0, no row bad"))"
        case .nothingSelected(let threshold):
            "no characteristic passed the IV threshold (\(String(format: "%.3f", threshold)))"
        case .invalidOption(let why): "invalid option: \(why)"
        case .singularHessian(let why): "the regression cannot be solved (singular Hessian): \(why)"
        case .notConverged(let iterations, let why): "the regression did not converge in \(iterations) iterations: \(why)"
        }
    }
}
