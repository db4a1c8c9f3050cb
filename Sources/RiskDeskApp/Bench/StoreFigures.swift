import Foundation
import RiskCore
import RiskStore

/// The store's figures: the queue page the console reads on a move, the counts, and a decision with its audit entry.
enum StoreFigures {
    static func run(_ bed: ConsoleBenchmark.Bed, decisions: Int, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— store —"))
        let store = bed.store
        var pageSamples: [Double] = []
        var cursor: String?
        for _ in 0..<1_000 {
            var page: QueuePage?
            pageSamples.append(try milliseconds { () throws(StoreError) in page = try store.approvalQueue(after: cursor, limit: 50) })
            cursor = page?.nextCursor  // back to the top after the last page
        }
        report(BenchFigure(name: "queue page of 50 (keyset, rows decoded)", samples: pageSamples))
        var countSamples: [Double] = []
        var total = 0
        for _ in 0..<200 { countSamples.append(try milliseconds { () throws(StoreError) in total = try store.queueCount() }) }
        report(BenchFigure(name: "queue count (\(Note.grouped(total)) in review)", samples: countSamples))
        var alertCountSamples: [Double] = []
        var open = 0
        for _ in 0..<200 {
            alertCountSamples.append(try milliseconds { () throws(StoreError) in open = try store.openAlertCounts().values.reduce(0, +) })
        }
        report(BenchFigure(name: "alert counts by severity (\(Note.grouped(open)) open)", samples: alertCountSamples))

        let supervisor = bed.supervisor
        var decisionSamples: [Double] = []
        var after: String?
        var refused = 0
        while decisionSamples.count < decisions && refused < decisions {
            let page = try store.approvalQueue(filter: QueueFilter(stages: [.manualReview]), after: after, limit: 500)
            let now = Date()
            for row in page.rows where decisionSamples.count < decisions
                && row.application.requestedLine <= supervisor.approvalLimit && row.application.claimHolder(at: now) == nil {
                let request = DecisionRequest(applicationID: row.application.id, kind: .approve, actor: supervisor.name,
                                              expectedVersion: row.application.version)
                // A decision the rules refuse (a policy block, a limit) is counted apart, not timed.
                let start = DispatchTime.now().uptimeNanoseconds
                do { _ = try store.apply(request) } catch { refused += 1; continue }
                decisionSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            guard let next = page.nextCursor else { break }
            after = next
        }
        report(BenchFigure(name: "decision + audit entry (synchronous=FULL)", samples: decisionSamples))
        if refused > 0 { report(.note("  \(refused) approvals refused by the rules (not timed)")) }
    }
}

/// The audit chain's verification, whole and from an anchor near its end.
enum AuditFigures {
    static func run(_ bed: ConsoleBenchmark.Bed, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— audit —"))
        var samples: [Double] = []
        var result: AuditVerification?
        for _ in 0..<3 { samples.append(try milliseconds { () throws(StoreError) in result = try bed.store.verifyAuditChain() }) }
        report(BenchFigure(name: "audit verify (whole chain + table replay)", samples: samples))
        guard let result else { return }
        report(.note("  \(result.description)"))
        guard case let .intact(entries) = result, entries > 100_000 else { return }
        var fromSamples: [Double] = []
        for _ in 0..<3 {
            fromSamples.append(try milliseconds { () throws(StoreError) in _ = try bed.store.verifyAuditChain(from: Int64(entries - 100_000 + 1)) })
        }
        report(BenchFigure(name: "audit verify --from (last 100,000 entries)", samples: fromSamples))
    }
}
