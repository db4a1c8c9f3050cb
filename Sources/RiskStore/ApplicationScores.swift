import Foundation
import GRDB
import RiskCore

/// One score a card gave an application, as stored when it scored (`model_scores`).
public struct StoredModelScore: Hashable, Sendable {
    public var version: String
    /// `default_12m` or `margin_call_30d`.
    public var target: String
    /// `champion`, or `challenger` for a score taken in the shadow (it changed nothing else).
    public var role: String
    public var points: Int
    public var probabilityOfDefault: Double
    public var grade: Grade
    public var reasons: [ScoreReason]
    public var scoredAt: Date

    public var isShadow: Bool { role == ModelStatus.challenger.rawValue }
}

extension RiskStore {
    /// The application's stored score and its stored `model_scores` rows (the newest per target and role), champion of
    /// default_12m first.
    ///
    /// Points, PD and grade are the application's stored columns: the profile shows what the queue and the price were
    /// worked out from, never a live re-score. The reasons are those stored with the score; where none were stored (an
    /// application scored before scores kept their reasons, e.g. the sample's or an older file's), they are recomputed
    /// with the card of the version the score came from (`applications.model_version`), never today's champion, so
    /// the reasons explain the points shown. A version whose card is not stored gives no reasons.
    static func storedScores(of app: Application, customer: Customer, _ db: Database)
        throws -> (score: ScoreResult, version: String?, rows: [StoredModelScore]) {
        let version = try String.fetchOne(db.cachedStatement(sql: "SELECT model_version FROM applications WHERE id = ?"),
                                          arguments: [app.id])
        var rows: [StoredModelScore] = []
        if try hasModelRegistry(db) {
            rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM model_scores WHERE application_id = ?
                ORDER BY CASE role WHEN 'champion' THEN 0 ELSE 1 END, target = 'default_12m' DESC, target, scored_at DESC, version
                """), arguments: [app.id]).map(modelScore)
            // The newest score per target and role: a switch re-scores pending applications, and the scores the
            // replaced champion gave stay on record in the table but are no longer the application's figures.
            var seen = Set<String>()
            rows = rows.filter { seen.insert($0.target + "|" + $0.role).inserted }
        }
        let input = ScoreInput(customer: customer, application: app)
        // The card of the stored version, read only when its reasons must be recomputed.
        func reasonsByStoredCard(_ version: String?) throws -> ScoreResult? {
            guard let version else { return nil }
            let card = try storedModel(version, db)?.card ?? (version == Scorecard.standard.version ? Scorecard.standard : nil)
            return card?.score(input)
        }
        guard let points = app.score, let pd = app.probabilityOfDefault, let grade = app.grade else {
            // Never scored (an application stopped before assessment): nothing stored to show; the card it would be
            // scored by is the stored version's, or the hand-written default's.
            let live = try reasonsByStoredCard(version) ?? Scorecard.standard.score(input)
            return (live, version, rows)
        }
        let own = rows.first { $0.version == version && $0.target == ModelTarget.default12m.code }
        var reasons = own?.reasons ?? []
        var contributions: [String: Int] = [:]
        if own == nil, let recomputed = try reasonsByStoredCard(version) {
            reasons = recomputed.reasons
            contributions = recomputed.contributions
        }
        return (ScoreResult(points: points, probabilityOfDefault: pd, grade: grade, reasons: reasons, contributions: contributions),
                version, rows)
    }

    static func modelScore(_ row: Row) throws -> StoredModelScore {
        let r = StrictRow(row, table: "model_scores", key: "application_id")
        guard let grade = Grade(rawValue: try r.string("grade")) else { throw r.failure("grade", expected: "a grade A–E") }
        let text = try r.string("reasons")
        guard let reasons = try? JSONDecoder().decode([ScoreReason].self, from: Data(text.utf8)) else {
            throw r.failure("reasons", expected: "a JSON list of reasons")
        }
        return StoredModelScore(version: try r.string("version"), target: try r.string("target"), role: try r.string("role"),
                                points: try r.int("points", in: Int.min...Int.max),
                                probabilityOfDefault: try r.double("pd", in: 0...1), grade: grade, reasons: reasons,
                                scoredAt: try r.date("scored_at"))
    }
}
