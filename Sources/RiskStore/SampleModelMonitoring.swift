import Foundation
import GRDB
import RiskCore

extension Generation {
    /// A month of daily monitoring readings of the champion, computed as `recordModelMonitoring` would have taken them
    /// at 09:30 each day (the applications scored in the 30 days before), so the console's sparkline has history on
    /// the sample. Computed from the rows already written, with no random draw: the rest of the sample is unchanged.
    /// The loan history is written after the model versions, so these readings carry no matured AUC (the feed's
    /// first reading has it); days before the first application have no PSI.
    mutating func makeModelReadings(version: String) throws {
        let policy = ModelMonitoringPolicy()
        let insert = try db.makeStatement(sql: """
            INSERT INTO model_monitoring (version, at, recent, psi, level, csi, matured, matured_auc)
            VALUES (?,?,?,?,?,?,?,?)
            """)
        for daysAgo in stride(from: 30, through: 1, by: -1) {
            let at = now.addingTimeInterval(-Double(daysAgo) * 86_400)
            let reading = try RiskStore.monitoringReading(version: version, policy: policy, at: at, db).stored
            try insert.execute(arguments: [version, at.timeIntervalSince1970, reading.recent, reading.psi,
                                           reading.level?.rawValue, RiskStore.csiJSON(reading.csi), reading.matured,
                                           reading.maturedAUC])
        }
    }
}
