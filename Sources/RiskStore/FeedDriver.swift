import Foundation
import GRDB
import RiskCore

/// Totals of a feed run, for its progress line and summary.
public struct FeedTotals: Hashable, Sendable {
    public var batches = 0
    public var ticks = 0
    public var accountsRevalued = 0
    public var alerts = EngineOutcome()
    public var transfers = 0
    public var applications = IntakeCounts()
    public var timerRuns = 0
    public var sentiment = 0.0
    public var psi: Double?

    public init() {}
}

/// Drives the market feed over a store: draws each batch's ticks and desk events from the seed, writes the batch, and
/// runs the timed checks when their interval has passed. The same seed on the same database gives the same batches.
public struct FeedDriver: Sendable {
    public let store: RiskStore
    public private(set) var simulator: MarketSimulator
    public private(set) var events: FeedEvents
    public private(set) var totals = FeedTotals()
    /// Where the run's time went, phase by phase (`riskdesk feed --profile`).
    public private(set) var profile = FeedProfile()
    /// The margin accounts kept in memory between batches.
    public private(set) var holdings: FeedHoldings
    private var window: [[MarketTick]] = []
    private var referenceTurnover = Money.zero
    private var lastTimer: Date?
    private let thresholds: AlertThresholds
    private let timing: FeedTiming
    /// How many batches of ticks the sentiment index looks back over.
    public static let sentimentWindow = 50
    /// The page cache of the feed's writing connection: enough for the alert and account pages of 100,000 accounts.
    public static let pageCacheMegabytes = 256

    /// `cachingAccounts`: keep the margin accounts in memory between batches (false reads them on every batch, as a
    /// baseline to compare with).
    public init(store: RiskStore, seed: UInt64, now: Date, cachingAccounts: Bool = true) throws(StoreError) {
        self.store = store
        holdings = FeedHoldings(caching: cachingAccounts)
        try store.setWriterCache(megabytes: Self.pageCacheMegabytes)
        thresholds = try store.alertThresholds()
        timing = try store.feedTiming()
        let loaded = try store.feedUniverse(now: now, dormantDays: thresholds.dormantDays)
        simulator = MarketSimulator(instruments: loaded.instruments, seed: seed)
        events = FeedEvents(seed: seed, accountIDs: loaded.accounts, dormantAccountIDs: loaded.dormant, customerIDs: loaded.customers)
    }

    /// Draws and writes one batch of `ticks` ticks at `now`; runs the timed checks first when they are due.
    public mutating func step(ticks: Int, at now: Date) throws(StoreError) -> FeedBatchResult {
        let drawn = simulator.ticks(ticks)
        window.append(drawn)
        if window.count > Self.sentimentWindow { window.removeFirst(window.count - Self.sentimentWindow) }
        let all = window.flatMap { $0 }
        let turnover = all.reduce(Money.zero) { $0 + $1.turnover }
        // The reference turnover follows the market slowly (an exponential average), so a burst of trading stands out.
        referenceTurnover = referenceTurnover.fen == 0 ? turnover : Money(fen: (referenceTurnover.fen / 20) * 19 + turnover.fen / 20)
        let sentiment = SentimentIndex.value(all, referenceTurnover: referenceTurnover)
        let desk = events.next(at: now, reportingThreshold: thresholds.reportingThreshold)
        let result = try store.apply(FeedBatch(at: now, ticks: drawn, sentiment: sentiment, transfers: desk.transfers,
                                               applications: desk.applications), holdings: &holdings, profile: &profile)
        totals.batches += 1
        totals.ticks += result.ticks
        totals.accountsRevalued += result.accountsRevalued
        totals.alerts += result.alerts
        totals.transfers += result.transfers
        totals.applications += result.applications
        totals.sentiment = sentiment
        if lastTimer.map({ now.timeIntervalSince($0) >= Double(timing.timerSeconds) }) ?? true {
            let start = ContinuousClock.now
            let timers = try store.runFeedTimers(at: now, sentiment: sentiment)
            profile.add(.timers, since: start)
            totals.alerts += timers.total
            totals.timerRuns += 1
            totals.psi = timers.psi ?? totals.psi
            lastTimer = now
        }
        return result
    }
}

extension RiskStore {
    /// What the feed simulates: instruments, account ids, dormant accounts (last transfer older than `dormantDays`)
    /// and customers without a pending application, in a stable order.
    func feedUniverse(now: Date, dormantDays: Int) throws(StoreError)
        -> (instruments: [Instrument], accounts: [String], dormant: [String], customers: [String]) {
        try read { db in
            let instruments = try Row.fetchAll(db, sql: "SELECT * FROM instruments ORDER BY code").map(Rows.instrument)
            let accounts = try String.fetchAll(db, sql: "SELECT id FROM accounts ORDER BY id")
            let dormant = try String.fetchAll(db, sql: "SELECT account_id FROM transfers GROUP BY account_id HAVING MAX(at) < ? ORDER BY account_id",
                                              arguments: [now.addingTimeInterval(-Double(dormantDays) * 86_400).timeIntervalSince1970])
            let customers = try String.fetchAll(db, sql: "SELECT id FROM customers ORDER BY id")
            return (instruments, accounts, dormant, customers)
        }
    }
}

extension RiskStore {
    /// The user this process acts as, if they may run the feed (`MarketFeedRules`); refused otherwise.
    public func feedOperator(requested: String?) throws(StoreError) -> User {
        let user = try actingUser(requested: requested)
        let training = try isTrainingData()
        try Self.ruling { () throws(DecisionError) in try MarketFeedRules.mayRun(user, isTrainingData: training) }
        return user
    }
}
