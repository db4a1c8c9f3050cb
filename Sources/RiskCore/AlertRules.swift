import Foundation

/// The alert rules as pure functions over snapshots.
public enum AlertRules {
    /// Maintenance-ratio, concentration and volatility rules for one margin account.
    public static func evaluate(_ account: MarginAccount, thresholds t: AlertThresholds = AlertThresholds()) -> [AlertCandidate] {
        var out: [AlertCandidate] = []
        let subject = "account:\(account.id)"
        if let ratio = account.maintenanceRatio {
            let pct = String(format: "%.1f%%", ratio * 100)
            let largest = account.positions.max(by: { $0.marketValue < $1.marketValue })
            if ratio < account.lines.closeOut.fraction {
                var text = "maintenance ratio \(pct) is below the \(account.lines.closeOut.percentText) close-out line"
                if let largest, let crossing = account.lineCrossing(for: largest.instrument.code, at: account.lines.recovery) {
                    switch crossing {
                    case let .price(price):
                        text += "; recovery to \(account.lines.recovery.percentText) needs \(largest.instrument.code) at \(price.formatted)"
                    case .coveredByOtherAssets:
                        text += "; recovery to \(account.lines.recovery.percentText) does not depend on \(largest.instrument.code)"
                    }
                }
                out.append(AlertCandidate(rule: .marginCloseOut, severity: .critical, subject: subject, message: text))
            } else if ratio < account.lines.warning.fraction {
                var text = "maintenance ratio \(pct) is below the \(account.lines.warning.percentText) warning line"
                if let largest, let crossing = account.lineCrossing(for: largest.instrument.code, at: account.lines.closeOut) {
                    switch crossing {
                    case let .price(price):
                        text += "; close-out if \(largest.instrument.code) falls to \(price.formatted)"
                    case .coveredByOtherAssets:
                        text += "; no price of \(largest.instrument.code) alone reaches close-out (cash and other positions cover it)"
                    }
                }
                out.append(AlertCandidate(rule: .marginWarning, severity: .warning, subject: subject, message: text))
            }
        }
        // A share of everything the account holds as collateral: cash plus the market value of its positions.
        let collateral = account.assets
        if collateral.fen > 0 {
            for position in account.positions {
                let share = Double(position.marketValue.fen) / Double(collateral.fen)
                if share > t.positionShare {
                    let percent = Int.rounding(share * 100, within: 0...100) ?? 100
                    let limit = Int.rounding(t.positionShare * 100, within: 0...100) ?? 100
                    out.append(AlertCandidate(rule: .positionConcentration, severity: .warning, subject: subject,
                        scope: position.instrument.code,
                        message: "\(position.instrument.code) \(position.instrument.name) is \(percent)% of collateral (cash + securities \(collateral.formattedWhole); limit \(limit)%)"))
                }
            }
        }
        for position in account.positions where position.quantity > 0 {
            let i = position.instrument
            if i.previousClose.fen > 0 && i.lastPrice <= i.limitDownPrice {
                out.append(AlertCandidate(rule: .limitDown, severity: .critical, subject: subject, scope: i.code,
                    message: "\(i.code) \(i.name) is limit-down (\(String(format: "%.1f%%", i.dayChange * 100)))"))
            }
        }
        return out
    }

    /// Instrument-level rules: a move beyond a share of the daily limit, financing balance against float.
    public static func evaluate(_ i: Instrument, thresholds t: AlertThresholds = AlertThresholds()) -> [AlertCandidate] {
        var out: [AlertCandidate] = []
        let subject = "instrument:\(i.code)"
        let move = i.dayChange
        if abs(move) >= i.dailyLimit * t.limitShare && i.lastPrice > i.limitDownPrice {
            out.append(AlertCandidate(rule: .volatilityMove, severity: .warning, subject: subject,
                message: String(format: "%@ %@ moved %+.1f%%, beyond %.0f%% of its ±%.0f%% limit",
                                i.code, i.name, move * 100, t.limitShare * 100, i.dailyLimit * 100)))
        }
        let floatValue = Double(i.freeFloatShares) * Double(i.lastPrice.fen)
        if floatValue > 0 {
            let share = Double(i.financingBalance.fen) / floatValue
            if share >= t.floatShare {
                out.append(AlertCandidate(rule: .floatConcentration, severity: .warning, subject: subject,
                    message: String(format: "financing balance in %@ is %.0f%% of its float (limit %.0f%%)", i.code, share * 100, t.floatShare * 100)))
            }
        }
        return out
    }

    /// AML patterns over an account's transfers up to `now`.
    public static func evaluate(transfers: [Transfer], subject: String, now: Date,
                                thresholds t: AlertThresholds = AlertThresholds()) -> [AlertCandidate] {
        var out: [AlertCandidate] = []
        let sorted = transfers.filter { $0.at <= now }.sorted { $0.at < $1.at }
        let week = sorted.filter { now.timeIntervalSince($0.at) <= 7 * 86_400 }
        let lowerBand = t.reportingThreshold.scaled(by: t.structuringBand)
        let structured = week.filter { $0.direction == .incoming && $0.amount >= lowerBand && $0.amount < t.reportingThreshold }
        if structured.count >= t.structuringCount {
            out.append(AlertCandidate(rule: .amlStructuring, severity: .warning, subject: subject,
                message: "\(structured.count) deposits just under the \(t.reportingThreshold.formattedWhole) reporting threshold in 7 days"))
        }
        let month = sorted.filter { now.timeIntervalSince($0.at) <= 30 * 86_400 }
        let sources = Set(month.filter { $0.direction == .incoming }.map(\.counterparty))
        let inflow = month.filter { $0.direction == .incoming }.reduce(Money.zero) { $0 + $1.amount }
        if sources.count >= t.funnelSources, inflow.fen > 0,
           let out1 = month.filter({ $0.direction == .outgoing }).max(by: { $0.amount < $1.amount }),
           Double(out1.amount.fen) >= 0.8 * Double(inflow.fen) {
            out.append(AlertCandidate(rule: .amlFunnel, severity: .critical, subject: subject,
                message: "funds in from \(sources.count) sources, \(out1.amount.formattedWhole) out to one (\(out1.counterparty))"))
        }
        // Dormant: a large transfer in the recent window after a silence of at least `dormantDays` before it.
        let recent = Double(t.dormantRecentDays) * 86_400
        if let waking = Array(zip(sorted, sorted.dropFirst())).last(where: { previous, transfer in
            now.timeIntervalSince(transfer.at) <= recent && transfer.amount >= t.dormantAmount
                && transfer.at.timeIntervalSince(previous.at) >= Double(t.dormantDays) * 86_400
        }) {
            let gapDays = Int(waking.1.at.timeIntervalSince(waking.0.at) / 86_400)
            out.append(AlertCandidate(rule: .amlDormant, severity: .warning, subject: subject,
                message: "dormant \(gapDays) days, then a \(waking.1.amount.formattedWhole) transfer"))
        }
        let day = sorted.filter { now.timeIntervalSince($0.at) <= 86_400 }
        if day.count > t.velocityCount {
            out.append(AlertCandidate(rule: .amlVelocity, severity: .warning, subject: subject,
                message: "\(day.count) transfers in 24 hours (limit \(t.velocityCount))"))
        }
        return out
    }

    /// KYC expiring within the warning window (`kyc.expiring`, info) or already expired (`kyc.expired`, warning).
    public static func evaluate(_ customer: Customer, now: Date, thresholds t: AlertThresholds = AlertThresholds()) -> [AlertCandidate] {
        let days = Int(floor(customer.kycExpiry.timeIntervalSince(now) / 86_400))
        let subject = "customer:\(customer.id)"
        if days < 0 {
            return [AlertCandidate(rule: .kycExpired, severity: .warning, subject: subject,
                                   message: "KYC of \(customer.name) expired \(-days) days ago")]
        }
        if days <= t.kycWarningDays {
            return [AlertCandidate(rule: .kycExpiring, severity: .info, subject: subject,
                                   message: "KYC of \(customer.name) expires in \(days) days")]
        }
        return []
    }

    /// SLA breach of an application waiting for a person.
    public static func evaluate(_ app: Application, now: Date) -> [AlertCandidate] {
        guard app.stage.needsPerson, app.slaDue < now else { return [] }
        let hours = Int(now.timeIntervalSince(app.slaDue) / 3_600)
        return [AlertCandidate(rule: .slaBreach, severity: .warning, subject: "application:\(app.id)",
                               message: "\(app.id) in \(app.stage.label) is \(hours)h past its SLA")]
    }

    /// Model drift: PSI above the critical threshold (exactly at it is still "watch", as `PSI.level` reads). The
    /// characteristic that moved most (by CSI), where the card has CSI, is named so the desk knows where to look.
    public static func evaluateDrift(psi: Double, modelVersion: String, thresholds t: AlertThresholds = AlertThresholds(),
                                     largestShift: (feature: String, csi: Double)? = nil) -> [AlertCandidate] {
        guard PSI.level(psi, critical: t.psiCritical) == .critical else { return [] }
        var message = String(format: "score PSI %.3f is above %.2f: the population has shifted", psi, t.psiCritical)
        if let shift = largestShift {
            message += String(format: "; most moved: %@ (CSI %.3f)", FeatureCatalog.entry(shift.feature)?.name ?? shift.feature, shift.csi)
        }
        return [AlertCandidate(rule: .modelDrift, severity: .critical, subject: "model:\(modelVersion)", message: message)]
    }

    /// Market sentiment beyond its band.
    public static func evaluateSentiment(_ index: Double, thresholds t: AlertThresholds = AlertThresholds()) -> [AlertCandidate] {
        guard abs(index) > t.sentimentBand else { return [] }
        return [AlertCandidate(rule: .sentimentExtreme, severity: .warning, subject: "market",
            message: String(format: "sentiment index %+.2f is beyond ±%.2f (%@)", index, t.sentimentBand, index < 0 ? "fear" : "euphoria"))]
    }
}
