import GRDB

/// One price per application: every quote is kept with the pricing and model versions it came from, and the
/// application's `quoted_rate_bp` is always its latest. Applications priced before this migration keep their
/// rate as a quote without components (their breakdown was never stored).
enum MigrationQuotes {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE quotes (
                id INTEGER PRIMARY KEY,
                application_id TEXT NOT NULL REFERENCES applications(id),
                rate_bp INTEGER NOT NULL,
                fee_bp INTEGER NOT NULL,
                breakdown TEXT NOT NULL,
                pricing_version INTEGER NOT NULL,
                model_version TEXT,
                reason TEXT NOT NULL,
                quoted_at REAL NOT NULL,
                quoted_by TEXT NOT NULL
            );
            CREATE INDEX quotes_application ON quotes(application_id, id);
            INSERT INTO quotes (application_id, rate_bp, fee_bp, breakdown, pricing_version, model_version, reason, quoted_at, quoted_by)
              SELECT id, quoted_rate_bp, COALESCE((SELECT CAST(value AS INTEGER) FROM pricing_parameters WHERE name = 'fee_bp'), 10),
                     '', 0, model_version, 'priced before quotes were stored', submitted_at, 'migration'
              FROM applications WHERE quoted_rate_bp IS NOT NULL ORDER BY id;
            """)
    }
}
