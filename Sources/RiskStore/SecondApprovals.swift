import Foundation
import GRDB
import RiskCore

/// The first approval an application awaiting a second one asks to confirm, as the second-approval view and the profile show it.
public struct PendingProposal: Hashable, Sendable {
    public var applicationID: String
    /// The first decision, with its time, terms, override, rate and note.
    public var decision: DecisionRecord
    /// Why a second approver is needed (amount above the threshold, override beyond ±50 bp); nil if neither applies any more.
    public var reason: FourEyesReason?

    /// "¥1,200,000 · 1.5× · 7.85% (+60 bp)".
    public var termsText: String {
        var parts: [String] = []
        if let line = decision.line { parts.append(line.formattedWhole) }
        if let leverage = decision.leverage { parts.append(leverage.text) }
        var rate = decision.rate?.percentText ?? ""
        if let override = decision.priceOverride, override != .zero { rate += (rate.isEmpty ? "" : " ") + "(\(override.signedText))" }
        if !rate.isEmpty { parts.append(rate) }
        return parts.joined(separator: " · ")
    }

    /// The reason in a few words for the queue's column: "amount > ¥1,000,000" or "override +60 bp".
    public var shortReason: String {
        switch reason {
        case let .amount(_, threshold)?: "amount > \(threshold.formattedWhole)"
        case let .priceOverride(override, limit)?: "override \(override.signedText) > ±\(limit.value)"
        case nil: "—"
        }
    }
}

extension RiskStore {
    /// The first approvals the applications `ids` wait to have confirmed, by application id, for those awaiting a
    /// second approval. One indexed read (`decisions_application`) for the visible page only, never a scan.
    public func pendingProposals(for ids: [String]) throws(StoreError) -> [String: PendingProposal] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let policy = try Self.approvalPolicy(db)
            let placeholders = ids.map { _ in "?" }.joined(separator: ",")
            // The stage is checked here, not in SQL: with `stage = ?` SQLite picks the (stage, priority) index and walks
            // every application awaiting a second approval (130 ms on the 1M database) instead of the ids' primary key.
            let waiting = try Row.fetchAll(db, sql: "SELECT id, stage FROM applications WHERE id IN (\(placeholders))",
                                           arguments: StatementArguments(ids))
                .filter { ($0["stage"] as String?) == Stage.awaitingSecondApproval.rawValue }
                .map { $0["id"] as String }
            guard !waiting.isEmpty else { return [:] }
            let records = try Self.decisions(forApplications: waiting, db)
            var out: [String: PendingProposal] = [:]
            for (id, history) in records {
                guard let proposal = Self.pendingProposal(history, policy: policy) else { continue }
                out[id] = proposal
            }
            return out
        }
    }

    /// The proposal of `history` (one application's decisions, oldest first) a second approver confirms.
    static func pendingProposal(_ history: [DecisionRecord], policy: ApprovalPolicy) -> PendingProposal? {
        let past = history.map(\.past)
        guard let index = FourEyes.currentCycle(past).lastIndex(where: \.isApproval) else { return nil }
        let decision = history[index]
        let reason = FourEyes.reason(line: decision.line ?? .zero, priceOverride: decision.priceOverride ?? .zero, policy: policy)
        return PendingProposal(applicationID: decision.applicationID, decision: decision, reason: reason)
    }

    /// The decisions of several applications in one query on the `decisions_application` index, oldest first each.
    static func decisions(forApplications ids: [String], _ db: Database) throws -> [String: [DecisionRecord]] {
        let placeholders = ids.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM decisions WHERE application_id IN (\(placeholders)) ORDER BY application_id, id",
                                    arguments: StatementArguments(ids))
        return Dictionary(grouping: try rows.map(decisionRecord), by: \.applicationID)
    }
}
