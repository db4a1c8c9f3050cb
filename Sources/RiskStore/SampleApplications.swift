import Foundation
import GRDB
import RiskCore

/// Applications at every stage, scored, priced and routed by RiskCore, with their decisions and audit entries.
extension Generation {

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
            // The creation entry opens the application's history in the log, so `audit verify` can replay it.
            try AuditChain.append(AuditRecord.applicationCreated(app.id, stage: history.first?.2 ?? stage, line: line,
                                                                 leverage: leverage, actor: "seed"),
                                  at: min(app.submittedAt, now), db)
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
                if entry.1.hasPrefix("approve"), let leverage = app.approvedLeverage { after["leverage"] = leverage.text }
                try AuditChain.append(AuditRecord(actor: entry.0, action: "decision.\(entry.1)", subject: "application:\(app.id)",
                                                  before: ["stage": entry.2.rawValue, "version": String(version + 1)], after: after,
                                                  reason: entry.5), at: min(at, now), db)
                at = at.addingTimeInterval(1_800)
            }
            // Contract and activation follow compliance without a decision; the log records the move all the same.
            if let last = history.last?.3, last != stage {
                try AuditChain.append(AuditRecord(actor: "system", action: "application.advance", subject: "application:\(app.id)",
                                                  before: ["stage": last.rawValue], after: ["stage": stage.rawValue]),
                                      at: min(at, now), db)
            }
            if stage == .active || stage == .contract {
                try makeAccount(for: app, customer: customer, rate: app.quotedRate ?? parameters.floor)
            }
            summary.applications += 1
            summary.stageCounts[stage, default: 0] += 1
        }
    }
}
