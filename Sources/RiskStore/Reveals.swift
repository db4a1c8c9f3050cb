import Foundation
import GRDB
import RiskCore

extension RiskStore {
    /// Reveals one customer's national ID and phone to `userName` for `reason`, in one transaction with its
    /// `pii.reveal` audit entry (who, whom, why; never the values). Refused, writing nothing, for anyone but a
    /// supervisor (a trainer on training data) and without a reason.
    public func reveal(customerID: String, by userName: String, reason: String, at now: Date = Date()) throws(StoreError) -> RevealedIdentity {
        try write { db in
            let user = try Self.requireUser(userName, db)
            let training = try Self.isTraining(db)
            let record = try Self.ruling { () throws(DecisionError) in
                try RevealRules.audit(by: user, onTrainingData: training, customerID: customerID, reason: reason)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT national_id, phone FROM customers WHERE id = ?", arguments: [customerID]) else {
                throw StoreError.notFound("no customer \(customerID)")
            }
            try AuditChain.append(record, at: now, db)
            return RevealedIdentity(customerID: customerID, nationalID: row["national_id"], phone: row["phone"], revealedAt: now)
        }
    }
}
