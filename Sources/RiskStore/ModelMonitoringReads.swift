import Foundation
import GRDB
import RiskCore

/// A monitoring reading with what the report shows beyond the stored row: the version's target and status, the
/// window it covered and the pure reading (matured bads, CSI by size).
public struct ModelMonitoringDetail: Hashable, Sendable {
    public var stored: MonitoringReading
    public var reading: ModelReading
    public var target: String
    public var status: ModelStatus
    /// The applications considered: scored from `windowStart` to the reading, at most `maximumRecent` of them.
    public var windowStart: Date
    public var maximumRecent: Int
    /// Where the training distribution came from: the card's deciles, the stored training scores, or none.
    public var distributionSource: DistributionSource
    /// Matured loans count from this date on (the card's training window end; nil: the whole history, as for a
    /// hand-written card that learned from none of it).
    public var maturedAfter: Date?
    /// Whether the card's bins carry training counts, so it can have CSI (a hand-written card's do not).
    public var hasCSI: Bool
    /// False for a version stored without a card (from before cards were data): no CSI and no matured AUC.
    public var hasCard: Bool

    public enum DistributionSource: String, Hashable, Sendable { case card, trainingScores = "training_scores", none }
}

extension RiskStore {
    /// The most recent scores the default target's champion gave applications (searched by `applications_submitted`).
    static let recentApplicationScoresSQL = "SELECT * FROM applications " + recentApplicationsWhere
    /// The same scores alone, for a card without CSI (no application to decode).
    static let recentApplicationScoresOnlySQL = "SELECT score FROM applications " + recentApplicationsWhere
    static let recentApplicationsWhere = """
        WHERE submitted_at >= ? AND submitted_at <= ? AND model_version = ? AND score IS NOT NULL
        ORDER BY submitted_at DESC LIMIT ?
        """
    /// The most recent scores any other card gave (searched by `model_scores_version`), with the application.
    static let recentModelScoresSQL = """
        SELECT s.points AS card_points, a.* FROM model_scores s JOIN applications a ON a.id = s.application_id
        WHERE s.version = ? AND s.scored_at >= ? AND s.scored_at <= ?
        ORDER BY s.scored_at DESC LIMIT ?
        """
    /// At most this many matured loans, the most recently applied for, enter the matured AUC.
    static let maturedLimit = 50_000

    /// The loan-history column of a desk target's outcome; nil for a CSV-trained card's own target.
    static func outcomeColumn(_ target: String) -> String? {
        switch target {
        case ModelTarget.default12m.code: "default_12m"
        case ModelTarget.marginCall30d.code: "margin_call_30d"
        default: nil
        }
    }

    static func monitoringReading(version: String, policy: ModelMonitoringPolicy, at now: Date,
                                  _ db: Database) throws -> ModelMonitoringDetail {
        guard let model = try storedModel(version, db) else {
            throw StoreError.notFound("no model version \(version)")
        }
        let registry = try hasModelRegistry(db)
        let card = model.card
        let target = model.summary.target
        let start = now.addingTimeInterval(-policy.window)

        // The training distribution: the card's deciles, else those of the scores stored with the version.
        var source = ModelMonitoringDetail.DistributionSource.none
        var distribution = card?.trainingDistribution
        if distribution != nil {
            source = .card
        } else if let legacy = try legacyTrainingDistribution(version, db) {
            distribution = legacy
            source = .trainingScores
        }

        // The recent scores and the applications behind them.
        let needsFeatures = card.map { c in c.characteristics.contains { CSI.expectedShares($0) != nil } } ?? false
        var scores: [Int] = []
        var applications: [Application] = []
        let limit = max(1, policy.maximumRecent)
        if target == ModelTarget.default12m.code && model.summary.status != .challenger && !needsFeatures {
            scores = try Int.fetchAll(db, sql: recentApplicationScoresOnlySQL,
                                      arguments: [start.timeIntervalSince1970, now.timeIntervalSince1970, version, limit])
        } else if target == ModelTarget.default12m.code && model.summary.status != .challenger {
            for row in try Row.fetchAll(db, sql: recentApplicationScoresSQL,
                                        arguments: [start.timeIntervalSince1970, now.timeIntervalSince1970, version, limit]) {
                let app = try Rows.application(row)
                guard let score = app.score else { continue }
                scores.append(score)
                if needsFeatures { applications.append(app) }
            }
        } else if registry {
            for row in try Row.fetchAll(db, sql: recentModelScoresSQL,
                                        arguments: [version, start.timeIntervalSince1970, now.timeIntervalSince1970, limit]) {
                scores.append(try StrictRow(row, table: "model_scores", key: "application_id")
                    .int("card_points", in: -100_000...100_000))
                if needsFeatures { applications.append(try Rows.application(row)) }
            }
        }
        let features = needsFeatures ? try featureVectors(applications, db) : []

        // Matured outcomes after the training window, scored by the card.
        var matured: [MaturedOutcome] = []
        let maturedAfter = card?.window?.to
        if registry, let card, let column = outcomeColumn(target) {
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM loan_history WHERE applied_at > ? AND \(column) IS NOT NULL
                ORDER BY applied_at DESC LIMIT ?
                """, arguments: [maturedAfter?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude, maturedLimit])
            for row in rows {
                let r = StrictRow(row, table: "loan_history", key: "id")
                let points = ModelMonitoring.points(card, features: try loanFeatures(r))
                matured.append(MaturedOutcome(points: points, bad: try r.int(column, in: 0...1) == 1))
            }
        }

        let reading = ModelMonitoring.reading(card: card, distribution: distribution, recentScores: scores,
                                              recentFeatures: features, matured: matured, critical: policy.psiCritical)
        let stored = MonitoringReading(version: version, at: now, recent: reading.recent, psi: reading.psi,
                                       level: reading.level, csi: reading.csi, matured: reading.matured,
                                       maturedAUC: reading.maturedAUC)
        return ModelMonitoringDetail(stored: stored, reading: reading, target: target, status: model.summary.status,
                                     windowStart: start, maximumRecent: limit, distributionSource: source,
                                     maturedAfter: maturedAfter, hasCSI: needsFeatures, hasCard: card != nil)
    }

    /// The deciles of `model_versions.training_scores` (what the feed compared before cards carried their
    /// distribution); nil when the version stores none.
    static func legacyTrainingDistribution(_ version: String, _ db: Database) throws -> ScoreDistribution? {
        guard let text = try String.fetchOne(db, sql: "SELECT training_scores FROM model_versions WHERE version = ?",
                                             arguments: [version]) else { return nil }
        guard let values = try? JSONDecoder().decode([Double].self, from: Data(text.utf8)) else {
            throw StoreError.corruptRow(table: "model_versions", row: version, column: "training_scores",
                                        value: String(text.prefix(40)), expected: "a JSON array of scores")
        }
        var scores: [Int] = []
        scores.reserveCapacity(values.count)
        for value in values {
            guard value.isFinite, abs(value) <= 100_000, value == value.rounded() else {
                throw StoreError.corruptRow(table: "model_versions", row: version, column: "training_scores",
                                            value: String(value), expected: "whole scores within ±100000")
            }
            scores.append(Int(value))
        }
        return PSI.distribution(ofTrainingScores: scores)
    }

    /// The feature vector of each application, from its customer as stored now (`ScoreInput(customer:application:)`).
    static func featureVectors(_ applications: [Application], _ db: Database) throws -> [[String: FeatureValue]] {
        var customers: [String: Customer] = [:]
        let ids = Array(Set(applications.map(\.customerID))).sorted()
        var index = 0
        while index < ids.count {
            let part = Array(ids[index..<min(ids.count, index + 500)])
            for row in try Row.fetchAll(db, sql: "SELECT * FROM customers WHERE id IN (\(placeholders(part.count)))",
                                        arguments: StatementArguments(part)) {
                let customer = try Rows.customer(row)
                customers[customer.id] = customer
            }
            index += 500
        }
        return applications.compactMap { app in
            customers[app.customerID].map { ScoreInput(customer: $0, application: app).features }
        }
    }

    /// A historical loan's features as recorded at application (`avg_holding_days` and `channel` may be missing).
    static func loanFeatures(_ r: StrictRow) throws(StoreError) -> [String: FeatureValue] {
        var f: [String: FeatureValue] = [
            FeatureCatalog.tenureMonths: .number(Double(try r.int("tenure_months", in: 0...12_000))),
            FeatureCatalog.largestPositionShare: .number(try r.double("largest_position_share", in: 0...1)),
            FeatureCatalog.marginCalls12m: .number(Double(try r.int("margin_calls_12m", in: 0...1_000_000))),
            FeatureCatalog.maxDaysPastDue: .number(Double(try r.int("max_dpd", in: 0...1_000_000))),
            FeatureCatalog.requestedLeverage: .number(try r.double("requested_leverage", in: 0...1_000)),
            FeatureCatalog.annualTurnover: .number(try r.double("annual_turnover", in: 0...1_000_000)),
            FeatureCatalog.lineToAssets: .number(try r.double("line_to_assets", in: 0...1_000_000)),
            FeatureCatalog.suitability: .number(Double(try r.int("suitability", in: 1...5))),
        ]
        if let holding = try r.optionalInt("avg_holding_days", in: 0...1_000_000) {
            f[FeatureCatalog.averageHoldingDays] = .number(Double(holding))
        }
        if let channel = try r.optionalString("channel") { f[FeatureCatalog.channel] = .category(channel) }
        return f
    }
}
