import GRDB

/// Lets the alerts pane page open alerts by keyset: a virtual `open_rank` column (NULL for alerts the pane does
/// not list, else 0 critical, 1 warning, 2 info) and an index in the pane's order (critical first, oldest
/// first, then id) over the listed alerts only. The state is folded into the rank so that no query on the
/// listed alerts can prefer `alerts_state` and sort.
enum MigrationAlertOrder {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE alerts ADD COLUMN open_rank INTEGER GENERATED ALWAYS AS (
                CASE WHEN state IN ('open','acknowledged','escalated')
                THEN (CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END) END) VIRTUAL;
            CREATE INDEX alerts_open_order ON alerts(open_rank, opened_at, id) WHERE open_rank IS NOT NULL;
            """)
    }
}
