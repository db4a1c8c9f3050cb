import GRDB

/// The derived tables a bulk load must recompute once the base tables are loaded (its triggers are dropped while it
/// loads): each entry rebuilds one from the base tables with set-based SQL.
enum DerivedData {
    static let rebuilders: [(name: String, rebuild: @Sendable (Database) throws -> Void)] = [
        ("counts", DeskCounts.rebuild),
    ]
}
