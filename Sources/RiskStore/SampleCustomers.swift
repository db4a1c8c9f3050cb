import Foundation
import GRDB
import RiskCore

/// Customers with IDs, phones, behaviour and loan history; margin accounts with positions and transfers.
extension Generation {

    mutating func makeCustomers() throws {
        try report(.customers, 0, options.customers)
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
            let target = Money(yuan: Int64(random.logNormal(mu: assetsScale, sigma: 0.7)))
            // The securities assets are the holdings' value at today's prices; cash sits beside them.
            let holdings = makeHoldings(worth: target)
            let assets = holdings.reduce(Money.zero) { sum, holding in
                sum + Money(fen: (instrumentIndex[holding.code].map { instruments[$0].lastPrice.fen } ?? 0) * holding.quantity)
            }
            let id = "C" + SampleText.padded(index, 6)
            books[id] = SampleBook(cash: target.scaled(by: 0.02 + random.unit() * 0.13), holdings: holdings)
            let calls = random.weighted([(0, 0.7), (1, 0.15), (2, 0.08), (3, 0.04), (5, 0.03)])
            let customer = Customer(
                id: id, name: name, nationalID: nationalID(), phone: phone(),
                segment: segment, suitability: suitability, kycStatus: kycStatus, kycExpiry: kycExpiry, amlStatus: aml,
                isPEP: random.chance(0.01), tenureMonths: random.weighted([(random.int(1...5), 0.1), (random.int(6...23), 0.3),
                                                                            (random.int(24...59), 0.35), (random.int(60...180), 0.25)]),
                behaviour: TradingBehaviour(
                    annualTurnover: (random.logNormal(mu: log(6), sigma: 0.9) * 10).rounded() / 10,
                    averageHoldingDays: max(1, Int(random.logNormal(mu: log(25), sigma: 0.9))),
                    largestPositionShare: (min(0.95, 0.08 + random.unit() * random.unit() * 0.8) * 100).rounded() / 100,
                    marginCallsLast12Months: calls,
                    maxDaysPastDue: random.weighted([(0, 0.88), (random.int(1...30), 0.09), (random.int(31...90), 0.03)])),
                securitiesAssets: assets, liabilities: Money(yuan: Int64(Double(assets.fen / 100) * random.unit() * 0.3)),
                lifetimeValue: Money(yuan: Int64(random.logNormal(mu: log(40_000), sigma: 0.8))))
            try Rows.insert(customer, db)
            customers.append(customer)
            try makeLoans(for: customer)
            try report(.customers, index, options.customers)
        }
        summary.customers = customers.count
    }

    mutating func nationalID() -> String {
        let birth = Date(timeIntervalSince1970: Double(random.int(0...1_000_000_000)) - 200_000_000)
        let ymd = String(SampleText.timestamp(birth).prefix(10).filter { $0 != "-" })
        let body = random.pick(SampleNames.regionCodes) + ymd + SampleText.padded(random.int(1...999), 3)
        // ISO 7064 MOD 11-2 check character, as on real resident ID numbers.
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + (Int(String($1.0)) ?? 0) * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    mutating func phone() -> String {
        random.pick(SampleNames.phonePrefixes) + SampleText.padded(random.int(0...99_999_999), 8)
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
            try db.cachedStatement(sql: """
                INSERT INTO loans (id, customer_id, line_fen, score, opened_at, closed_at, outcome, max_dpd) VALUES (?,?,?,?,?,?,?,?)
                """).execute(arguments: ["L\(customer.id.dropFirst())-\(n)", customer.id,
                                 customer.securitiesAssets.scaled(by: 0.2 + random.unit() * 0.6).fen, score.points,
                                 opened.timeIntervalSince1970, opened.addingTimeInterval(180 * day).timeIntervalSince1970, outcome,
                                 outcome == "default" ? random.int(91...180) : (outcome == "late" ? random.int(1...60) : 0)])
        }
    }

    /// The margin account an activated application opens: the customer's own holdings and cash as collateral, and
    /// securities bought with the financing, drawn up to the approved line and never beyond what Art. 40 allows under the
    /// contract's ratio at the opening day's closes. Interest has accrued since at the contract's rate.
    mutating func makeAccount(for app: Application, customer: Customer, rate: BasisPoints, ratio: BasisPoints,
                              opened: Date) throws {
        guard let book = books[customer.id] else { return }
        let allowed = snapshot(of: book, on: opened).maximumFinancing(ratio: ratio)
        try openAccount("A" + app.id.dropFirst(4), application: app.id, customer: customer,
                        target: min(app.approvedLine ?? app.requestedLine, allowed), rate: rate, ratio: ratio, opened: opened)
    }

    /// Opens margin account `id` on the customer's book: securities bought with financing up to `target` (none bought,
    /// no account), their transfers, and the instruments' financing balances.
    mutating func openAccount(_ id: String, application: String?, customer: Customer, target: Money, rate: BasisPoints,
                              ratio: BasisPoints, opened: Date) throws {
        guard var book = books[customer.id] else { return }
        let held = Set(book.holdings.map(\.code))
        let eligible = instruments.filter { $0.isMarginEligible && $0.lastPrice.fen > 0 && !held.contains($0.code) }
        var purchases: [(code: String, quantity: Int64, financedCost: Money)] = []
        var remaining = target
        let count = random.int(1...2)
        for index in 0..<count {
            let pick = random.pick(eligible)
            guard !purchases.contains(where: { $0.code == pick.code }),
                  let atOpening = instrument(pick.code, on: opened), atOpening.lastPrice.fen > 0 else { continue }
            let budget = index == count - 1 ? remaining : remaining.scaled(by: 0.4 + random.unit() * 0.3)
            let lots = budget.fen / (atOpening.lastPrice.fen * 100)
            guard lots > 0 else { continue }
            let cost = Money(fen: lots * 100 * atOpening.lastPrice.fen)
            purchases.append((pick.code, lots * 100, cost))
            remaining -= cost
        }
        guard !purchases.isEmpty else { return }
        let financed = purchases.reduce(Money.zero) { $0 + $1.financedCost }
        let days = max(0, now.timeIntervalSince(opened)) / day
        let interest = financed.applying(rate).scaled(by: days / 365)
        summary.accounts += 1
        try db.cachedStatement(sql: """
            INSERT INTO accounts (id, customer_id, application_id, cash_fen, financed_fen, accrued_interest_fen, warning_bp,
              closeout_bp, recovery_bp, rate_bp, fee_bp, opened_at, financing_ratio_bp) VALUES (?,?,?,?,?,?,15000,13000,16000,?,10,?,?)
            """).execute(arguments: [id, customer.id, application, book.cash.fen, financed.fen, interest.fen, rate.value,
                             opened.timeIntervalSince1970, ratio.value])
        for holding in book.holdings + purchases {
            try db.cachedStatement(sql: "INSERT INTO positions (account_id, code, quantity, financed_cost_fen) VALUES (?,?,?,?)")
                .execute(arguments: [id, holding.code, holding.quantity, holding.financedCost.fen])
        }
        for purchase in purchases {
            try db.cachedStatement(sql: "UPDATE instruments SET financing_balance_fen = financing_balance_fen + ? WHERE code = ?")
                .execute(arguments: [purchase.financedCost.fen, purchase.code])
        }
        book.holdings += purchases
        book.financed += financed
        book.interest += interest
        books[customer.id] = book
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
            try db.cachedStatement(sql: "INSERT INTO transfers (account_id, at, amount_fen, direction, counterparty) VALUES (?,?,?,?,?)")
                .execute(arguments: [account, now.addingTimeInterval(-ago).timeIntervalSince1970, fen, direction, counterparty])
        }
    }
}
