import Foundation
import GRDB
import RiskCore

/// The margin accounts the feed revalues, kept in memory between batches (each account's row, its stored positions,
/// and which accounts hold each instrument), so a batch prices the holders of the ticked instruments without reading
/// them again. Any write to an account or a position — by this process or another — reaches it through the change
/// log's `account` entries, read inside each batch's transaction; a change log pruned past what it last read, or a
/// file without one, makes it load everything again (or read the accounts per batch).
public struct FeedHoldings: Sendable {
    private struct Entry: Sendable {
        var account: MarginAccount
        var holdings: [StoredHolding]
    }

    /// False: every batch reads its accounts from the database (`apply(_:)` without a driver).
    public let isCaching: Bool
    private var entries: [String: Entry] = [:]
    /// The accounts holding a positive quantity of each instrument.
    private var holders: [String: Set<String>] = [:]
    /// The last change-log seq taken into account; nil before the first load.
    private var seenSeq: Int64?
    /// How many times everything was loaded, and how many accounts were reloaded one by one since (for tests and `--profile`).
    public private(set) var fullLoads = 0
    public private(set) var accountReloads = 0

    public init(caching: Bool = true) {
        isCaching = caching
    }

    /// Brings the cache up to date with the change log inside the caller's transaction. False when it cannot be used
    /// (not caching, or no change log), in which case the caller reads the accounts itself.
    mutating func sync(_ db: Database) throws -> Bool {
        guard isCaching, try ChangeLog.exists(db) else { return false }
        let latest = try ChangeLog.latestSeq(db)
        guard let seen = seenSeq else {
            try loadAll(db)
            seenSeq = latest
            return true
        }
        guard latest > seen else { return true }
        // Entries after `seen` must all still be there: the log keeps its seqs (AUTOINCREMENT), so a first entry
        // above seen + 1, or none at all, means some were pruned unread.
        let oldest = try ChangeLog.oldestSeq(db)
        if oldest.map({ $0 > seen + 1 }) ?? true {
            try loadAll(db)
        } else {
            let changed = try String.fetchAll(db, sql: "SELECT DISTINCT subject FROM change_log WHERE seq > ? AND kind = 'account'",
                                               arguments: [seen])
            try reload(changed, db)
        }
        seenSeq = latest
        return true
    }

    /// The accounts holding a positive quantity of any of `codes`, valued with `instruments`, in id order.
    func accounts(holding codes: [String], instruments: [String: Instrument]) throws(StoreError) -> [MarginAccount] {
        var ids = Set<String>()
        for code in codes { ids.formUnion(holders[code] ?? []) }
        var out: [MarginAccount] = []
        out.reserveCapacity(ids.count)
        for id in ids.sorted() {
            guard let entry = entries[id] else { continue }
            var account = entry.account
            account.positions = try RiskStore.priced(entry.holdings, account: id, instruments: instruments)
            out.append(account)
        }
        return out
    }

    private mutating func loadAll(_ db: Database) throws {
        entries = [:]
        holders = [:]
        var holdings: [String: [StoredHolding]] = [:]
        try RiskStore.storedHoldings(accountIDs: nil, db) { id, holding in holdings[id, default: []].append(holding) }
        try RiskStore.storedAccounts(ids: nil, db) { account in insert(account, holdings[account.id] ?? []) }
        fullLoads += 1
    }

    private mutating func reload(_ ids: [String], _ db: Database) throws {
        guard !ids.isEmpty else { return }
        for id in ids { remove(id) }
        try RiskStore.chunked(ids) { part in
            var holdings: [String: [StoredHolding]] = [:]
            try RiskStore.storedHoldings(accountIDs: part, db) { id, holding in holdings[id, default: []].append(holding) }
            try RiskStore.storedAccounts(ids: part, db) { account in insert(account, holdings[account.id] ?? []) }
        }
        accountReloads += ids.count
    }

    private mutating func insert(_ account: MarginAccount, _ holdings: [StoredHolding]) {
        entries[account.id] = Entry(account: account, holdings: holdings)
        for holding in holdings where holding.quantity > 0 { holders[holding.code, default: []].insert(account.id) }
    }

    private mutating func remove(_ id: String) {
        guard let old = entries.removeValue(forKey: id) else { return }
        for holding in old.holdings { holders[holding.code]?.remove(id) }
    }
}
