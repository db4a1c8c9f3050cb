import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// Training deciles 510, 520, …, 590, a tenth of the training rows in each; leverage bins with 300 / 500 / 200
/// training rows (20 / 10 / 0 points) and channel bins branch 250 (8 points), online or partner 750 (4 points); base
/// 500 points; trained on loans applied up to `trainedTo`.
enum MonitorFixture {
    static let now = Fixture.asOf
    static let day = 86_400.0
    static let trainedTo = now.addingTimeInterval(-400 * day)

    static func card(version: String = "sc-mon-champion") -> Scorecard {
        Scorecard(version: version, target: .default12m, intercept: -2.5, basePoints: 500, characteristics: [
            Characteristic(code: "LEV", feature: FeatureCatalog.requestedLeverage, name: "Requested leverage", kind: .numeric,
                           coefficient: 1, bins: [
                ScoreBin(label: "< 1.5", match: .interval(lower: nil, upper: 1.5), woe: 0.5, points: 20, count: 300, bads: 10),
                ScoreBin(label: "1.5–2.0", match: .interval(lower: 1.5, upper: 2.0), woe: 0, points: 10, count: 500, bads: 30),
                ScoreBin(label: "≥ 2.0", match: .interval(lower: 2.0, upper: nil), woe: -0.6, points: 0, count: 200, bads: 25),
            ]),
            Characteristic(code: "CHAN", feature: FeatureCatalog.channel, name: "Channel", kind: .categorical, coefficient: 1,
                           bins: [
                ScoreBin(label: "branch", match: .categories(["branch"]), woe: 0.1, points: 8, count: 250, bads: 15),
                ScoreBin(label: "online, partner", match: .categories(["online", "partner"]), woe: -0.1, points: 4,
                         count: 750, bads: 50),
            ]),
        ], window: TrainingWindow(from: trainedTo.addingTimeInterval(-1_000 * day), to: trainedTo, rows: 1_000, bads: 65),
        trainingDistribution: ScoreDistribution(edges: Array(stride(from: 510, through: 590, by: 10)),
                                                shares: Array(repeating: 0.1, count: 10)))
    }

    static func register(_ card: Scorecard, status: ModelStatus, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO model_versions (version, created_at, is_champion, status, target, description, card)
            VALUES (?, 0, ?, ?, ?, 'monitoring test', ?)
            """, arguments: [card.version, status == .champion, status.rawValue, card.target.code,
                             String(decoding: card.canonicalJSON(), as: UTF8.self)])
    }

    /// An application of the fixture customer scored `score` by `version`, submitted `daysAgo` before `now`.
    static func application(_ id: String, score: Int, leverage hundredths: Int = 170, channel: Channel = .online,
                            daysAgo: Double = 1, version: String? = "sc-mon-champion", _ db: Database) throws {
        var app = Fixture.application(id, yuan: 100_000)
        app.score = score
        app.requestedLeverage = Leverage(hundredths: hundredths)
        app.channel = channel
        app.submittedAt = now.addingTimeInterval(-daysAgo * day)
        try Rows.insert(app, modelVersion: version, db)
        try AuditChain.append(AuditRecord.applicationCreated(app.id, stage: app.stage, line: app.requestedLine,
                                                             leverage: app.requestedLeverage, actor: "seed"),
                              at: app.submittedAt, db)
    }

    /// 200 applications (the fewest a PSI is judged on), half at 585 and half at 595 points (the top two training
    /// deciles: PSI 6.808228); leverage 20 × 1.20, 100 × 1.70, 80 × 2.30 (CSI 0.358352); channel 50 × branch, 150
    /// online or partner (CSI 0).
    static func shiftedApplications(_ db: Database) throws {
        let leverages = Array(repeating: 120, count: 20) + Array(repeating: 170, count: 100) + Array(repeating: 230, count: 80)
        for (index, leverage) in leverages.enumerated() {
            try application(String(format: "MON-%03d", index), score: index % 2 == 0 ? 585 : 595, leverage: leverage,
                            channel: index < 50 ? .branch : (index % 2 == 0 ? .online : .partner), daysAgo: 1 + Double(index) / 240, db)
        }
    }

    static func store(_ dir: TempDir) throws -> RiskStore {
        let store = try Fixture.store(in: dir)
        try store.write { db in try register(card(), status: .champion, db) }
        return store
    }
}

@Suite("Model monitoring in the store")
struct ModelMonitoringStoreTests {
    typealias F = MonitorFixture

    @Test("recent scores piled above the training deciles: critical, one drift alert however many readings")
    func criticalDrift() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        try store.write { db in
            try F.shiftedApplications(db)
            // Ways around the window: an application 40 days old, one scored by another card, one without a score —
            // none of them is part of the recent population (each would pull the PSI down if it were).
            try F.application("MON-OLD", score: 505, daysAgo: 40, db)
            try F.application("MON-OTHER", score: 505, version: "sc-2026.1", db)
            try F.application("MON-FUTURE", score: 505, daysAgo: -1, db)
        }
        let reading = try store.modelMonitoringReading(version: "sc-mon-champion", at: F.now)
        // the four fixture applications have no model version: 200 recent
        #expect(reading.recent == 200)
        #expect(abs((reading.psi ?? 0) - 6.808228) < 1e-6)
        #expect(reading.level == .critical)
        #expect(abs((reading.csi[FeatureCatalog.requestedLeverage] ?? 0) - 0.358352) < 1e-6)
        #expect(reading.csi[FeatureCatalog.channel] == 0)
        #expect(try store.rowCount("model_monitoring") == 0, "a reading is only stored when recorded")

        let recorded = try store.recordModelMonitoring(at: F.now)
        #expect(recorded.map(\.version) == ["sc-mon-champion"])
        #expect(try store.rowCount("alerts", where: """
            subject = 'model:sc-mon-champion' AND rule = 'model.drift' AND severity = 'critical' AND state = 'open'
            AND message LIKE '%most moved: Requested leverage (CSI 0.358)%'
            """) == 1)
        #expect(try store.rowCount("audit_log", where: "action = 'alert.open'") == 1)
        // a second reading an hour later stores a second row but does not open a second alert
        try store.recordModelMonitoring(at: F.now.addingTimeInterval(3_600))
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift'") == 1)
        #expect(try store.rowCount("model_monitoring", where: "version = 'sc-mon-champion' AND level = 'critical'") == 2)
        let history = try store.monitoringReadings("sc-mon-champion")
        #expect(history.count == 2 && history.map(\.at) == [F.now, F.now.addingTimeInterval(3_600)])
        #expect(abs((history.first?.csi[FeatureCatalog.requestedLeverage] ?? 0) - 0.358352) < 1e-6)
        let verification = try store.verifyAuditChain()
        #expect(verification.isIntact, "\(verification)")
    }

    @Test("a watch-range shift stores the level \"watch\" and raises no alert")
    func watchRange() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        // 12 scores in each lower decile, 28 in each upper one (200): shares 0.06 and 0.14, PSI 0.169460 (PSITests.watchShift).
        try store.write { db in
            var n = 0
            for (score, count) in [(505, 12), (515, 12), (525, 12), (535, 12), (545, 12), (555, 28), (565, 28), (575, 28), (585, 28), (595, 28)] {
                for _ in 0..<count {
                    try F.application(String(format: "W-%03d", n), score: score, db)
                    n += 1
                }
            }
        }
        let readings = try store.recordModelMonitoring(at: F.now)
        #expect(readings.count == 1)
        #expect(abs((readings.first?.psi ?? 0) - 0.1694596) < 1e-6)
        #expect(try store.rowCount("model_monitoring", where: "level = 'watch'") == 1)
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift'") == 0)
    }

    @Test("a drift alert clears when the population comes back, and a former champion's alert clears on the next reading")
    func alertClears() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        try store.write { db in try F.shiftedApplications(db) }
        try store.recordModelMonitoring(at: F.now)
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift' AND state = 'open'") == 1)
        // 40 days on, the shifted applications have left the 30-day window: no recent scores, nothing observed, the
        // alert stays as it is (an empty window is not a stable one).
        try store.recordModelMonitoring(at: F.now.addingTimeInterval(40 * F.day))
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift' AND state = 'open'") == 1)
        // The champion is replaced: its open drift alert clears on the next pass.
        try store.write { db in
            try db.execute(sql: "UPDATE model_versions SET status = 'retired', is_champion = 0 WHERE version = 'sc-mon-champion'")
            try F.register(F.card(version: "sc-mon-next"), status: .champion, db)
        }
        try store.recordModelMonitoring(at: F.now.addingTimeInterval(41 * F.day))
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift' AND state IN ('open','acknowledged','snoozed','escalated')") == 0)
    }

    @Test("a challenger is read from model_scores and recorded, but only a champion raises the drift alert")
    func challenger() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        try store.write { db in
            try F.register(F.card(version: "sc-mon-challenger"), status: .challenger, db)
            // the champion scores 20 applications per decile (PSI 0); the challenger scores the same ones at 595.
            for (index, score) in [505, 515, 525, 535, 545, 555, 565, 575, 585, 595].flatMap({ Array(repeating: $0, count: 20) }).enumerated() {
                let id = "CH-\(index)"
                try F.application(id, score: score, db)
                try db.execute(sql: """
                    INSERT INTO model_scores (application_id, version, target, role, points, pd, grade, scored_at)
                    VALUES (?, 'sc-mon-challenger', 'default_12m', 'challenger', 595, 0.01, 'A', ?)
                    """, arguments: [id, F.now.addingTimeInterval(-F.day).timeIntervalSince1970])
            }
            // a shadow score from before the window does not count
            try F.application("CH-OLD", score: 505, daysAgo: 60, db)
            try db.execute(sql: """
                INSERT INTO model_scores (application_id, version, target, role, points, pd, grade, scored_at)
                VALUES ('CH-OLD', 'sc-mon-challenger', 'default_12m', 'challenger', 505, 0.01, 'A', ?)
                """, arguments: [F.now.addingTimeInterval(-60 * F.day).timeIntervalSince1970])
        }
        let readings = try store.recordModelMonitoring(at: F.now)
        #expect(readings.map(\.version) == ["sc-mon-champion", "sc-mon-challenger"])
        #expect(readings.first?.psi == 0 && readings.first?.level == .stable)
        // challenger: all 200 in the top decile: 9 × 0.690085 + (1 − 0.1) × ln 10 = 6.210763 + 2.072327 = 8.283090
        #expect(readings.last?.recent == 200)
        #expect(abs((readings.last?.psi ?? 0) - 8.283090) < 1e-5)
        #expect(readings.last?.level == .critical)
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift'") == 0)
    }

    @Test("matured AUC on loans whose outcome matured after the training window, scored by the card")
    func maturedAUC() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        try store.write { db in
            func loan(_ id: String, leverage: Double, channel: String, defaulted: Int?, daysAfterTraining: Double) throws {
                try db.execute(sql: """
                    INSERT INTO loan_history (id, applied_at, tenure_months, largest_position_share, margin_calls_12m, max_dpd,
                        requested_leverage, annual_turnover, avg_holding_days, line_to_assets, suitability, channel, default_12m)
                    VALUES (?, ?, 24, 0.3, 0, 0, ?, 5, NULL, 0.8, 3, ?, ?)
                    """, arguments: [id, F.trainedTo.addingTimeInterval(daysAfterTraining * F.day).timeIntervalSince1970,
                                     leverage, channel, defaulted])
            }
            // points = 500 + leverage bin + channel bin
            try loan("L1", leverage: 2.3, channel: "online", defaulted: 1, daysAfterTraining: 5)   // 504, bad
            try loan("L2", leverage: 1.7, channel: "online", defaulted: 1, daysAfterTraining: 6)   // 514, bad
            try loan("L3", leverage: 1.2, channel: "branch", defaulted: 0, daysAfterTraining: 7)   // 528, good
            try loan("L4", leverage: 1.2, channel: "online", defaulted: 0, daysAfterTraining: 8)   // 524, good
            try loan("L5", leverage: 2.3, channel: "branch", defaulted: 0, daysAfterTraining: 9)   // 508, good
            // ways around: a loan the card trained on (a bad at 528 would pull the AUC down) and one not yet matured
            try loan("L6", leverage: 1.2, channel: "branch", defaulted: 1, daysAfterTraining: -3)
            try loan("L7", leverage: 2.3, channel: "online", defaulted: nil, daysAfterTraining: 10)
        }
        let reading = try store.modelMonitoringReading(version: "sc-mon-champion", at: F.now)
        // bads 504, 514 against goods 528, 524, 508: the bad at 514 scores above the good at 508, one of 6 pairs
        #expect(reading.matured == 5)
        #expect(abs((reading.maturedAUC ?? 0) - 5.0 / 6.0) < 1e-12)
        #expect(reading.psi == nil, "no recent applications: no PSI")
        let detail = try store.modelMonitoringDetail(version: "sc-mon-champion", at: F.now)
        #expect(detail.reading.maturedBads == 2 && detail.maturedAfter == F.trainedTo && detail.distributionSource == .card)
    }

    @Test("the feed records a reading at most every model.monitor_interval_minutes")
    func feedInterval() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        try store.write { db in try F.shiftedApplications(db) }
        let first = try store.runFeedTimers(at: F.now, sentiment: nil)
        #expect(first.readings == 1 && first.drift.raised == 1)
        #expect(abs((first.psi ?? 0) - 6.808228) < 1e-6)
        let soon = try store.runFeedTimers(at: F.now.addingTimeInterval(14 * 60), sentiment: nil)
        #expect(soon.readings == 0 && soon.psi == nil)
        let later = try store.runFeedTimers(at: F.now.addingTimeInterval(15 * 60), sentiment: nil)
        #expect(later.readings == 1 && later.drift.raised == 0)
        #expect(try store.rowCount("model_monitoring") == 2)
        #expect(try store.rowCount("alerts", where: "rule = 'model.drift'") == 1)
    }

    @Test("the sample carries a month of daily champion readings computed from its own applications")
    func sampleReadings() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir)
        let history = try store.monitoringReadings(Scorecard.standard.version)
        #expect(history.count == 30)
        #expect(history.first?.at == Fixture.asOf.addingTimeInterval(-30 * F.day))
        #expect(history.last?.at == Fixture.asOf.addingTimeInterval(-F.day))
        // each is the reading the store computes for that moment (the loan history came later: no matured loans)
        let last = try #require(history.last)
        var expected = try store.modelMonitoringReading(version: Scorecard.standard.version, at: last.at)
        #expect(expected.matured > 0)
        expected.matured = 0
        expected.maturedAUC = nil
        #expect(last == expected)
        // the champion's training scores are the sample's own: stable once there are applications in the window
        // (judged from 200 scores on: this 150-application sample's readings keep their PSI without a level)
        #expect(history.allSatisfy { $0.recent < ModelMonitoring.minimumRecent ? $0.level == nil : $0.level == .stable })
        #expect(history.contains { $0.psi != nil })
    }

    @Test("the recent-score reads search their index, never scan the applications or the shadow scores")
    func queryPlans() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try F.store(dir)
        let applications = try store.queryPlan(of: RiskStore.recentApplicationScoresSQL)
        #expect(applications.contains { $0.hasPrefix("SEARCH") && $0.contains("applications_submitted") }, "\(applications)")
        #expect(!applications.contains { $0.hasPrefix("SCAN") }, "\(applications)")
        let scoresOnly = try store.queryPlan(of: RiskStore.recentApplicationScoresOnlySQL)
        #expect(scoresOnly.contains { $0.hasPrefix("SEARCH") && $0.contains("applications_submitted") }, "\(scoresOnly)")
        #expect(!scoresOnly.contains { $0.hasPrefix("SCAN") }, "\(scoresOnly)")
        let shadow = try store.queryPlan(of: RiskStore.recentModelScoresSQL)
        #expect(shadow.contains { $0.hasPrefix("SEARCH") && $0.contains("model_scores_version") }, "\(shadow)")
        #expect(!shadow.contains { $0.hasPrefix("SCAN") }, "\(shadow)")
        let matured = try store.queryPlan(of: "SELECT * FROM loan_history WHERE applied_at > ? AND default_12m IS NOT NULL ORDER BY applied_at DESC LIMIT ?")
        #expect(matured.contains { $0.contains("loan_history_applied") }, "\(matured)")
    }
}
