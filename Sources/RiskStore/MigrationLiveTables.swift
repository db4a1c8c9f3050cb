import GRDB

/// `v13-live-tables`: the tables issue 7 added join the change log, so consoles see a margin call open or change
/// (`margin_call`, subject the account) and each market batch (`market`, subject the batch's seq) without reloading
/// everything. It runs after both `v9-change-log` and the tables' own migrations.
enum MigrationLiveTables {
    static let triggers: [ChangeLogTrigger] = [
        ChangeLogTrigger(table: "margin_calls", kind: "margin_call", subject: "ROW.account_id", events: [.insert, .update]),
        ChangeLogTrigger(table: "market_batches", kind: "market", subject: "CAST(ROW.seq AS TEXT)", events: [.insert]),
    ]

    static func migrate(_ db: Database) throws {
        for trigger in triggers { try db.execute(sql: trigger.sql) }
    }
}
