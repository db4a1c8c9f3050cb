import Foundation

extension Schema {
    /// Migrations whose absence the reading code handles (data only, or an index it falls back from), so a file
    /// without them reads correctly: a read-only open of such an older file goes ahead instead of asking for a
    /// migration it cannot write.
    static let readCompatibleMigrations: Set<String> = ["v7-alert-order", "v8-alert-keys", "v9-change-log", "v10-alert-lifecycle",
                                                        "v11-margin-calls", "v11b-audit-head", "v12-market-feed", "v13-live-tables",
                                                        "v15-counts", "v16-search",
                                                        "v17-metrics-sentiment", "v18-models"]

    /// True when a file at `version` can be read by this binary without migrating it first.
    static func canRead(version: Int) -> Bool {
        guard version >= 1, version <= Self.version else { return false }
        return migrations[version...].allSatisfy { readCompatibleMigrations.contains($0.name) }
    }
}
