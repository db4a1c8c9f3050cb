import Foundation
import GRDB

/// Each contract records the financing margin ratio it was signed under, and each position what was financed to buy it,
/// so available margin follows Art. 40 with the contract's own ratio.
///
/// Accounts opened before this migration were signed by code that applied 50% to all assets: they keep 5000 bp, the
/// ratio they were actually opened under (a renewal is a new contract at the current setting). Their positions get a
/// financed cost of zero: that code did not record which holdings were bought with financing, so all count as own
/// collateral.
enum MigrationFinancingRatio {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE accounts ADD COLUMN financing_ratio_bp INTEGER NOT NULL DEFAULT 5000;
            ALTER TABLE positions ADD COLUMN financed_cost_fen INTEGER NOT NULL DEFAULT 0;
            """)
    }
}
