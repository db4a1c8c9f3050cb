import Foundation
import GRDB

/// The versioned migrations; `PRAGMA user_version` records how many have run, so an older binary can refuse a newer file.
enum Schema {
    /// The migrations in the order they run. Each feature adds its own line here (its SQL in its own file);
    /// the schema version is their count, so adding one bumps it.
    static let migrations: [(name: String, migrate: @Sendable (Database) throws -> Void)] = [
        ("v1-initial", { db in try db.execute(sql: initialSQL) }),
        ("v2-decision-rates", MigrationDecisionRates.migrate),
        ("v3-user-logins", MigrationUserLogins.migrate),
        ("v4-quotes", MigrationQuotes.migrate),
        ("v5-financing-ratio", MigrationFinancingRatio.migrate),
        ("v6-audit-encoding", MigrationAuditEncoding.migrate),
        ("v7-alert-order", MigrationAlertOrder.migrate),
        ("v8-alert-keys", MigrationAlertKeys.migrate),
        ("v9-change-log", MigrationChangeLog.migrate),
        ("v10-alert-lifecycle", MigrationAlertLifecycle.migrate),
        ("v11-margin-calls", MigrationMarginCalls.migrate),
        ("v11b-audit-head", MigrationAuditHead.migrate),
        ("v12-market-feed", MigrationMarketFeed.migrate),
        ("v13-live-tables", MigrationLiveTables.migrate),
        ("v15-counts", MigrationCounts.migrate),
        ("v16-search", MigrationSearch.migrate),
        ("v17-metrics-sentiment", MigrationMetricsSentiment.migrate),
        ("v18-models", MigrationModels.migrate),
    ]
    /// The schema version this binary writes and understands.
    static var version: Int { migrations.count }
    /// Marks a riskdesk database in `settings`.
    static let applicationID: Int32 = 0x5244_534B  // "RDSK"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name, migrate: migration.migrate)
        }
        return migrator
    }

    static let initialSQL = """
    CREATE TABLE users (
        name TEXT PRIMARY KEY NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer','supervisor','auditor','trainer')),
        approval_limit_fen INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE customers (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        national_id TEXT NOT NULL,
        phone TEXT NOT NULL,
        segment TEXT NOT NULL,
        suitability INTEGER NOT NULL,
        kyc_status TEXT NOT NULL,
        kyc_expiry REAL NOT NULL,
        aml_status TEXT NOT NULL,
        is_pep INTEGER NOT NULL DEFAULT 0,
        tenure_months INTEGER NOT NULL,
        annual_turnover REAL NOT NULL,
        avg_holding_days INTEGER NOT NULL,
        largest_position_share REAL NOT NULL,
        margin_calls_12m INTEGER NOT NULL,
        max_dpd INTEGER NOT NULL,
        securities_assets_fen INTEGER NOT NULL,
        liabilities_fen INTEGER NOT NULL,
        lifetime_value_fen INTEGER NOT NULL
    );
    CREATE INDEX customers_name ON customers(name);
    CREATE TABLE instruments (
        code TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        board TEXT NOT NULL,
        is_index_constituent INTEGER NOT NULL DEFAULT 0,
        is_st INTEGER NOT NULL DEFAULT 0,
        is_suspended INTEGER NOT NULL DEFAULT 0,
        haircut_bp INTEGER NOT NULL,
        margin_eligible INTEGER NOT NULL DEFAULT 1,
        last_price_fen INTEGER NOT NULL,
        prev_close_fen INTEGER NOT NULL,
        volatility REAL NOT NULL,
        free_float_shares INTEGER NOT NULL DEFAULT 0,
        financing_balance_fen INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE prices (
        code TEXT NOT NULL REFERENCES instruments(code),
        day TEXT NOT NULL,
        close_fen INTEGER NOT NULL,
        PRIMARY KEY (code, day)
    ) WITHOUT ROWID;
    CREATE TABLE accounts (
        id TEXT PRIMARY KEY NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        application_id TEXT,
        cash_fen INTEGER NOT NULL,
        financed_fen INTEGER NOT NULL,
        accrued_interest_fen INTEGER NOT NULL,
        warning_bp INTEGER NOT NULL,
        closeout_bp INTEGER NOT NULL,
        recovery_bp INTEGER NOT NULL,
        rate_bp INTEGER NOT NULL,
        fee_bp INTEGER NOT NULL,
        opened_at REAL NOT NULL
    );
    CREATE INDEX accounts_customer ON accounts(customer_id);
    CREATE TABLE positions (
        account_id TEXT NOT NULL REFERENCES accounts(id),
        code TEXT NOT NULL REFERENCES instruments(code),
        quantity INTEGER NOT NULL,
        PRIMARY KEY (account_id, code)
    ) WITHOUT ROWID;
    CREATE TABLE transfers (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        at REAL NOT NULL,
        amount_fen INTEGER NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in','out')),
        counterparty TEXT NOT NULL
    );
    CREATE INDEX transfers_account ON transfers(account_id, at);
    CREATE TABLE applications (
        id TEXT PRIMARY KEY NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        requested_line_fen INTEGER NOT NULL,
        requested_leverage INTEGER NOT NULL,
        term_months INTEGER NOT NULL,
        channel TEXT NOT NULL,
        stage TEXT NOT NULL,
        flags TEXT NOT NULL DEFAULT '[]',
        score INTEGER,
        pd REAL,
        grade TEXT,
        quoted_rate_bp INTEGER,
        approved_line_fen INTEGER,
        approved_leverage INTEGER,
        claimed_by TEXT,
        claim_expires_at REAL,
        submitted_at REAL NOT NULL,
        sla_due REAL NOT NULL,
        decided_at REAL,
        version INTEGER NOT NULL DEFAULT 1,
        model_version TEXT,
        priority_key TEXT NOT NULL
    );
    CREATE INDEX applications_queue ON applications(stage, priority_key);
    CREATE INDEX applications_priority ON applications(priority_key);
    CREATE INDEX applications_customer ON applications(customer_id, submitted_at);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        from_stage TEXT NOT NULL,
        to_stage TEXT NOT NULL,
        line_fen INTEGER,
        leverage INTEGER,
        reason_code TEXT,
        price_override_bp INTEGER,
        note TEXT NOT NULL DEFAULT '',
        decided_at REAL NOT NULL
    );
    CREATE INDEX decisions_application ON decisions(application_id, id);
    CREATE TABLE loans (
        id TEXT PRIMARY KEY NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        line_fen INTEGER NOT NULL,
        score INTEGER NOT NULL,
        opened_at REAL NOT NULL,
        closed_at REAL,
        outcome TEXT NOT NULL CHECK (outcome IN ('repaid','late','default','open')),
        max_dpd INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info','warning','critical')),
        subject TEXT NOT NULL,
        message TEXT NOT NULL,
        dedupe_key TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open',
        opened_at REAL NOT NULL,
        acknowledged_by TEXT,
        acknowledged_at REAL,
        resolved_by TEXT,
        resolved_at REAL,
        disposition TEXT,
        snoozed_until REAL
    );
    CREATE UNIQUE INDEX alerts_one_open ON alerts(dedupe_key) WHERE state IN ('open','acknowledged','snoozed','escalated');
    CREATE INDEX alerts_state ON alerts(state, severity);
    CREATE INDEX alerts_subject ON alerts(subject, state);
    CREATE TABLE pricing_parameters (
        name TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at REAL NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at REAL NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE TABLE model_versions (
        version TEXT PRIMARY KEY NOT NULL,
        created_at REAL NOT NULL,
        is_champion INTEGER NOT NULL DEFAULT 0,
        description TEXT NOT NULL,
        training_scores TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        reason TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX audit_subject ON audit_log(subject, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    """
}
