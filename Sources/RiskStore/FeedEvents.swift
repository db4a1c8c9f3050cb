import Foundation
import RiskCore

/// The desk events of the simulated day, drawn from the feed's seed: ordinary transfers, AML patterns (structuring
/// under the reporting threshold, scattered-in/concentrated-out, a dormant account waking up) spread over the
/// following batches, and new online applications.
public struct FeedEvents: Sendable {
    /// Chances per batch.
    public var transferChance = 0.3
    public var structuringChance = 0.004
    public var funnelChance = 0.002
    public var dormantChance = 0.003
    public var applicationChance = 0.05

    private var random: MarketRandom
    private let accountIDs: [String]
    private var dormantAccountIDs: [String]
    private let customerIDs: [String]
    /// Transfers of started patterns, due at a later batch.
    private var pending: [(batch: Int, transfer: FeedTransfer)] = []
    private var batch = 0

    /// `dormantAccountIDs`: accounts silent long enough that a large transfer wakes them (see `FeedDriver`).
    public init(seed: UInt64, accountIDs: [String], dormantAccountIDs: [String], customerIDs: [String]) {
        random = MarketRandom(seed: seed ^ 0xA5A5_0F0F_3C3C_9696)
        self.accountIDs = accountIDs
        self.dormantAccountIDs = dormantAccountIDs
        self.customerIDs = customerIDs
    }

    private static let counterparties = ["工商银行", "建设银行", "招商银行", "农业银行", "third-party pay", "平安银行", "浦发银行"]

    /// The transfers and applications of the next batch, at `now`; `threshold` is the AML reporting threshold.
    public mutating func next(at now: Date, reportingThreshold threshold: Money) -> (transfers: [FeedTransfer], applications: [FeedApplicationRequest]) {
        batch += 1
        var transfers: [FeedTransfer] = []
        func transfer(_ account: String, _ fen: Int64, _ direction: Transfer.Direction, _ counterparty: String) -> FeedTransfer {
            FeedTransfer(accountID: account, transfer: Transfer(at: now, amount: Money(fen: fen), direction: direction, counterparty: counterparty))
        }
        if !accountIDs.isEmpty {
            if random.chance(transferChance) {
                let account = accountIDs[random.index(accountIDs.count)]
                let yuan = Int64(max(100, min(5_000_000, exp(log(60_000) + random.normal()))).rounded())
                transfers.append(transfer(account, yuan * 100, random.chance(0.6) ? .incoming : .outgoing,
                                          Self.counterparties[random.index(Self.counterparties.count)]))
            }
            if random.chance(structuringChance) {
                // Three to five deposits just under the threshold, a few batches apart.
                let account = accountIDs[random.index(accountIDs.count)]
                for k in 0..<random.int(3...5) {
                    let share = 0.9 + random.unit() * 0.098
                    let fen = min(threshold.fen - 100, threshold.scaled(by: share).fen / 100 * 100)
                    pending.append((batch + k * 3, transfer(account, fen, .incoming, Self.counterparties[random.index(Self.counterparties.count)])))
                }
            }
            if random.chance(funnelChance) {
                // Funds in from five or six sources, then nearly all of it out to one.
                let account = accountIDs[random.index(accountIDs.count)]
                var total: Int64 = 0
                let sources = random.int(5...6)
                for k in 0..<sources {
                    let fen = Int64(random.int(20_000...90_000)) * 100
                    total += fen
                    pending.append((batch + k, transfer(account, fen, .incoming, "个人账户 \(random.int(1000...9999))")))
                }
                pending.append((batch + sources, transfer(account, total / 100 * 95, .outgoing, "offshore trading ltd")))
            }
        }
        if !dormantAccountIDs.isEmpty, random.chance(dormantChance) {
            let account = dormantAccountIDs.remove(at: random.index(dormantAccountIDs.count))
            transfers.append(transfer(account, Int64(random.int(150_000...900_000)) * 100, .outgoing, "third-party pay"))
        }
        let due = pending.filter { $0.batch <= batch }
        pending.removeAll { $0.batch <= batch }
        transfers += due.map { item in
            var t = item.transfer
            t.transfer.at = now
            return t
        }
        var applications: [FeedApplicationRequest] = []
        if !customerIDs.isEmpty, random.chance(applicationChance) {
            let over = random.chance(0.06)
            applications.append(FeedApplicationRequest(
                customerID: customerIDs[random.index(customerIDs.count)],
                share: over ? 1.1 + random.unit() * 0.5 : 0.25 + random.unit() * 0.75,
                termMonths: [3, 6, 6, 6][random.index(4)],
                board: [Board.main, .main, .main, .chiNext, .star][random.index(5)],
                volatility: 0.2 + random.unit() * 0.3, slaHours: [24, 48, 48, 72][random.index(4)]))
        }
        return (transfers, applications)
    }
}
