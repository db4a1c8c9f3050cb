import Foundation
import GRDB
import RiskCore

/// Parsed cards by their stored JSON text, shared by every connection of the process: intake reads the live cards'
/// text per application (one indexed query) and parses each card once. Keyed by the text, not the version, so a
/// row whose card changed (a hand-written version re-stored) is never scored with the old parse.
final class ScorecardCache: @unchecked Sendable {
    static let shared = ScorecardCache()
    private let lock = NSLock()
    private var cards: [String: Scorecard] = [:]
    private static let capacity = 32

    func card(json: String) throws -> Scorecard {
        lock.lock()
        if let card = cards[json] { lock.unlock(); return card }
        lock.unlock()
        let card: Scorecard
        do { card = try Scorecard.imported(from: Data(json.utf8)) } catch {
            throw StoreError.corruptRow(table: "model_versions", row: "card", column: "card",
                                        value: String(json.prefix(40)), expected: "a scorecard as JSON (\(error))")
        }
        lock.lock()
        if cards.count >= Self.capacity { cards.removeAll(keepingCapacity: true) }
        cards[json] = card
        lock.unlock()
        return card
    }
}

/// The cards that score live applications: the champion of each desk target and, in the shadow, each challenger.
struct LiveCards {
    struct Entry {
        var card: Scorecard
        var target: String
        var role: String
    }
    /// The champion of `default_12m`, which sets the application's score, PD, grade and price.
    var primary: Scorecard
    /// Whether `primary` came from the registry (false: no champion of default_12m has a card, `Scorecard.standard`).
    var primaryStored: Bool
    /// Every other card that scores in the shadow or for another target (each gets a `model_scores` row).
    var others: [Entry]
}

extension RiskStore {
    /// The live cards (see `LiveCards`). Without a registry, or without a champion card for `default_12m`, the
    /// hand-written default scores: a desk always has a card, and the fallback is the card it shipped with.
    static func liveCards(_ db: Database) throws -> LiveCards {
        guard try hasModelRegistry(db) else { return LiveCards(primary: .standard, primaryStored: false, others: []) }
        var primary: Scorecard?
        var others: [LiveCards.Entry] = []
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT version, target, status, card FROM model_versions
            WHERE status IN ('champion', 'challenger') AND card IS NOT NULL ORDER BY target, status DESC, version
            """))
        for row in rows {
            let card = try ScorecardCache.shared.card(json: row["card"])
            let target: String = row["target"]
            let status: String = row["status"]
            // Only cards the desk can read an application for score live (a challenger was checked when made one).
            guard FeatureCatalog.unknownFeatures(of: card).isEmpty, ModelTarget.desk(code: target) != nil else { continue }
            if target == ModelTarget.default12m.code && status == ModelStatus.champion.rawValue {
                primary = card
            } else {
                others.append(LiveCards.Entry(card: card, target: target, role: status))
            }
        }
        return LiveCards(primary: primary ?? .standard, primaryStored: primary != nil, others: others)
    }

    /// Records the score a card gave an application (replacing an earlier score by the same version).
    static func recordModelScore(_ score: ScoreResult, application: String, version: String, target: String, role: String,
                                 at now: Date, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO model_scores (application_id, version, target, role, points, pd, grade, reasons, scored_at)
            VALUES (?,?,?,?,?,?,?,?,?)
            ON CONFLICT(application_id, version) DO UPDATE SET target = excluded.target, role = excluded.role,
                points = excluded.points, pd = excluded.pd, grade = excluded.grade, reasons = excluded.reasons,
                scored_at = excluded.scored_at
            """).execute(arguments: [application, version, target, role, score.points,
                                     (score.probabilityOfDefault * 1_000_000).rounded() / 1_000_000, score.grade.rawValue,
                                     try reasonsJSON(score.reasons), now.timeIntervalSince1970])
    }

    static func reasonsJSON(_ reasons: [ScoreReason]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(reasons), as: UTF8.self)
    }

    /// Scores `app` with every live card but the primary one and records each score (the challenger in the shadow:
    /// nothing else about the application changes).
    static func recordShadowScores(_ app: Application, customer: Customer, cards: LiveCards, at now: Date,
                                   _ db: Database) throws {
        guard !cards.others.isEmpty else { return }
        let input = ScoreInput(customer: customer, application: app)
        for entry in cards.others {
            try recordModelScore(entry.card.score(input), application: app.id, version: entry.card.version,
                                 target: entry.target, role: entry.role, at: now, db)
        }
    }
}
