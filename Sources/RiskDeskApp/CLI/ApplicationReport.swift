import Foundation
import RiskCore
import RiskStore

/// One application in full for `riskdesk show`: customer (masked), score and reasons, quote and history.
public enum ApplicationReport {
    /// Each line is escaped as a whole (`PlainText`): names, notes, flags and alert texts come from people and
    /// files, and must not reach the terminal as control characters or as extra lines.
    public static func text(_ d: ApplicationDetail, now: Date) -> String {
        let app = d.application
        let c = d.customer
        var out: [String] = []
        out.append("\(app.id)  \(app.stage.label)  version \(app.version)")
        out.append("  requested   \(app.requestedLine.formatted) at \(app.requestedLeverage.text) for \(app.termMonths) months (\(app.channel.rawValue))")
        if let line = app.approvedLine, let lev = app.approvedLeverage {
            out.append("  approved    \(line.formatted) at \(lev.text)")
        }
        out.append("  submitted   \(Durations.isoTimestamp(app.submittedAt)); SLA \(Durations.short(app.slaRemaining(at: now))) left")
        if let holder = app.claimHolder(at: now) { out.append("  claimed by  \(holder)") }
        if !app.flags.isEmpty {
            out.append("  flags       " + app.flags.map { "\($0.code): \($0.text)" }.joined(separator: "; "))
        }
        out.append("")
        out.append("Customer \(c.id)  \(c.name)")
        out.append("  ID \(c.maskedNationalID)  phone \(c.maskedPhone)  \(c.segment.label)  suitability \(c.suitability.label)")
        out.append("  KYC \(c.kycStatus.rawValue) until \(Durations.isoDay(c.kycExpiry))  AML \(c.amlStatus.rawValue)\(c.isPEP ? "  PEP" : "")  tenure \(c.tenureMonths) months")
        out.append("  assets \(c.securitiesAssets.formatted)  liabilities \(c.liabilities.formatted)")
        for account in d.accounts {
            let ratio = account.maintenanceRatio.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            out.append("  account \(account.id): maintenance \(ratio), financed \(account.financed.formatted), available margin \(account.availableMargin.formatted)")
        }
        out.append("")
        out.append("Score \(d.score.points) points, PD \(String(format: "%.2f%%", d.score.probabilityOfDefault * 100)), grade \(d.score.grade.rawValue) (\(d.scoreVersion ?? "not scored"))")
        for reason in d.score.reasons {
            out.append("  -\(reason.pointsLost) \(reason.text)")
        }
        for row in d.modelScores where row.isShadow || row.target != ModelTarget.default12m.code {
            let what = row.isShadow ? "challenger, in the shadow" : "champion"
            out.append("\(ProfileScoreLines.targetName(row.target)) \(row.points) points, PD \(String(format: "%.2f%%", row.probabilityOfDefault * 100)), grade \(row.grade.rawValue) (\(row.version), \(what))")
            for reason in row.reasons { out.append("  -\(reason.pointsLost) \(reason.text)") }
        }
        out.append("")
        if let stored = d.quote {
            let q = stored.quote
            let fee = q.feeAmount == .zero ? "" : " (\(q.feeAmount.formatted))"
            out.append("Quote \(q.rate.percentText)/yr + fee \(q.fee.value) bp\(fee) · pricing v\(stored.pricingVersion)\(stored.modelVersion.map { " · \($0)" } ?? "") · \(stored.reason), \(Durations.isoTimestamp(stored.quotedAt))")
            for part in q.components {
                out.append("  \(part.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(part.amount.signedText.padding(toLength: 8, withPad: " ", startingAt: 0))  \(part.driver)")
            }
            if q.clampAdjustment != .zero {
                out.append("  clamp          \(q.clampAdjustment.signedText)")
            }
            if let difference = d.quoteDifference { out.append("  vs the pricing table's cell: \(difference)") }
        } else {
            out.append("Quote: not priced yet (\(d.application.stage.label))")
        }
        if !d.decisions.isEmpty {
            out.append("")
            out.append("History")
            for decision in d.decisions {
                var line = "  \(Durations.isoTimestamp(decision.decidedAt))  \(decision.actor)  \(decision.kind)  \(decision.from.label) → \(decision.to.label)"
                if let code = decision.reasonCode { line += "  \(code)" }
                if !decision.note.isEmpty { line += "  \"\(decision.note)\"" }
                out.append(line)
            }
        }
        if !d.openAlerts.isEmpty {
            out.append("")
            out.append("Open alerts")
            for alert in d.openAlerts { out.append("  [\(alert.severity.tag)] \(alert.rule)  \(alert.message)") }
        }
        return out.map(PlainText.escaped).joined(separator: "\n")
    }
}
