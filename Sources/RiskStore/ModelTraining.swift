import Foundation
import GRDB
import RiskCore

/// Training on the store's loan history, and registering a trained card as a candidate.
extension RiskStore {
    /// The matured rows of `loan_history` for `target` as a training table: a loan counts when its outcome is known
    /// and, with `asOf`, had matured by then (applied at least 365 days before for default within 12 months, 30 days
    /// for a margin call within 30 days). Columns are the catalog's features; an unknown average holding period is
    /// missing; the channel is categorical. An older file without the registry has no history: an empty table.
    public func trainingDataset(target: ModelTarget, asOf: Date?) throws(StoreError) -> TrainingDataset {
        let outcome: String, maturity: Double
        switch target.code {
        case ModelTarget.default12m.code: (outcome, maturity) = ("default_12m", 365)
        case ModelTarget.marginCall30d.code: (outcome, maturity) = ("margin_call_30d", 30)
        default: throw .invalidInput("no loan history for target \(target.code): use default_12m or margin_call_30d")
        }
        return try read { db in
            guard try Self.hasModelRegistry(db) else {
                return TrainingDataset(columns: [], bad: [], appliedAt: [], target: target)
            }
            var sql = """
                SELECT applied_at, tenure_months, largest_position_share, margin_calls_12m, max_dpd, requested_leverage,
                       annual_turnover, avg_holding_days, line_to_assets, suitability, channel, \(outcome) AS bad
                FROM loan_history WHERE \(outcome) IS NOT NULL
                """
            var arguments: StatementArguments = []
            if let asOf {
                sql += " AND applied_at <= ?"
                arguments = [asOf.timeIntervalSince1970 - maturity * 86_400]
            }
            sql += " ORDER BY applied_at, id"
            let numeric = [FeatureCatalog.tenureMonths, FeatureCatalog.largestPositionShare, FeatureCatalog.marginCalls12m,
                           FeatureCatalog.maxDaysPastDue, FeatureCatalog.requestedLeverage, FeatureCatalog.annualTurnover,
                           FeatureCatalog.averageHoldingDays, FeatureCatalog.lineToAssets, FeatureCatalog.suitability]
            var values = [[Double?]](repeating: [], count: numeric.count)
            var channel: [String?] = [], bad: [Bool] = [], applied: [Date] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                applied.append(Date(timeIntervalSince1970: row["applied_at"]))
                for (k, name) in numeric.enumerated() {
                    let column = name == FeatureCatalog.suitability ? "suitability" : name
                    values[k].append(row[column] as Double?)
                }
                channel.append(row["channel"] as String?)
                bad.append((row["bad"] as Int64) == 1)
            }
            let columns = zip(numeric, values).map { TrainingColumn(name: $0, values: .numeric($1)) }
                + [TrainingColumn(name: FeatureCatalog.channel, values: .categorical(channel))]
            return TrainingDataset(columns: columns, bad: bad, appliedAt: applied, target: target)
        }
    }

    /// Registers a trained card as a candidate of its target in one transaction: the `model_versions` row (card and
    /// report as JSON, AUC, KS, when trained) and an audit entry `model.register`. A supervisor may, or the trainer
    /// on training data (`ModelRegistrationRules`); a version already registered is refused.
    public func registerCandidate(_ trained: TrainedScorecard, by user: String, at now: Date = Date()) throws(StoreError) {
        let card = trained.card, report = trained.report
        guard card.version == card.contentVersion else {
            throw .invalidInput("the card's version \(card.version) is not its content hash \(card.contentVersion)")
        }
        let reportJSON: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .secondsSince1970
            reportJSON = String(decoding: try encoder.encode(report), as: UTF8.self)
        } catch { throw .invalidInput("the validation report cannot be written as JSON: \(error)") }
        try write { db in
            let actor = try Self.requireUser(user, db)
            let training = try Self.isTraining(db)
            try Self.ruling { () throws(DecisionError) in
                try ModelRegistrationRules.checkRegistration(by: actor, onTrainingData: training)
            }
            guard try Self.hasModelRegistry(db) else { throw StoreError.readOnly("this file has no model registry") }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM model_versions WHERE version = ?", arguments: [card.version]) == true {
                throw StoreError.invalidInput("\(card.version) is already registered")
            }
            try db.execute(sql: """
                INSERT INTO model_versions (version, created_at, is_champion, description, status, target, card, report,
                                            trained_at, auc, ks)
                VALUES (?,?,0,?,'candidate',?,?,?,?,?,?)
                """, arguments: [card.version, now.timeIntervalSince1970, card.description, card.target.code,
                                 String(decoding: card.canonicalJSON(), as: UTF8.self), reportJSON,
                                 (card.trainedAt ?? now).timeIntervalSince1970, report.auc, report.ks])
            let rows = report.trainingRows + report.holdoutRows, bads = report.trainingBads + report.holdoutBads
            try AuditChain.append(AuditRecord(
                actor: actor.name, action: "model.register", subject: "model:\(card.version)",
                after: ["version": card.version, "target": card.target.code, "status": "candidate",
                        "rows": String(rows), "bads": String(bads),
                        "auc": String(format: "%.4f", report.auc), "ks": String(format: "%.4f", report.ks),
                        "characteristics": card.features.joined(separator: ",")],
                reason: card.description), at: now, db)
        }
    }
}
