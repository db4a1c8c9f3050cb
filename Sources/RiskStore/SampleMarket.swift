import Foundation
import GRDB
import RiskCore

/// Instruments on every board with 60 days of prices; a few end the day at or near their lower limit.
extension Generation {

    mutating func makeInstruments() throws {
        var used = Set<String>()
        let plan: [(Board, String, Int)] = [(.main, "600", 18), (.main, "601", 8), (.main, "000", 12), (.chiNext, "300", 10),
                                            (.star, "688", 8), (.etf, "510", 4)]
        let total = plan.reduce(0) { $0 + $1.2 }
        try report(.instruments, 0, total)
        for (board, prefix, count) in plan {
            for _ in 0..<count {
                var code: String
                repeat { code = prefix + SampleText.padded(random.int(0...999), 3) } while used.contains(code)
                used.insert(code)
                var name = board == .etf ? ["沪深300ETF", "上证50ETF", "中证500ETF", "科创50ETF"][instruments.filter { $0.board == .etf }.count % 4]
                    : random.pick(SampleNames.companyPrefixes) + random.pick(SampleNames.companySuffixes)
                let st = board == .main && random.chance(0.06)
                if st { name = "ST" + name }
                let constituent = board == .main && !st && random.chance(0.5)
                let vol = board == .etf ? 0.15 + random.unit() * 0.1 : (board == .main ? 0.2 + random.unit() * 0.25 : 0.35 + random.unit() * 0.35)
                let haircut = st ? 0 : (board == .etf ? 9_000 : (constituent ? [6_000, 6_500, 7_000][random.int(0...2)] : [5_000, 5_500, 6_000, 6_500][random.int(0...3)]))
                // ST main-board shares move at most ±5% a day, others by their board's limit.
                let limit = st ? 0.05 : board.dailyLimit
                // A few shares hit trouble: a run of limit-down days at the end, which takes some accounts towards a call.
                let crashDays = board != .etf && random.chance(0.08) ? random.int(6...12) : 0
                let price = try priceHistory(code: code, volatility: vol, limit: limit, crashDays: crashDays,
                                             start: random.logNormal(mu: log(25), sigma: 0.9))
                let instrument = Instrument(
                    code: code, name: name, board: board, isIndexConstituent: constituent, isSpecialTreatment: st,
                    haircut: BasisPoints(haircut), isMarginEligible: !st, lastPrice: price.last, previousClose: price.previous,
                    volatility: (vol * 100).rounded() / 100, freeFloatShares: Int64(random.int(50...2_000)) * 1_000_000)
                try Rows.insert(instrument, db)
                let history = earlierCloses(code: code, before: price.closes, volatility: vol, limit: limit) + price.closes
                for (dayText, close) in history {
                    try db.cachedStatement(sql: "INSERT INTO prices (code, day, close_fen) VALUES (?,?,?)")
                        .execute(arguments: [code, dayText, close.fen])
                }
                instruments.append(instrument)
                closes[code] = history
                closeDays[code] = try history.map { entry in
                    guard let number = Self.dayNumber(entry.0) else { throw StoreError.invalidInput("sample price day '\(entry.0)' is malformed") }
                    return number
                }
                instrumentIndex[code] = instruments.count - 1
            }
        }
        summary.instruments = instruments.count
        try report(.instruments, instruments.count, total)
    }

    /// The trading days before `later` (the last 60) that make the history `options.priceDays` long: a random walk run
    /// backwards from the oldest of them under the same limit, drawn from the instrument's own generator so the main
    /// draws, and with them the rest of the sample, do not depend on how long the history is.
    func earlierCloses(code: String, before later: [(String, Money)], volatility: Double, limit: Double) -> [(String, Money)] {
        let extra = options.priceDays - later.count
        guard extra > 0, let oldest = later.first else { return [] }
        var walk = SampleRandom(seed: options.seed ^ Self.stableHash(code))
        let daily = volatility / (252.0).squareRoot()
        var price = Double(oldest.1.fen) / 100
        var earlier: [(String, Money)] = []
        for back in 1...extra {
            price = max(0.01, price / exp(max(-limit, min(limit, daily * walk.normal()))))
            let date = Date(timeInterval: -Double(later.count - 1 + back) * day * 7 / 5, since: now)
            earlier.append((String(SampleText.timestamp(date).prefix(10)), Money(fen: Int64((price * 100).rounded()))))
        }
        return earlier.reversed()
    }

    /// FNV-1a of the text's bytes: the same on every run and machine (unlike `hashValue`).
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    /// 60 trading days of closes by a random walk, never beyond the daily limit; a few instruments end the day near or
    /// at their lower limit, and `crashDays` > 0 ends the history with that many limit-down days in a row.
    mutating func priceHistory(code: String, volatility: Double, limit: Double, crashDays: Int, start: Double) throws
        -> (previous: Money, last: Money, closes: [(String, Money)]) {
        var price = max(2, start)
        let daily = volatility / (252.0).squareRoot()
        var closes: [Money] = []
        var days: [String] = []
        for index in 0..<60 {
            price *= exp(max(-limit, min(limit, daily * random.normal())))
            closes.append(Money(fen: Int64((price * 100).rounded())))
            let date = Date(timeInterval: -Double(59 - index) * day * 7 / 5, since: now)
            days.append(String(SampleText.timestamp(date).prefix(10)))
        }
        let previous = closes[closes.count - 2]
        var last = closes[closes.count - 1]
        let shock = random.unit()
        if shock < 0.05 { last = previous.scaled(by: 1 - limit) }          // limit-down
        else if shock < 0.12 { last = previous.scaled(by: 1 - limit * 0.8) }  // a sharp fall
        closes[closes.count - 1] = last
        for index in max(1, closes.count - crashDays)..<closes.count where crashDays > 0 {
            closes[index] = closes[index - 1].scaled(by: 1 - limit)
        }
        return (closes[closes.count - 2], closes[closes.count - 1], Array(zip(days, closes)))
    }
}
