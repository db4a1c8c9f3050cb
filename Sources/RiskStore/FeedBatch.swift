import Foundation
import GRDB
import RiskCore

/// A transfer the feed makes on an account, for the AML rules.
public struct FeedTransfer: Hashable, Sendable {
    public var accountID: String
    public var transfer: Transfer

    public init(accountID: String, transfer: Transfer) {
        self.accountID = accountID
        self.transfer = transfer
    }
}

/// One batch of the market feed: ticks, the sentiment of the window, and the desk events of the same moment.
/// Written whole in one transaction or not at all.
public struct FeedBatch: Sendable {
    public var at: Date
    public var ticks: [MarketTick]
    /// The sentiment index of the feed's recent window, in [−1, 1] (recorded with the batch).
    public var sentiment: Double
    public var transfers: [FeedTransfer]
    public var applications: [FeedApplicationRequest]

    public init(at: Date, ticks: [MarketTick], sentiment: Double = 0, transfers: [FeedTransfer] = [],
                applications: [FeedApplicationRequest] = []) {
        self.at = at
        self.ticks = ticks
        self.sentiment = sentiment
        self.transfers = transfers
        self.applications = applications
    }
}

/// What one batch wrote.
public struct FeedBatchResult: Hashable, Sendable {
    public var sequence: Int64 = 0
    public var ticks = 0
    public var accountsRevalued = 0
    public var alerts = EngineOutcome()
    public var transfers = 0
    public var applications = IntakeCounts()

    public init() {}
}

extension RiskStore {
    /// Writes one feed batch in one transaction: last prices, the batch row, the revaluation of the accounts holding a
    /// ticked instrument with the account and instrument rules, the transfers with the AML rules, new applications
    /// through intake, and every alert the engine raised, updated or cleared (audited). A failure writes nothing.
    public func apply(_ batch: FeedBatch) throws(StoreError) -> FeedBatchResult {
        var holdings = FeedHoldings(caching: false)
        var profile = FeedProfile()
        return try apply(batch, holdings: &holdings, profile: &profile)
    }

    /// `apply(_:)` with the accounts kept in `holdings` between batches, adding the time of each phase and of the
    /// whole batch to `profile`. A failed batch leaves `holdings` as it was before.
    public func apply(_ batch: FeedBatch, holdings: inout FeedHoldings, profile: inout FeedProfile) throws(StoreError) -> FeedBatchResult {
        let start = ContinuousClock.now
        var inner = FeedProfile()
        var working = holdings
        let result = try write { db in try Self.apply(batch, holdings: &working, profile: &inner, db) }
        holdings = working
        let phases = inner.seconds.values.reduce(0, +)
        profile.merge(inner)
        profile.addSeconds(.commit, max(0, FeedProfile.seconds(ContinuousClock.now - start) - phases))
        profile.recordBatch(since: start)
        return result
    }

    static func apply(_ batch: FeedBatch, _ db: Database) throws -> FeedBatchResult {
        var holdings = FeedHoldings(caching: false)
        var profile = FeedProfile()
        return try apply(batch, holdings: &holdings, profile: &profile, db)
    }

    static func apply(_ batch: FeedBatch, holdings: inout FeedHoldings, profile: inout FeedProfile, _ db: Database) throws -> FeedBatchResult {
        var result = FeedBatchResult()
        let now = batch.at
        guard batch.sentiment.isFinite, (-1...1).contains(batch.sentiment) else {
            throw StoreError.invalidInput("sentiment \(batch.sentiment) is outside [−1, 1]")
        }
        var clock = ContinuousClock.now
        let stored = try storedSettings(db)
        let thresholds = try settingRuling { () throws(SettingError) in try DeskSettings.alertThresholds(from: stored) }
        let refresh = try settingRuling { () throws(SettingError) in try DeskSettings.feedTiming(from: stored) }.refreshSeconds
        var instruments = try instrumentsByCode(db)
        profile.add(.settings, since: clock)
        clock = ContinuousClock.now
        // 1. Prices: each tick must be a known instrument's, on the grid and within its daily limit.
        var lastTick: [String: MarketTick] = [:]
        for tick in batch.ticks {
            guard var instrument = instruments[tick.code] else { throw StoreError.notFound("no instrument \(tick.code)") }
            guard tick.price >= instrument.limitDownPrice, tick.price <= instrument.limitUpPrice, tick.price.fen > 0 else {
                throw StoreError.invalidInput("\(tick.code) at \(tick.price.formatted) is beyond its daily limit "
                    + "(\(instrument.limitDownPrice.formatted) to \(instrument.limitUpPrice.formatted))")
            }
            instrument.lastPrice = tick.price
            instruments[tick.code] = instrument
            lastTick[tick.code] = tick
        }
        let ticked = lastTick.keys.sorted()
        for code in ticked {
            try db.execute(sql: "UPDATE instruments SET last_price_fen = ? WHERE code = ?",
                           arguments: [instruments[code]?.lastPrice.fen, code])
        }
        result.ticks = batch.ticks.count
        profile.add(.prices, since: clock)
        // 2. Revalue only the accounts holding a ticked instrument; evaluate account and instrument rules.
        let accounts = try profile.measure(.load) {
            try holdings.sync(db) ? try holdings.accounts(holding: ticked, instruments: instruments)
                : try self.accounts(ids: try accountIDs(holding: ticked, db), instruments: instruments, db)
        }
        result.accountsRevalued = accounts.count
        let candidates = profile.measure(.evaluate) {
            var candidates: [EngineCandidate] = []
            for account in accounts { candidates += AlertEngine.candidates(for: account, thresholds: thresholds) }
            return candidates
        }
        result.alerts += try runEngine(subjects: Set(accounts.map { "account:\($0.id)" }), candidates: candidates,
                                       rules: AlertEngine.accountRules, at: now, refresh: refresh, profile: &profile, db)
        let instrumentCandidates = ticked.compactMap { instruments[$0] }
            .flatMap { AlertRules.evaluate($0, thresholds: thresholds).map { EngineCandidate($0) } }
        result.alerts += try runEngine(subjects: Set(ticked.map { "instrument:\($0)" }), candidates: instrumentCandidates,
                                       rules: AlertEngine.instrumentRules, at: now, refresh: refresh, profile: &profile, db)
        try profile.measure(.marginCalls) { try FeedHooks.afterRevaluation(accounts: accounts, at: now, db) }
        clock = ContinuousClock.now
        // 3. Transfers and the AML rules of the accounts that moved money.
        for item in batch.transfers {
            try db.execute(sql: "INSERT INTO transfers (account_id, at, amount_fen, direction, counterparty) VALUES (?,?,?,?,?)",
                           arguments: [item.accountID, item.transfer.at.timeIntervalSince1970, item.transfer.amount.fen,
                                       item.transfer.direction.rawValue, item.transfer.counterparty])
        }
        result.transfers = batch.transfers.count
        result.alerts += try evaluateAML(accountIDs: Array(Set(batch.transfers.map(\.accountID))).sorted(), thresholds: thresholds, at: now, db)
        profile.add(.transfers, since: clock)
        clock = ContinuousClock.now
        // 4. New applications through prescreen, assessment and routing.
        for request in batch.applications {
            result.applications += try intake(request, at: now, db)
        }
        profile.add(.applications, since: clock)
        clock = ContinuousClock.now
        // 5. The batch's row: the market history the header and metrics read.
        var advancers = 0, decliners = 0
        for tick in lastTick.values {
            if tick.price > tick.previousClose { advancers += 1 } else if tick.price < tick.previousClose { decliners += 1 }
        }
        let turnover = batch.ticks.reduce(Int64(0)) { sum, tick in sum.addingReportingOverflow(tick.turnover.fen).overflow ? .max : sum + tick.turnover.fen }
        try db.execute(sql: """
            INSERT INTO market_batches (at, ticks, instruments, advancers, decliners, turnover_fen, sentiment, accounts_revalued,
              alerts_raised, alerts_updated, alerts_cleared, transfers, applications) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [now.timeIntervalSince1970, batch.ticks.count, ticked.count, advancers, decliners, max(0, turnover),
                             batch.sentiment, result.accountsRevalued, result.alerts.raised, result.alerts.updated,
                             result.alerts.cleared, result.transfers, result.applications.created])
        result.sequence = db.lastInsertedRowID
        profile.add(.batchRow, since: clock)
        return result
    }

    /// Runs the AML rules over the transfers of `accountIDs`; AML alerts are raised or updated, never cleared by the engine.
    static func evaluateAML(accountIDs: [String], thresholds: AlertThresholds, at now: Date, _ db: Database) throws -> EngineOutcome {
        guard !accountIDs.isEmpty else { return EngineOutcome() }
        var candidates: [EngineCandidate] = []
        for id in accountIDs {
            let transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers WHERE account_id = ? ORDER BY at", arguments: [id])
                .map(Rows.transfer)
            candidates += AlertRules.evaluate(transfers: transfers, subject: "account:\(id)", now: now, thresholds: thresholds)
                .map { EngineCandidate($0) }
        }
        return try runEngine(subjects: Set(accountIDs.map { "account:\($0)" }), candidates: candidates,
                             rules: AlertEngine.amlRules, at: now, db)
    }

    /// The newest batch the feed wrote: (sequence, when, sentiment); nil before the first or on a file without the table.
    public func latestMarketBatch() throws(StoreError) -> (sequence: Int64, at: Date, sentiment: Double)? {
        try read { db in
            guard try db.tableExists("market_batches"),
                  let row = try Row.fetchOne(db, sql: "SELECT seq, at, sentiment FROM market_batches ORDER BY seq DESC LIMIT 1") else {
                return nil
            }
            let r = StrictRow(row, table: "market_batches", key: "seq")
            return (try r.int64("seq"), try r.date("at"), try r.double("sentiment", in: -1...1))
        }
    }
}
