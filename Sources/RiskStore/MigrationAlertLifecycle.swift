import GRDB

/// v10-alert-lifecycle: what the alert lifecycle records (`AlertLifecycle`): a version bumped by every step (a step
/// on an alert read before another is refused), who it is assigned to, who escalated it and why, who snoozed it,
/// the note of a resolution. Indexes keep every filtered page of the alerts pane an index search: by assignee
/// (mine, unassigned) and over the margin-call rules only. Critical-only pages use `alerts_open_order` itself (rank 0);
/// expired snoozes (listed as open again) are found through `alerts_state`.
/// A file without this migration still reads (see `Schema.readCompatibleMigrations`): absent columns read as unset.
enum MigrationAlertLifecycle {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE alerts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE alerts ADD COLUMN assignee TEXT;
            ALTER TABLE alerts ADD COLUMN assigned_by TEXT;
            ALTER TABLE alerts ADD COLUMN assigned_at REAL;
            ALTER TABLE alerts ADD COLUMN escalated_by TEXT;
            ALTER TABLE alerts ADD COLUMN escalated_at REAL;
            ALTER TABLE alerts ADD COLUMN escalation_reason TEXT;
            ALTER TABLE alerts ADD COLUMN snoozed_by TEXT;
            ALTER TABLE alerts ADD COLUMN resolution_note TEXT;
            CREATE INDEX alerts_open_assignee ON alerts(assignee, open_rank, opened_at, id) WHERE open_rank IS NOT NULL;
            CREATE INDEX alerts_open_calls ON alerts(open_rank, opened_at, id)
                WHERE open_rank IS NOT NULL AND rule IN ('margin.warning','margin.closeout');
            """)
    }
}
