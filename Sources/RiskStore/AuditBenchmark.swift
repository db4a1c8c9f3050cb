import Foundation
import GRDB
import RiskCore

/// What `benchmarkAuditAppends` measured: each append's latency and the WAL frames (pages) the appends wrote.
public struct AuditAppendFigures: Sendable {
    /// Seconds per append, each its own transaction (commit included), in the order they ran.
    public var latencies: [Double]
    /// WAL frames the WAL grew by during the run (one frame per page written; other processes' too when run at once).
    public var walFrames: Int

    /// The `p`-quantile of the latencies (nearest rank), in milliseconds.
    public func milliseconds(quantile p: Double) -> Double {
        (NearestRank.percentile(latencies, p) ?? 0) * 1_000
    }
}

extension RiskStore {
    /// Appends `count` audit entries (action `bench.append`), each in its own transaction, timing each; for
    /// `riskdesk audit bench` on a scratch copy. Automatic checkpoints are off on this connection so the WAL's growth
    /// counts the pages written (frames = growth ÷ (page size + 24)); run several processes at once to see contention.
    public func benchmarkAuditAppends(count: Int, actor: String) throws(StoreError) -> AuditAppendFigures {
        guard !isReadOnly else { throw .readOnly("this database was opened read-only: nothing was written") }
        let pageSize = try wrap { () throws -> Int in
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                return try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4_096
            }
        }
        let wal = path + "-wal"
        // No WAL file yet means nothing written to it yet.
        func walSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0 }
        let before = walSize()
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        let clock = ContinuousClock()
        for index in 0..<max(0, count) {
            let record = AuditRecord(actor: actor, action: "bench.append", subject: "bench", before: [:],
                                     after: ["n": "\(index)"], reason: "audit append benchmark")
            let start = clock.now
            try appendAudit(record)
            let elapsed = clock.now - start
            latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return AuditAppendFigures(latencies: latencies, walFrames: (walSize() - before) / (pageSize + 24))
    }
}
