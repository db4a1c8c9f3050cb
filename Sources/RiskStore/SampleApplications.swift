import Foundation
import GRDB
import RiskCore

/// Applications at every stage, sized by Art. 40 against the customer's account, scored, priced and routed by RiskCore;
/// their decisions are made through `Pipeline.decide` by the sample's users, so every history is legal by construction.
extension Generation {

    mutating func makeApplications() throws {
        let parameters = PricingParameters()
        let pricingVersion = try RiskStore.pricingVersion(db)
        let screening = ScreeningPolicy()
        let approvalPolicy = ApprovalPolicy()
        let sentiment = -0.35
        let stages: [(Stage, Double)] = [(.manualReview, 0.30), (.escalated, 0.03), (.awaitingSecondApproval, 0.06), (.submitted, 0.03),
                                         (.prescreen, 0.02), (.assessment, 0.02), (.compliance, 0.07), (.contract, 0.05),
                                         (.active, 0.2), (.rejected, 0.15), (.withdrawn, 0.02), (.infoRequested, 0.03), (.rolledBack, 0.02)]
        let officers = SampleGenerator.users.filter { $0.role == .officer }
        let supervisors = SampleGenerator.users.filter { $0.role == .supervisor }
        try report(.applications, 0, options.applications)
        for index in 1...options.applications {
            let customer = customers[random.int(0...(customers.count - 1))]
            var stage = random.weighted(stages)
            // Work still waiting for a person arrived in the last two days; decided work is spread over twenty.
            let minutesAgo = stage.needsPerson ? random.int(0...(48 * 60)) : random.int(0...(20 * 24 * 60))
            let submitted = now.addingTimeInterval(-Double(minutesAgo) * 60)
            let account = snapshot(of: books[customer.id] ?? SampleBook(cash: .zero, holdings: []), on: submitted)
            let line = requestedLine(for: account, policy: screening)
            let leverage = account.leverage(afterFinancing: line) ?? Leverage(hundredths: 100)
            var app = Application(id: "APP-" + SampleText.padded(index, 6), customerID: customer.id, requestedLine: line,
                                  requestedLeverage: leverage, termMonths: random.pick([3, 6, 6, 6]),
                                  channel: random.weighted([(.online, 0.6), (.branch, 0.3), (.partner, 0.1)]), stage: stage,
                                  submittedAt: submitted, slaDue: submitted.addingTimeInterval(Double(random.pick([24, 48, 48, 72])) * 3_600))
            var screenedOut = false
            var quote: Quote?
            if stage != .submitted && stage != .prescreen {
                // Board and volatility of the quote are drawn in this order, as before the intake was shared.
                let board = random.weighted([(Board.main, 0.7), (.chiNext, 0.2), (.star, 0.1)])
                let volatility = 0.2 + random.unit() * 0.3
                let assessment = ApplicationIntake.assess(app, card: .standard, customer: customer, account: account, policy: screening,
                                                          parameters: parameters, sentiment: sentiment, board: board,
                                                          volatility: volatility, submitted: submitted, reviewedAt: now)
                app = assessment.application
                quote = assessment.quote
                if !assessment.failures.isEmpty { stage = .rejected; screenedOut = true }
            }
            // Only a line above the four-eyes threshold waits for a second approval; a customer holds one margin account.
            if stage == .awaitingSecondApproval && line <= approvalPolicy.fourEyesThreshold { stage = .manualReview }
            if stage == .active && books[customer.id].map({ $0.financed.fen > 0 }) == true { stage = .compliance }
            if stage == .manualReview && app.flags.isEmpty {
                app.flags = [Flag(code: "QA", text: "selected for random quality review")]
            }
            let plan = screenedOut ? [] : steps(toward: stage, app: app, account: account, officers: officers,
                                                 supervisors: supervisors, policy: screening, approvalPolicy: approvalPolicy)
            let initial: Stage = plan.isEmpty ? stage : .manualReview
            app.stage = initial
            if initial == .manualReview && plan.isEmpty && random.chance(0.12) {
                app.claimedBy = random.pick(officers).name
                app.claimExpiresAt = now.addingTimeInterval(Double(random.int(5...25)) * 60)
            }
            let history = try replay(plan, on: &app, policy: approvalPolicy, from: submitted.addingTimeInterval(3_600))
            try Rows.insert(app, modelVersion: app.score == nil ? nil : Scorecard.standard.version, db)
            if let quote {
                // The one quote every view shows, kept with its breakdown and the versions it came from.
                try RiskStore.recordQuote(quote, for: app.id, modelVersion: Scorecard.standard.version, reason: "assessment",
                                          by: "seed", at: submitted, pricingVersion: pricingVersion, db)
            }
            try chain.append(AuditRecord(actor: "seed", action: "application.create", subject: "application:\(app.id)",
                                         after: ["stage": initial.rawValue, "version": "1", "line": String(line.fen),
                                                 "leverage": leverage.text],
                                         reason: "sample application"), at: submitted)
            for entry in history { try record(entry, app: app) }
            if app.stage == .active, let opened = history.last?.at {
                // The contract carries the rate that was approved.
                try makeAccount(for: app, customer: customer, rate: app.approvedRate ?? app.quotedRate ?? parameters.floor,
                                ratio: screening.financingMarginRatio, opened: opened)
            }
            summary.applications += 1
            applicants.insert(customer.id)
            summary.stageCounts[app.stage, default: 0] += 1
            try report(.applications, index, options.applications)
        }
    }

    /// A line within what Art. 40 and the leverage cap allow for this account (a random share of it, in ¥10,000 steps);
    /// about one in sixteen asks for more than the rules allow and will be refused at prescreen.
    mutating func requestedLine(for account: MarginSnapshot, policy: ScreeningPolicy) -> Money {
        let allowed = account.maximumFinancing(ratio: policy.financingMarginRatio)
        let within = ApplicationIntake.requestableLine(account, policy: policy)
        let wanted = random.chance(0.06) ? allowed.scaled(by: 1.1 + random.unit() * 0.5) : within.scaled(by: 0.25 + random.unit() * 0.75)
        return Money(yuan: max(50_000, wanted.fen / 100 / 10_000 * 10_000))
    }
}
