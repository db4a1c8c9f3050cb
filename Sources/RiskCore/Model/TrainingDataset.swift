import Foundation

/// One column of a training table: numbers or categories, `nil` where the value is missing.
public enum TrainingColumnValues: Hashable, Sendable {
    case numeric([Double?])
    case categorical([String?])

    public var count: Int {
        switch self {
        case .numeric(let v): v.count
        case .categorical(let v): v.count
        }
    }

    public func value(at row: Int) -> FeatureValue? {
        switch self {
        case .numeric(let v): v[row].map(FeatureValue.number)
        case .categorical(let v): v[row].map(FeatureValue.category)
        }
    }
}

public struct TrainingColumn: Hashable, Sendable {
    /// The feature name a card will read (`FeatureCatalog` names for the desk's history, the header for a CSV).
    public var name: String
    public var values: TrainingColumnValues

    public init(name: String, values: TrainingColumnValues) {
        self.name = name
        self.values = values
    }
}

/// A table to learn from: characteristic columns, the outcome per row (`true` = bad), and each row's application
/// date where known (the training window).
public struct TrainingDataset: Hashable, Sendable {
    public var columns: [TrainingColumn]
    public var bad: [Bool]
    public var appliedAt: [Date]?
    public var target: ModelTarget

    public init(columns: [TrainingColumn], bad: [Bool], appliedAt: [Date]? = nil, target: ModelTarget) {
        self.columns = columns
        self.bad = bad
        self.appliedAt = appliedAt
        self.target = target
    }

    public var rowCount: Int { bad.count }
    public var badCount: Int { bad.lazy.filter { $0 }.count }

    /// Row `row` as the feature vector a card scores.
    public func features(row: Int) -> [String: FeatureValue] {
        var f: [String: FeatureValue] = [:]
        for column in columns { if let v = column.values.value(at: row) { f[column.name] = v } }
        return f
    }
}
