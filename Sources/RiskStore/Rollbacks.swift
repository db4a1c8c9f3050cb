import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// What rolling back `applicationID` would reverse, and why `userName` could not do it now (`refusal`), read in
    /// one transaction: the stage, the approvals of the current cycle, the customer's accounts and the window.
    public func rollbackPreview(of applicationID: String, by userName: String, at now: Date = Date()) throws(StoreError) -> RollbackPreview {
        try read { db in
            let app = try Self.requireApplication(applicationID, db)
            let user = try Self.requireUser(userName, db)
            let policy = try Self.approvalPolicy(db)
            let history = try Self.decisions(for: app.id, db).filter { $0.kind != "note" }
            let approvals = RollbackRules.reversedApprovals(history.map(\.past), decidedAt: history.map(\.decidedAt),
                                                            rates: history.map(\.rate))
            let name = try String.fetchOne(db, sql: "SELECT name FROM customers WHERE id = ?", arguments: [app.customerID]) ?? app.customerID
            let accounts = try String.fetchAll(db, sql: "SELECT id FROM accounts WHERE customer_id = ? ORDER BY id", arguments: [app.customerID])
            let refusal = RollbackRules.refusal(of: app, by: user, onTrainingData: try Self.isTraining(db), policy: policy, now: now)
            return RollbackPreview(application: app, customerName: name, approvals: approvals, accounts: accounts,
                                   windowCloses: app.decidedAt.map { $0.addingTimeInterval(policy.rollbackWindow) }, refusal: refusal)
        }
    }

    /// Rolls back an approved or active application through the pipeline (`DecisionKind.rollback`): the stage moves to
    /// rolled back, a `rollback` decision row and its own `decision.rollback` audit entry are added, and the earlier
    /// decision rows are left as they were.
    @discardableResult
    public func rollback(_ applicationID: String, by userName: String, reason: String, expectedVersion: Int,
                         at now: Date = Date()) throws(StoreError) -> DecisionOutcome {
        try apply(DecisionRequest(applicationID: applicationID, kind: .rollback, actor: userName, note: reason,
                                  expectedVersion: expectedVersion), at: now)
    }
}
