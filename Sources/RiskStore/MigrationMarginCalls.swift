import Foundation
import GRDB

/// v11-margin-calls: the `margin_calls` table, one row per call (追保通知) with its lifecycle, and its indexes:
/// at most one live call per account (partial unique index), live calls by deadline, and calls by opening time for
/// the daily record. Depends on `accounts` only (v1). A file opened read-only without it simply has no calls (the
/// readers check for the table; see `Schema.readCompatibleMigrations`).
enum MigrationMarginCalls {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE margin_calls (
                id INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                opened_at REAL NOT NULL,
                ratio_at_open_bp INTEGER NOT NULL,
                amount_at_open_fen INTEGER NOT NULL,
                ratio_bp INTEGER NOT NULL,
                top_up_fen INTEGER NOT NULL,
                reduction_fen INTEGER,
                deadline REAL NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('open','overdue','met','closed_out')),
                met_at REAL,
                met_how TEXT CHECK (met_how IN ('top_up','reduction','recovered')),
                extensions INTEGER NOT NULL DEFAULT 0,
                extended_by TEXT,
                extension_reason TEXT,
                closed_out_at REAL,
                updated_at REAL NOT NULL
            );
            CREATE UNIQUE INDEX margin_calls_live ON margin_calls(account_id) WHERE state IN ('open','overdue');
            CREATE INDEX margin_calls_open ON margin_calls(state, deadline);
            CREATE INDEX margin_calls_opened ON margin_calls(opened_at);
            """)
    }
}
