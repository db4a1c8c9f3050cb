import GRDB

/// An approval records the rate it granted (the quote plus any override) on the decision and the application,
/// so the contract carries the rate that was approved, not a re-computed one.
enum MigrationDecisionRates {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE applications ADD COLUMN approved_rate_bp INTEGER;
            ALTER TABLE decisions ADD COLUMN rate_bp INTEGER;
            """)
    }
}
