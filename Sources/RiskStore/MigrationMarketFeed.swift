import Foundation
import GRDB

/// v12-market-feed: what the market feed and the alert engine need. An index on `positions(code)` so a tick revalues
/// only the accounts holding the instrument; `market_batches`, the history of every batch the feed wrote (the header's
/// "last market update" reads its newest row); and the structured details of maintenance-ratio alerts with the time
/// an alert was last updated by the engine. Independent of the other migrations of issue 7.
enum MigrationMarketFeed {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX IF NOT EXISTS positions_code ON positions(code, account_id);
            CREATE TABLE market_batches (
                seq INTEGER PRIMARY KEY,
                at REAL NOT NULL,
                ticks INTEGER NOT NULL CHECK (ticks >= 0),
                instruments INTEGER NOT NULL CHECK (instruments >= 0),
                advancers INTEGER NOT NULL CHECK (advancers >= 0),
                decliners INTEGER NOT NULL CHECK (decliners >= 0),
                turnover_fen INTEGER NOT NULL CHECK (turnover_fen >= 0),
                sentiment REAL NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
                accounts_revalued INTEGER NOT NULL DEFAULT 0,
                alerts_raised INTEGER NOT NULL DEFAULT 0,
                alerts_updated INTEGER NOT NULL DEFAULT 0,
                alerts_cleared INTEGER NOT NULL DEFAULT 0,
                transfers INTEGER NOT NULL DEFAULT 0,
                applications INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX market_batches_at ON market_batches(at);
            ALTER TABLE alerts ADD COLUMN ratio_bp INTEGER;
            ALTER TABLE alerts ADD COLUMN line_bp INTEGER;
            ALTER TABLE alerts ADD COLUMN trigger_code TEXT;
            ALTER TABLE alerts ADD COLUMN trigger_line_bp INTEGER;
            ALTER TABLE alerts ADD COLUMN trigger_price_fen INTEGER;
            ALTER TABLE alerts ADD COLUMN updated_at REAL;
            """)
    }
}
