import Foundation
import GRDB

/// v17-metrics-sentiment: the indexes the desk metrics' range reads need (alerts by when they were raised, decisions
/// by when they were made, applications by submission (covering stage and id: the read never visits the table), margin calls by when they were met or closed out), and the
/// margin call's protection period from the sentiment policy (`protected_until`, null for calls opened without one).
/// Indexes and a nullable column only: set-based, seconds on a 1M database, and older readers stay valid.
enum MigrationMetricsSentiment {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX IF NOT EXISTS alerts_opened_at ON alerts(opened_at);
            CREATE INDEX IF NOT EXISTS decisions_decided_at ON decisions(decided_at);
            CREATE INDEX IF NOT EXISTS applications_submitted ON applications(submitted_at, stage, id);
            CREATE INDEX IF NOT EXISTS margin_calls_met ON margin_calls(met_at) WHERE met_at IS NOT NULL;
            CREATE INDEX IF NOT EXISTS margin_calls_closed_out ON margin_calls(closed_out_at) WHERE closed_out_at IS NOT NULL;
            ALTER TABLE margin_calls ADD COLUMN protected_until REAL;
            """)
    }
}
