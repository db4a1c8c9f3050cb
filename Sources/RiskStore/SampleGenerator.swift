import Foundation
import GRDB
import RiskCore

/// What to generate; the same options always produce the same database.
public struct SampleOptions: Sendable {
    public var customers: Int
    public var applications: Int
    public var seed: UInt64
    public var isTrainingData: Bool
    /// The generator's "now": SLA times, KYC expiries and price history are laid out around it.
    public var asOf: Date

    public init(customers: Int? = nil, applications: Int = 2_000, seed: UInt64 = 42, isTrainingData: Bool = false,
                asOf: Date) {
        self.applications = applications
        self.customers = customers ?? max(10, applications / 2)
        self.seed = seed
        self.isTrainingData = isTrainingData
        self.asOf = asOf
    }
}

/// What the generator wrote.
public struct SampleSummary: Sendable {
    public var customers = 0
    public var instruments = 0
    public var applications = 0
    public var accounts = 0
    public var alerts = 0
    public var auditEntries = 0
    public var stageCounts: [Stage: Int] = [:]
}

/// Builds a realistic, deterministic sample database through the same core rules the product uses.
public enum SampleGenerator {
    public static let users: [User] = [
        User(name: "wang.fang", displayName: "王芳", role: .officer, approvalLimit: Money(yuan: 1_000_000)),
        User(name: "li.na", displayName: "李娜", role: .officer, approvalLimit: Money(yuan: 1_000_000)),
        User(name: "alice.chen", displayName: "Alice Chen", role: .officer, approvalLimit: Money(yuan: 500_000)),
        User(name: "zhao.min", displayName: "赵敏", role: .supervisor, approvalLimit: Money(yuan: 20_000_000)),
        User(name: "david.lin", displayName: "David Lin", role: .supervisor, approvalLimit: Money(yuan: 20_000_000)),
        User(name: "zhou.qiang", displayName: "周强", role: .auditor, approvalLimit: .zero),
        User(name: "trainer", displayName: "Training Lead", role: .trainer, approvalLimit: Money(yuan: 20_000_000)),
    ]

    public static func generate(into store: RiskStore, options: SampleOptions) throws(StoreError) -> SampleSummary {
        try store.write { db in
            var generator = Generation(options: options, db: db)
            try generator.run()
            return generator.summary
        }
    }
}

/// One run of the generator inside a single transaction.
private struct Generation {
    let options: SampleOptions
    let db: Database
    var random: SampleRandom
    var summary = SampleSummary()
    var instruments: [Instrument] = []
    var customers: [Customer] = []
    var now: Date { options.asOf }
    let day: TimeInterval = 86_400

    init(options: SampleOptions, db: Database) {
        self.options = options
        self.db = db
        self.random = SampleRandom(seed: options.seed)
    }

    mutating func run() throws {
        try settings()
        for user in SampleGenerator.users {
            try db.execute(sql: "INSERT INTO users (name, display_name, role, approval_limit_fen, active) VALUES (?,?,?,?,1)",
                           arguments: [user.name, user.displayName, user.role.rawValue, user.approvalLimit.fen])
        }
        try makeInstruments()
        try makeCustomers()
        try makeApplications()
        try makeAlerts()
        try modelVersions()
        summary.auditEntries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") ?? 0
    }

    mutating func settings() throws {
        let values: [(String, String)] = [
            (SettingKey.trainingData, options.isTrainingData ? "true" : "false"),
            (SettingKey.description, "riskdesk sample data, seed \(options.seed), \(options.applications) applications, as of \(AuditChain.timestamp(now))"),
            (SettingKey.fourEyesThreshold, String(Money(yuan: 1_000_000).fen)),
            (SettingKey.officerLimit, String(Money(yuan: 1_000_000).fen)),
            (SettingKey.claimMinutes, "30"), (SettingKey.rollbackDays, "5"), (SettingKey.autoApprovePD, "0.02"),
            (SettingKey.sentiment, "-0.35"), (SettingKey.championModel, Scorecard.standard.version),
            (SettingKey.asOf, String(now.timeIntervalSince1970.rounded())),
        ]
        for (key, value) in values {
            try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?,?,?,'seed')",
                           arguments: [key, value, now.timeIntervalSince1970])
        }
        for (name, value) in PricingParameters().fields.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO pricing_parameters (name, value, updated_at, updated_by) VALUES (?,?,?,'seed')",
                           arguments: [name, value, now.timeIntervalSince1970])
        }
        try AuditChain.append(AuditRecord(actor: "seed", action: "database.seed", subject: "database",
                                          after: ["seed": String(options.seed), "applications": String(options.applications),
                                                  "training": String(options.isTrainingData)],
                                          reason: "sample data generated"), at: now, db)
    }

    // MARK: instruments and prices

    mutating func makeInstruments() throws {
        var used = Set<String>()
        let plan: [(Board, String, Int)] = [(.main, "600", 18), (.main, "601", 8), (.main, "000", 12), (.chiNext, "300", 10),
                                            (.star, "688", 8), (.etf, "510", 4)]
        for (board, prefix, count) in plan {
            for _ in 0..<count {
                var code: String
                repeat { code = prefix + String(format: "%03d", random.int(0...999)) } while used.contains(code)
                used.insert(code)
                var name = board == .etf ? ["沪深300ETF", "上证50ETF", "中证500ETF", "科创50ETF"][instruments.filter { $0.board == .etf }.count % 4]
                    : random.pick(SampleNames.companyPrefixes) + random.pick(SampleNames.companySuffixes)
                let st = board == .main && random.chance(0.06)
                if st { name = "ST" + name }
                let constituent = board == .main && !st && random.chance(0.5)
                let vol = board == .etf ? 0.15 + random.unit() * 0.1 : (board == .main ? 0.2 + random.unit() * 0.25 : 0.35 + random.unit() * 0.35)
                let haircut = st ? 0 : (board == .etf ? 9_000 : (constituent ? [6_000, 6_500, 7_000][random.int(0...2)] : [5_000, 5_500, 6_000, 6_500][random.int(0...3)]))
                let price = try priceHistory(code: code, volatility: vol, start: random.logNormal(mu: log(25), sigma: 0.9))
                let instrument = Instrument(
                    code: code, name: name, board: board, isIndexConstituent: constituent, isSpecialTreatment: st,
                    haircut: BasisPoints(haircut), isMarginEligible: !st, lastPrice: price.last, previousClose: price.previous,
                    volatility: (vol * 100).rounded() / 100, freeFloatShares: Int64(random.int(50...2_000)) * 1_000_000)
                try Rows.insert(instrument, db)
                for (dayText, close) in price.closes {
                    try db.execute(sql: "INSERT INTO prices (code, day, close_fen) VALUES (?,?,?)", arguments: [code, dayText, close.fen])
                }
                instruments.append(instrument)
            }
        }
        summary.instruments = instruments.count
    }

    /// 60 trading days of closes by a random walk; a few instruments end the day near or at their lower limit.
    mutating func priceHistory(code: String, volatility: Double, start: Double) throws
        -> (previous: Money, last: Money, closes: [(String, Money)]) {
        var price = max(2, start)
        let daily = volatility / (252.0).squareRoot()
        var closes: [Money] = []
        var days: [String] = []
        for index in 0..<60 {
            price *= exp(daily * random.normal())
            closes.append(Money(fen: Int64((price * 100).rounded())))
            let date = Date(timeInterval: -Double(59 - index) * day * 7 / 5, since: now)
            days.append(String(AuditChain.timestamp(date).prefix(10)))
        }
        let previous = closes[closes.count - 2]
        var last = closes[closes.count - 1]
        let limit = code.hasPrefix("300") || code.hasPrefix("688") ? 0.20 : 0.10
        let shock = random.unit()
        if shock < 0.05 { last = previous.scaled(by: 1 - limit) }          // limit-down
        else if shock < 0.12 { last = previous.scaled(by: 1 - limit * 0.8) }  // a sharp fall
        closes[closes.count - 1] = last
        return (previous, last, Array(zip(days, closes)))
    }

    // MARK: customers, accounts, transfers, loans

    mutating func makeCustomers() throws {
        for index in 1...options.customers {
            let latin = random.chance(0.2)
            let name = latin ? random.pick(SampleNames.latinGiven) + " " + random.pick(SampleNames.latinFamily)
                : random.pick(SampleNames.surnames) + random.pick(SampleNames.givenNames)
            let segment: Segment = random.weighted([(.retail, 0.75), (.highNetWorth, 0.2), (.institutional, 0.05)])
            let suitability: Suitability = random.weighted([(.c1, 0.02), (.c2, 0.06), (.c3, 0.5), (.c4, 0.3), (.c5, 0.12)])
            let kycRoll = random.unit()
            let kycExpiry: Date = kycRoll < 0.02 ? now.addingTimeInterval(-Double(random.int(1...90)) * day)
                : kycRoll < 0.06 ? now.addingTimeInterval(Double(random.int(1...29)) * day)
                : now.addingTimeInterval(Double(random.int(31...1_000)) * day)
            let kycStatus: KYCStatus = kycExpiry < now ? .expired : (random.chance(0.01) ? .pending : .valid)
            let aml: AMLStatus = random.weighted([(.clear, 0.94), (.review, 0.04), (.hit, 0.02)])
            let assetsScale: Double = segment == .institutional ? log(20_000_000) : (segment == .highNetWorth ? log(6_000_000) : log(1_200_000))
            let assets = Money(yuan: Int64(random.logNormal(mu: assetsScale, sigma: 0.7)))
            let calls = random.weighted([(0, 0.7), (1, 0.15), (2, 0.08), (3, 0.04), (5, 0.03)])
            let customer = Customer(
                id: String(format: "C%06d", index), name: name, nationalID: nationalID(), phone: phone(),
                segment: segment, suitability: suitability, kycStatus: kycStatus, kycExpiry: kycExpiry, amlStatus: aml,
                isPEP: random.chance(0.01), tenureMonths: random.weighted([(random.int(1...5), 0.1), (random.int(6...23), 0.3),
                                                                            (random.int(24...59), 0.35), (random.int(60...180), 0.25)]),
                behaviour: TradingBehaviour(
                    annualTurnover: (random.logNormal(mu: log(6), sigma: 0.9) * 10).rounded() / 10,
                    averageHoldingDays: max(1, Int(random.logNormal(mu: log(25), sigma: 0.9))),
                    largestPositionShare: min(0.95, (0.08 + random.unit() * random.unit() * 0.8) * 100).rounded() / 100,
                    marginCallsLast12Months: calls,
                    maxDaysPastDue: random.weighted([(0, 0.88), (random.int(1...30), 0.09), (random.int(31...90), 0.03)])),
                securitiesAssets: assets, liabilities: Money(yuan: Int64(Double(assets.fen / 100) * random.unit() * 0.3)),
                lifetimeValue: Money(yuan: Int64(random.logNormal(mu: log(40_000), sigma: 0.8))))
            try Rows.insert(customer, db)
            customers.append(customer)
            try makeLoans(for: customer)
        }
        summary.customers = customers.count
    }

    mutating func nationalID() -> String {
        let birth = Date(timeIntervalSince1970: Double(random.int(0...1_000_000_000)) - 200_000_000)
        let ymd = AuditChain.timestamp(birth).prefix(10).replacingOccurrences(of: "-", with: "")
        let body = random.pick(SampleNames.regionCodes) + ymd + String(format: "%03d", random.int(1...999))
        // ISO 7064 MOD 11-2 check character, as on real resident ID numbers.
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + (Int(String($1.0)) ?? 0) * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    mutating func phone() -> String {
        random.pick(SampleNames.phonePrefixes) + String(format: "%08d", random.int(0...99_999_999))
    }

    mutating func makeLoans(for customer: Customer) throws {
        let count = random.weighted([(0, 0.4), (1, 0.35), (2, 0.18), (3, 0.07)])
        guard count > 0 else { return }
        for n in 1...count {
            let score = Scorecard.standard.score(ScoreInput(
                tenureMonths: max(0, customer.tenureMonths - 12 * n), largestPositionShare: customer.behaviour.largestPositionShare,
                marginCallsLast12Months: customer.behaviour.marginCallsLast12Months, maxDaysPastDue: customer.behaviour.maxDaysPastDue,
                requestedLeverage: Leverage(hundredths: random.pick([150, 200, 250, 300])), annualTurnover: customer.behaviour.annualTurnover,
                averageHoldingDays: customer.behaviour.averageHoldingDays, lineToAssets: 0.3 + random.unit(), suitability: customer.suitability))
            let opened = now.addingTimeInterval(-Double(random.int(200...1_500)) * day)
            let roll = random.unit()
            let outcome = roll < score.probabilityOfDefault ? "default" : (roll < score.probabilityOfDefault * 3 ? "late" : "repaid")
            try db.execute(sql: """
                INSERT INTO loans (id, customer_id, line_fen, score, opened_at, closed_at, outcome, max_dpd) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: ["L\(customer.id.dropFirst())-\(n)", customer.id,
                                 customer.securitiesAssets.scaled(by: 0.2 + random.unit() * 0.6).fen, score.points,
                                 opened.timeIntervalSince1970, opened.addingTimeInterval(180 * day).timeIntervalSince1970, outcome,
                                 outcome == "default" ? random.int(91...180) : (outcome == "late" ? random.int(1...60) : 0)])
        }
    }

    /// An active margin account for an approved application, with positions and a maintenance ratio drawn from a spread.
    mutating func makeAccount(for app: Application, customer: Customer, rate: BasisPoints) throws {
        summary.accounts += 1
        let id = "A" + app.id.dropFirst(4)
        let financed = app.approvedLine ?? app.requestedLine
        let targetRatio: Double = random.weighted([(1.2 + random.unit() * 0.1, 0.03), (1.3 + random.unit() * 0.2, 0.07),
                                                   (1.5 + random.unit() * 0.5, 0.3), (2.0 + random.unit() * 2.0, 0.6)])
        let totalAssets = financed.scaled(by: targetRatio)
        let eligible = instruments.filter { $0.lastPrice.fen > 0 }
        let count = random.int(1...5)
        let cashShare = 0.05 + random.unit() * 0.15
        var remaining = totalAssets.scaled(by: 1 - cashShare)
        var positions: [(String, Int64)] = []
        for index in 0..<count {
            let instrument = random.pick(eligible)
            guard !positions.contains(where: { $0.0 == instrument.code }) else { continue }
            let share = index == count - 1 ? 1.0 : 0.3 + random.unit() * 0.5
            let value = remaining.scaled(by: share)
            let lots = max(1, value.fen / (instrument.lastPrice.fen * 100))
            positions.append((instrument.code, lots * 100))
            remaining -= Money(fen: lots * 100 * instrument.lastPrice.fen)
            if remaining.fen <= 0 { break }
        }
        let marketValue = positions.reduce(Int64(0)) { sum, p in
            sum + (instruments.first { $0.code == p.0 }?.lastPrice.fen ?? 0) * p.1
        }
        let cash = max(0, totalAssets.fen - marketValue)
        let interest = financed.applying(rate).scaled(by: Double(random.int(5...150)) / 365)
        try db.execute(sql: """
            INSERT INTO accounts (id, customer_id, application_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp,
              closeout_bp, recovery_bp, rate_bp, fee_bp, opened_at) VALUES (?,?,?,?,?,?,15000,13000,16000,?,10,?)
            """, arguments: [id, customer.id, app.id, cash, financed.fen, interest.fen, rate.value,
                             (app.decidedAt ?? now).timeIntervalSince1970])
        for (code, quantity) in positions {
            try db.execute(sql: "INSERT INTO positions (account_id, code, quantity) VALUES (?,?,?)", arguments: [id, code, quantity])
            try db.execute(sql: "UPDATE instruments SET financing_balance_fen = financing_balance_fen + ? WHERE code = ?",
                           arguments: [financed.fen / Int64(positions.count), code])
        }
        try makeTransfers(account: id)
    }

    mutating func makeTransfers(account: String) throws {
        let pattern = random.unit()
        var transfers: [(Double, Int64, String, String)] = []
        if pattern < 0.03 {  // structuring: deposits just under the ¥50,000 threshold
            for k in 0..<random.int(3...5) {
                transfers.append((Double(k + 1) * day, Int64(random.int(45_000...49_900)) * 100, "in", random.pick(SampleNames.counterparties)))
            }
        } else if pattern < 0.05 {  // dormant, then suddenly active
            transfers.append((Double(random.int(200...400)) * day, Int64(random.int(20_000...80_000)) * 100, "in", "工商银行"))
            transfers.append((Double(random.int(0...2)) * day, Int64(random.int(150_000...900_000)) * 100, "out", "third-party pay"))
        } else {
            for _ in 0..<random.int(0...4) {
                transfers.append((Double(random.int(1...90)) * day, Int64(random.logNormal(mu: log(60_000), sigma: 1)) * 100,
                                  random.chance(0.6) ? "in" : "out", random.pick(SampleNames.counterparties)))
            }
        }
        for (ago, fen, direction, counterparty) in transfers {
            try db.execute(sql: "INSERT INTO transfers (account_id, at, amount_fen, direction, counterparty) VALUES (?,?,?,?,?)",
                           arguments: [account, now.addingTimeInterval(-ago).timeIntervalSince1970, fen, direction, counterparty])
        }
    }

    // MARK: applications

    mutating func makeApplications() throws {
        let parameters = PricingParameters()
        let screening = ScreeningPolicy()
        let sentiment = -0.35
        let stages: [(Stage, Double)] = [(.manualReview, 0.34), (.escalated, 0.03), (.awaitingSecondApproval, 0.02), (.submitted, 0.03),
                                         (.prescreen, 0.02), (.assessment, 0.02), (.compliance, 0.07), (.contract, 0.05),
                                         (.active, 0.2), (.rejected, 0.15), (.withdrawn, 0.02), (.infoRequested, 0.03), (.rolledBack, 0.02)]
        let officers = SampleGenerator.users.filter { $0.role == .officer }
        let supervisors = SampleGenerator.users.filter { $0.role == .supervisor }
        for index in 1...options.applications {
            let customer = customers[random.int(0...(customers.count - 1))]
            let leverage = Leverage(hundredths: random.weighted([(130, 0.1), (150, 0.25), (200, 0.3), (250, 0.2), (300, 0.15)]))
            let line = Money(yuan: max(50_000, Int64(Double(customer.securitiesAssets.fen / 100) * (0.2 + random.unit() * 1.6)) / 10_000 * 10_000))
            var stage = random.weighted(stages)
            // Work still waiting for a person arrived in the last two days; decided work is spread over twenty.
            let minutesAgo = stage.needsPerson ? random.int(0...(48 * 60)) : random.int(0...(20 * 24 * 60))
            let submitted = now.addingTimeInterval(-Double(minutesAgo) * 60)
            var app = Application(id: String(format: "APP-%06d", index), customerID: customer.id, requestedLine: line,
                                  requestedLeverage: leverage, termMonths: random.pick([3, 6, 6, 6]),
                                  channel: random.weighted([(.online, 0.6), (.branch, 0.3), (.partner, 0.1)]), stage: stage,
                                  submittedAt: submitted, slaDue: submitted.addingTimeInterval(Double(random.pick([24, 48, 48, 72])) * 3_600))
            if stage != .submitted && stage != .prescreen {
                let score = Scorecard.standard.score(ScoreInput(customer: customer, application: app))
                app.score = score.points
                app.probabilityOfDefault = (score.probabilityOfDefault * 1_000_000).rounded() / 1_000_000
                app.grade = score.grade
                app.quotedRate = Pricing.quote(PricingInput(probabilityOfDefault: score.probabilityOfDefault, leverage: leverage,
                                                            board: random.weighted([(.main, 0.7), (.chiNext, 0.2), (.star, 0.1)]),
                                                            volatility: 0.2 + random.unit() * 0.3,
                                                            marginCallsLast12Months: customer.behaviour.marginCallsLast12Months,
                                                            maxDaysPastDue: customer.behaviour.maxDaysPastDue, tenureMonths: customer.tenureMonths,
                                                            sentiment: sentiment, line: line), parameters: parameters).rate
                let failures = Screening.prescreen(app, customer: customer, policy: screening, now: submitted)
                if !failures.isEmpty { stage = .rejected }
                app.flags = failures.isEmpty ? Screening.reviewFlags(app, customer: customer, score: score, policy: screening, now: now) : failures
                if stage == .manualReview && app.flags.isEmpty {
                    app.flags = [Flag(code: "QA", text: "selected for random quality review")]
                }
            }
            app.stage = stage
            let officer = random.pick(officers)
            let supervisor = random.pick(supervisors)
            var history: [(String, String, Stage, Stage, String?, String)] = []  // actor, kind, from, to, reason, note
            switch stage {
            case .manualReview:
                if random.chance(0.12) {
                    app.claimedBy = officer.name
                    app.claimExpiresAt = now.addingTimeInterval(Double(random.int(5...25)) * 60)
                }
            case .escalated:
                history.append((officer.name, "escalate", .manualReview, .escalated, nil, "above my limit; please review collateral"))
            case .awaitingSecondApproval:
                app.approvedLine = line
                app.approvedLeverage = leverage
                history.append((supervisor.name, "approve", .manualReview, .awaitingSecondApproval, nil, ""))
            case .compliance, .contract, .active, .rolledBack:
                let conditional = random.chance(0.25)
                app.approvedLine = conditional ? line.scaled(by: 0.7) : line
                app.approvedLeverage = conditional ? Leverage(hundredths: max(100, leverage.hundredths - 50)) : leverage
                app.decidedAt = submitted.addingTimeInterval(Double(random.int(1...20)) * 3_600)
                let decider = app.approvedLine ?? line > officer.approvalLimit ? supervisor.name : officer.name
                history.append((decider, conditional ? "approve-with" : "approve", .manualReview, .compliance, nil, ""))
                if stage == .rolledBack {
                    history.append((supervisor.name, "rollback", .compliance, .rolledBack, nil, "collateral found pledged elsewhere"))
                }
            case .rejected:
                let reason = app.flags.contains { ["KYC", "AML"].contains($0.code) } ? "R04"
                    : (app.flags.contains { $0.code == "SUIT" } ? "R05" : random.pick(["R01", "R02", "R03", "R06", "R08"]))
                app.decidedAt = submitted.addingTimeInterval(Double(random.int(1...20)) * 3_600)
                history.append((officer.name, "reject", .manualReview, .rejected, reason, ""))
            case .infoRequested:
                history.append((officer.name, "request-info", .manualReview, .infoRequested, nil, "please provide proof of assets held elsewhere"))
            default:
                break
            }
            if !history.isEmpty { app.version = history.count + 1 }
            try Rows.insert(app, modelVersion: app.score == nil ? nil : Scorecard.standard.version, db)
            var at = app.submittedAt.addingTimeInterval(3_600)
            for (version, entry) in history.enumerated() {
                try db.execute(sql: """
                    INSERT INTO decisions (application_id, actor, kind, from_stage, to_stage, line_fen, leverage, reason_code, note, decided_at)
                    VALUES (?,?,?,?,?,?,?,?,?,?)
                    """, arguments: [app.id, entry.0, entry.1, entry.2.rawValue, entry.3.rawValue,
                                     entry.1.hasPrefix("approve") ? app.approvedLine?.fen : nil,
                                     entry.1.hasPrefix("approve") ? app.approvedLeverage?.hundredths : nil, entry.4, entry.5,
                                     at.timeIntervalSince1970])
                var after = ["stage": entry.3.rawValue, "version": String(version + 2)]
                if let code = entry.4 { after["reason_code"] = code }
                if entry.1.hasPrefix("approve"), let line = app.approvedLine { after["line"] = String(line.fen) }
                try AuditChain.append(AuditRecord(actor: entry.0, action: "decision.\(entry.1)", subject: "application:\(app.id)",
                                                  before: ["stage": entry.2.rawValue, "version": String(version + 1)], after: after,
                                                  reason: entry.5), at: min(at, now), db)
                at = at.addingTimeInterval(1_800)
            }
            if stage == .active || stage == .contract {
                try makeAccount(for: app, customer: customer, rate: app.quotedRate ?? parameters.floor)
            }
            summary.applications += 1
            summary.stageCounts[stage, default: 0] += 1
        }
    }

    // MARK: alerts and models

    mutating func makeAlerts() throws {
        var candidates: [AlertCandidate] = []
        let accountIDs = try String.fetchAll(db, sql: "SELECT DISTINCT customer_id FROM accounts")
        for customerID in accountIDs {
            for account in try RiskStore.accounts(ofCustomer: customerID, db) {
                candidates += AlertRules.evaluate(account)
                let transfers = try Row.fetchAll(db, sql: "SELECT * FROM transfers WHERE account_id = ?", arguments: [account.id]).map {
                    Transfer(at: Rows.date($0, "at"), amount: Money(fen: $0["amount_fen"]),
                             direction: Transfer.Direction(rawValue: $0["direction"]) ?? .incoming, counterparty: $0["counterparty"])
                }
                candidates += AlertRules.evaluate(transfers: transfers, subject: "account:\(account.id)", now: now)
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM instruments") {
            candidates += AlertRules.evaluate(Rows.instrument(row))
        }
        for customer in customers { candidates += AlertRules.evaluate(customer, now: now) }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM applications WHERE stage IN ('manual_review','escalated','awaiting_second_approval')") {
            candidates += AlertRules.evaluate(Rows.application(row), now: now)
        }
        candidates += AlertRules.evaluateSentiment(-0.35)
        candidates += AlertRules.evaluateSentiment(-0.68)
        for candidate in candidates {
            let opened = now.addingTimeInterval(-Double(random.int(1...(3 * 24 * 60))) * 60)
            if try RiskStore.raise(candidate, at: opened, db) != nil { summary.alerts += 1 }
        }
    }

    mutating func modelVersions() throws {
        // Training distribution: scores of the historical loans; the previous model's scores sit 8 points lower.
        let scores = try Int.fetchAll(db, sql: "SELECT score FROM loans ORDER BY id")
        let json = "[" + scores.prefix(5_000).map(String.init).joined(separator: ",") + "]"
        let older = "[" + scores.prefix(5_000).map { String($0 - 8) }.joined(separator: ",") + "]"
        try db.execute(sql: "INSERT INTO model_versions (version, created_at, is_champion, description, training_scores) VALUES (?,?,0,?,?)",
                       arguments: ["sc-2025.2", now.addingTimeInterval(-300 * day).timeIntervalSince1970, "previous champion", older])
        try db.execute(sql: "INSERT INTO model_versions (version, created_at, is_champion, description, training_scores) VALUES (?,?,1,?,?)",
                       arguments: [Scorecard.standard.version, now.addingTimeInterval(-60 * day).timeIntervalSince1970,
                                   "binned logistic scorecard, 9 characteristics", json])
    }
}
