import Foundation
import GRDB
import RiskCore

/// A model version as the registry lists it.
public struct ModelVersionSummary: Hashable, Sendable {
    public var version: String
    public var target: String
    public var status: ModelStatus
    public var description: String
    public var createdAt: Date
    public var trainedAt: Date?
    public var promotedAt: Date?
    public var retiredAt: Date?
    /// Holdout AUC and KS from the validation report, where one exists.
    public var auc: Double?
    public var ks: Double?
    /// False for a version from before cards were data: it can be listed, not scored with or switched to.
    public var hasCard: Bool
}

/// A model version with its card and validation report.
public struct StoredModel: Hashable, Sendable {
    public var summary: ModelVersionSummary
    public var card: Scorecard?
    public var report: ValidationReport?
}

/// A promotion or rollback waiting for (or decided by) a second supervisor.
public struct ModelProposal: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable { case promote, rollback }
    public enum State: String, Hashable, Sendable, Codable { case pending, approved, withdrawn, superseded }
    public var id: Int64
    public var kind: Kind
    /// The card that becomes champion if approved.
    public var version: String
    public var target: String
    /// The champion when it was proposed.
    public var replaces: String?
    public var proposedBy: String
    public var proposedAt: Date
    public var reason: String
    public var state: State
    public var decidedBy: String?
    public var decidedAt: Date?
}

/// One monitoring reading of a card (written by the feed and by `riskdesk model monitor`).
public struct MonitoringReading: Hashable, Sendable {
    public var version: String
    public var at: Date
    /// Recent applications the PSI was taken over.
    public var recent: Int
    public var psi: Double?
    public var level: PSI.Level?
    /// CSI per feature.
    public var csi: [String: Double]
    /// Loans whose outcome matured after the training window, and the card's AUC on them.
    public var matured: Int
    public var maturedAUC: Double?
}

extension RiskStore {
    /// Whether the file has the model registry (v18-models). The migration is read-compatible: a read-only open of an
    /// older file lacks it, and every read of the registry falls back to what such a file holds (the legacy
    /// `model_versions` columns; no proposals, scores or readings).
    static func hasModelRegistry(_ db: Database) throws -> Bool {
        try db.tableExists("model_proposals")
    }

    /// Every model version, champions first, then challengers, candidates and retired, newest first within each.
    public func modelVersions() throws(StoreError) -> [ModelVersionSummary] {
        try read { db in
            guard try Self.hasModelRegistry(db) else {
                return try Row.fetchAll(db, sql: """
                    SELECT version, 'default_12m' AS target, CASE is_champion WHEN 1 THEN 'champion' ELSE 'retired' END AS status,
                           description, created_at, NULL AS trained_at, NULL AS promoted_at, NULL AS retired_at, NULL AS auc,
                           NULL AS ks, 0 AS has_card
                    FROM model_versions ORDER BY is_champion DESC, created_at DESC, version
                    """).map { row throws(StoreError) in try Self.modelSummary(row) }
            }
            return try Row.fetchAll(db, sql: """
                SELECT version, target, status, description, created_at, trained_at, promoted_at, retired_at, auc, ks,
                       card IS NOT NULL AS has_card
                FROM model_versions
                ORDER BY CASE status WHEN 'champion' THEN 0 WHEN 'challenger' THEN 1 WHEN 'candidate' THEN 2 ELSE 3 END,
                         created_at DESC, version
                """).map { row throws(StoreError) in try Self.modelSummary(row) }
        }
    }

    /// One version with its card and report; nil when there is no such version.
    public func storedModel(_ version: String) throws(StoreError) -> StoredModel? {
        try read { db in try Self.storedModel(version, db) }
    }

    /// The champion of `target` (a desk target code), nil when none is set.
    public func champion(target: String) throws(StoreError) -> StoredModel? {
        try read { db in
            let legacy = try !Self.hasModelRegistry(db)
            guard let version = try String.fetchOne(db, sql: legacy
                ? "SELECT version FROM model_versions WHERE is_champion = 1 AND ? = 'default_12m'"
                : "SELECT version FROM model_versions WHERE target = ? AND status = 'champion'",
                arguments: [target]) else { return nil }
            return try Self.storedModel(version, db)
        }
    }

    /// Proposals, pending first then newest; `pendingOnly` for those waiting.
    public func modelProposals(pendingOnly: Bool = false) throws(StoreError) -> [ModelProposal] {
        try read { db in
            guard try Self.hasModelRegistry(db) else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT * FROM model_proposals \(pendingOnly ? "WHERE state = 'pending'" : "")
                ORDER BY state = 'pending' DESC, proposed_at DESC, id DESC
                """).map { row throws(StoreError) in try Self.modelProposal(row) }
        }
    }

    /// The latest `limit` monitoring readings of `version`, oldest first (for a sparkline).
    public func monitoringReadings(_ version: String, limit: Int = 60) throws(StoreError) -> [MonitoringReading] {
        try read { db in
            guard try Self.hasModelRegistry(db) else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM model_monitoring WHERE version = ? ORDER BY at DESC, id DESC LIMIT ?)
                ORDER BY at, id
                """, arguments: [version, max(0, limit)]).map { row throws(StoreError) in try Self.monitoringReading(row) }
        }
    }

    static func storedModel(_ version: String, _ db: Database) throws -> StoredModel? {
        guard try hasModelRegistry(db) else {
            // An older file: the row without a card, except the hand-written default, whose card is in the code.
            guard let row = try Row.fetchOne(db, sql: """
                SELECT version, 'default_12m' AS target, CASE is_champion WHEN 1 THEN 'champion' ELSE 'retired' END AS status,
                       description, created_at, NULL AS trained_at, NULL AS promoted_at, NULL AS retired_at, NULL AS auc,
                       NULL AS ks, ? AS has_card
                FROM model_versions WHERE version = ?
                """, arguments: [version == Scorecard.standard.version, version]) else { return nil }
            return StoredModel(summary: try modelSummary(row),
                               card: version == Scorecard.standard.version ? Scorecard.standard : nil, report: nil)
        }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT version, target, status, description, created_at, trained_at, promoted_at, retired_at, auc, ks,
                   card IS NOT NULL AS has_card, card, report
            FROM model_versions WHERE version = ?
            """, arguments: [version]) else { return nil }
        let summary = try modelSummary(row)
        let strict = StrictRow(row, table: "model_versions", key: "version")
        let card = try strict.optionalString("card").map { text throws(StoreError) in
            do { return try Scorecard.imported(from: Data(text.utf8)) } catch {
                throw strict.failure("card", expected: "a scorecard as JSON (\(error))")
            }
        }
        let report = try strict.optionalString("report").map { text throws(StoreError) in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            do { return try decoder.decode(ValidationReport.self, from: Data(text.utf8)) } catch {
                throw strict.failure("report", expected: "a validation report as JSON")
            }
        }
        return StoredModel(summary: summary, card: card, report: report)
    }

    static func modelSummary(_ row: Row) throws(StoreError) -> ModelVersionSummary {
        let r = StrictRow(row, table: "model_versions", key: "version")
        let statusText = try r.string("status")
        guard let status = ModelStatus(rawValue: statusText) else {
            throw r.failure("status", expected: "candidate, challenger, champion or retired")
        }
        return ModelVersionSummary(
            version: try r.string("version"), target: try r.string("target"), status: status,
            description: try r.string("description"),
            createdAt: Date(timeIntervalSince1970: try r.double("created_at", in: 0...StrictRow.latestDate)),
            trainedAt: try r.optionalDouble("trained_at", in: 0...StrictRow.latestDate).map(Date.init(timeIntervalSince1970:)),
            promotedAt: try r.optionalDouble("promoted_at", in: 0...StrictRow.latestDate).map(Date.init(timeIntervalSince1970:)),
            retiredAt: try r.optionalDouble("retired_at", in: 0...StrictRow.latestDate).map(Date.init(timeIntervalSince1970:)),
            auc: try r.optionalDouble("auc", in: 0...1), ks: try r.optionalDouble("ks", in: 0...1),
            hasCard: try r.bool("has_card"))
    }

    static func modelProposal(_ row: Row) throws(StoreError) -> ModelProposal {
        let r = StrictRow(row, table: "model_proposals", key: "id")
        guard let kind = ModelProposal.Kind(rawValue: try r.string("kind")) else { throw r.failure("kind", expected: "promote or rollback") }
        guard let state = ModelProposal.State(rawValue: try r.string("state")) else {
            throw r.failure("state", expected: "pending, approved, withdrawn or superseded")
        }
        return ModelProposal(
            id: try r.int64("id"), kind: kind, version: try r.string("version"), target: try r.string("target"),
            replaces: try r.optionalString("replaces"), proposedBy: try r.string("proposed_by"),
            proposedAt: Date(timeIntervalSince1970: try r.double("proposed_at", in: 0...StrictRow.latestDate)),
            reason: try r.string("reason"), state: state, decidedBy: try r.optionalString("decided_by"),
            decidedAt: try r.optionalDouble("decided_at", in: 0...StrictRow.latestDate).map(Date.init(timeIntervalSince1970:)))
    }

    static func monitoringReading(_ row: Row) throws(StoreError) -> MonitoringReading {
        let r = StrictRow(row, table: "model_monitoring", key: "id")
        let csiText = try r.string("csi")
        guard let csi = try? JSONDecoder().decode([String: Double].self, from: Data(csiText.utf8)) else {
            throw r.failure("csi", expected: "a JSON object of numbers by feature")
        }
        let levelText = try r.optionalString("level")
        let level = levelText.flatMap(PSI.Level.init(rawValue:))
        if levelText != nil && level == nil { throw r.failure("level", expected: "stable, watch or critical") }
        return MonitoringReading(
            version: try r.string("version"),
            at: Date(timeIntervalSince1970: try r.double("at", in: 0...StrictRow.latestDate)),
            recent: try r.int("recent", in: 0...Int.max), psi: try r.optionalDouble("psi", in: 0...1e6), level: level,
            csi: csi, matured: try r.int("matured", in: 0...Int.max), maturedAUC: try r.optionalDouble("matured_auc", in: 0...1))
    }
}

/// What a champion switch (a promotion or a rollback approved) did.
public struct ModelSwitchResult: Hashable, Sendable {
    public var target: String
    public var from: String?
    public var to: String
    /// Pending applications re-scored by the new champion, and of those the ones re-priced (a new quote).
    public var rescored: Int
    public var repriced: Int
    public var seconds: Double

    public init(target: String, from: String?, to: String, rescored: Int, repriced: Int, seconds: Double) {
        self.target = target
        self.from = from
        self.to = to
        self.rescored = rescored
        self.repriced = repriced
        self.seconds = seconds
    }
}
