import GRDB

/// The derived tables (maintained by triggers during normal writes) and how to recompute each from the base
/// tables after a bulk load that ran with the triggers dropped.
public enum DerivedData {
    /// Every derived table's rebuild, set-based SQL run inside the caller's transaction.
    public static let rebuilders: [(name: String, rebuild: @Sendable (Database) throws -> Void)] = [
        ("counts", DeskCounts.rebuild),
        ("queue-search", QueueSearchIndex.rebuild),
    ]
}
