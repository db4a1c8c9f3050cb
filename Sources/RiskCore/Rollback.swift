import Foundation

/// The approval a rollback reverses, as the rollback dialog shows it: who decided, when, and on what terms.
public struct ReversedApproval: Hashable, Sendable {
    public var actor: String
    public var decidedAt: Date
    public var line: Money?
    public var leverage: Leverage?
    public var rate: BasisPoints?
    public var priceOverride: BasisPoints?

    public init(actor: String, decidedAt: Date, line: Money?, leverage: Leverage?, rate: BasisPoints?, priceOverride: BasisPoints?) {
        self.actor = actor
        self.decidedAt = decidedAt
        self.line = line
        self.leverage = leverage
        self.rate = rate
        self.priceOverride = priceOverride
    }

    /// "zhao.min 2026-11-26 10:05 UTC: ¥1,200,000 at 1.5×, 7.85% (override +60 bp)".
    public var text: String {
        var terms = [line.map(\.formattedWhole), leverage.map { "at \($0.text)" }].compactMap { $0 }.joined(separator: " ")
        if let rate { terms += (terms.isEmpty ? "" : ", ") + rate.percentText }
        if let priceOverride, priceOverride != .zero { terms += " (override \(priceOverride.signedText))" }
        return "\(actor) \(RollbackRules.minuteText(decidedAt))" + (terms.isEmpty ? "" : ": " + terms)
    }
}

/// What a rollback of one application will reverse, shown before the supervisor confirms it.
public struct RollbackPreview: Equatable, Sendable {
    public var application: Application
    public var customerName: String
    /// The approvals of the cycle being reversed, oldest first (two under four eyes).
    public var approvals: [ReversedApproval]
    /// The customer's margin accounts, named when the application is active (its line is in use there).
    public var accounts: [String]
    /// When the rollback window closes (the last decision plus the window).
    public var windowCloses: Date?
    /// Why it cannot be rolled back by this person now; nil when Enter may write it.
    public var refusal: DecisionError?

    public init(application: Application, customerName: String, approvals: [ReversedApproval], accounts: [String],
                windowCloses: Date?, refusal: DecisionError?) {
        self.application = application
        self.customerName = customerName
        self.approvals = approvals
        self.accounts = accounts
        self.windowCloses = windowCloses
        self.refusal = refusal
    }

    /// The dialog's lines: the stage change, the approvals reversed, the accounts and the time left in the window.
    public func lines(now: Date) -> [String] {
        let app = application
        var out = ["\(app.id) · \(customerName) · \(app.requestedLine.formattedWhole) requested",
                   "stage: \(app.stage.label) → \(Stage.rolledBack.label)"]
        if let line = app.approvedLine {
            let terms = [app.approvedLeverage.map { "at \($0.text)" }, app.approvedRate.map(\.percentText)].compactMap { $0 }
            out.append("approved terms withdrawn: \(line.formattedWhole) " + terms.joined(separator: ", "))
        }
        if approvals.isEmpty { out.append("no approval on record in the current cycle") }
        for approval in approvals { out.append("reverses the approval by " + approval.text) }
        if app.stage == .active, !accounts.isEmpty {
            out.append("active: the line in account \(accounts.joined(separator: ", ")) is withdrawn")
        } else if app.stage == .contract {
            out.append("the contract being prepared is cancelled")
        }
        if let windowCloses {
            let left = windowCloses.timeIntervalSince(now)
            out.append(left >= 0 ? "rollback window: \(RollbackRules.durationText(left)) left (closes \(RollbackRules.minuteText(windowCloses)))"
                                 : "rollback window closed \(RollbackRules.minuteText(windowCloses))")
        }
        out.append("the original decisions stay on record; the rollback is its own audit entry")
        return out
    }
}

/// Who may roll back which application, and when: the pipeline's rollback rules (`Pipeline.decide` with
/// `DecisionKind.rollback`) asked before a dialog opens, in the same order and with the same wording.
public enum RollbackRules {
    /// Stages a decided application can be rolled back from.
    public static let stages: Set<Stage> = [.compliance, .contract, .active]

    /// Why `user` cannot roll back `application` at `now`; nil when the rollback may be asked for (a reason is still required).
    public static func refusal(of application: Application, by user: User, onTrainingData isTraining: Bool,
                               policy: ApprovalPolicy, now: Date) -> DecisionError? {
        if Access.isReadOnly(user.role, onTrainingData: isTraining) { return .readOnly(user: user.name) }
        guard user.may(.rollback, onTrainingData: isTraining) else {
            return .notPermitted(user: user.name, role: user.role, action: DecisionKind.rollback.name)
        }
        if let holder = application.claimHolder(at: now), holder != user.name { return .claimedByOther(holder: holder) }
        guard stages.contains(application.stage) else {
            return .illegalTransition(from: application.stage, action: DecisionKind.rollback.name)
        }
        if let decided = application.decidedAt, now.timeIntervalSince(decided) > policy.rollbackWindow {
            return .rollbackWindowClosed(decidedAt: decided, window: policy.rollbackWindow)
        }
        return nil
    }

    /// The approvals a rollback reverses: those of the current approval cycle, oldest first.
    public static func reversedApprovals(_ history: [PastDecision], decidedAt: [Date], rates: [BasisPoints?]) -> [ReversedApproval] {
        FourEyes.currentCycle(history).indices.compactMap { i in
            let d = history[i]
            guard d.isApproval, decidedAt.indices.contains(i) else { return nil }
            return ReversedApproval(actor: d.actor, decidedAt: decidedAt[i], line: d.line, leverage: d.leverage,
                                    rate: rates.indices.contains(i) ? rates[i] : nil, priceOverride: d.priceOverride)
        }
    }

    /// "5 days", "1 day", "12 h".
    public static func windowText(_ window: TimeInterval) -> String {
        let days = window / 86_400
        if days >= 1, days == days.rounded() { return Int(days) == 1 ? "1 day" : "\(Int(days)) days" }
        return durationText(window)
    }

    /// "3d 4h", "5h 12m", "42m" (whole minutes, never negative).
    public static func durationText(_ interval: TimeInterval) -> String {
        let minutes = Int(max(0, interval.rounded(.down)) / 60)
        let (d, h, m) = (minutes / 1_440, (minutes % 1_440) / 60, minutes % 60)
        if d > 0 { return "\(d)d \(h)h" }
        if h > 0 { return "\(h)h \(m)m" }
        return "\(m)m"
    }

    /// "2026-11-20 14:00 UTC".
    public static func minuteText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
    }
}
