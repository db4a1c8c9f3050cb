import Foundation
import GRDB
import RiskCore

/// v18-models: model risk management.
/// - `model_versions` gains the card as JSON (`card`, null for a version from before cards were data), its lifecycle
///   `status` (one champion and at most one challenger per target), the `target` it predicts, the validation
///   `report` (JSON), and when it was trained, promoted and retired with its headline AUC and KS. The champion keeps
///   `is_champion = 1` for older readers. The hand-written default's row gets its card.
/// - `loan_history`: the book's historical loans with the characteristics the applicant had when the loan was
///   applied for (not today's) and the outcomes, null while not yet matured (`default_12m`, `margin_call_30d`).
/// - `model_scores`: every score a card gave an application (the champion's and, in the shadow, the challenger's,
///   for each target), with the reasons it gave.
/// - `model_proposals`: a promotion or rollback proposed by one supervisor, waiting for a different one.
/// - `model_monitoring`: PSI, CSI and matured AUC readings over time, for the drift alert and the sparkline.
/// Read-compatible: every read of the registry checks `RiskStore.hasModelRegistry` and falls back on an older file
/// opened read-only (the legacy columns; no proposals, scores, history or readings).
enum MigrationModels {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE model_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'retired'
                CHECK (status IN ('candidate','challenger','champion','retired'));
            ALTER TABLE model_versions ADD COLUMN target TEXT NOT NULL DEFAULT 'default_12m';
            ALTER TABLE model_versions ADD COLUMN card TEXT;
            ALTER TABLE model_versions ADD COLUMN report TEXT;
            ALTER TABLE model_versions ADD COLUMN trained_at REAL;
            ALTER TABLE model_versions ADD COLUMN promoted_at REAL;
            ALTER TABLE model_versions ADD COLUMN retired_at REAL;
            ALTER TABLE model_versions ADD COLUMN auc REAL;
            ALTER TABLE model_versions ADD COLUMN ks REAL;
            UPDATE model_versions SET status = CASE WHEN is_champion = 1 THEN 'champion' ELSE 'retired' END;
            CREATE UNIQUE INDEX model_versions_one_champion ON model_versions(target) WHERE status = 'champion';
            CREATE UNIQUE INDEX model_versions_one_challenger ON model_versions(target) WHERE status = 'challenger';

            CREATE TABLE loan_history (
                id TEXT PRIMARY KEY NOT NULL,
                customer_id TEXT,
                applied_at REAL NOT NULL,
                tenure_months INTEGER NOT NULL,
                largest_position_share REAL NOT NULL,
                margin_calls_12m INTEGER NOT NULL,
                max_dpd INTEGER NOT NULL,
                requested_leverage REAL NOT NULL,
                annual_turnover REAL NOT NULL,
                avg_holding_days INTEGER,
                line_to_assets REAL NOT NULL,
                suitability INTEGER NOT NULL,
                channel TEXT,
                default_12m INTEGER CHECK (default_12m IN (0, 1)),
                margin_call_30d INTEGER CHECK (margin_call_30d IN (0, 1))
            );
            CREATE INDEX loan_history_applied ON loan_history(applied_at);

            CREATE TABLE model_scores (
                application_id TEXT NOT NULL REFERENCES applications(id),
                version TEXT NOT NULL,
                target TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('champion','challenger')),
                points INTEGER NOT NULL,
                pd REAL NOT NULL,
                grade TEXT NOT NULL,
                reasons TEXT NOT NULL DEFAULT '[]',
                scored_at REAL NOT NULL,
                PRIMARY KEY (application_id, version)
            ) WITHOUT ROWID;
            CREATE INDEX model_scores_version ON model_scores(version, scored_at);

            CREATE TABLE model_proposals (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('promote','rollback')),
                version TEXT NOT NULL REFERENCES model_versions(version),
                target TEXT NOT NULL,
                replaces TEXT,
                proposed_by TEXT NOT NULL,
                proposed_at REAL NOT NULL,
                reason TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','withdrawn','superseded')),
                decided_by TEXT,
                decided_at REAL
            );
            CREATE UNIQUE INDEX model_proposals_one_pending ON model_proposals(target) WHERE state = 'pending';

            CREATE TABLE model_monitoring (
                id INTEGER PRIMARY KEY,
                version TEXT NOT NULL,
                at REAL NOT NULL,
                recent INTEGER NOT NULL,
                psi REAL,
                level TEXT,
                csi TEXT NOT NULL DEFAULT '{}',
                matured INTEGER NOT NULL DEFAULT 0,
                matured_auc REAL
            );
            CREATE INDEX model_monitoring_version ON model_monitoring(version, at);
            """)
        let standard = Scorecard.standard
        try db.execute(sql: "UPDATE model_versions SET card = ? WHERE version = ?",
                       arguments: [String(decoding: standard.canonicalJSON(), as: UTF8.self), standard.version])
    }
}
