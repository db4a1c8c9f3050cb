import Foundation

/// The approval pipeline's rules: which decisions are legal, for whom, and what they change.
public enum Pipeline {
    /// Checks a decision against the stage, the actor's role and limits, the claim and four eyes,
    /// and returns what it implies. Throws a typed refusal; never changes anything itself.
    public static func decide(_ request: DecisionRequest, in context: DecisionContext) throws(DecisionError) -> DecisionOutcome {
        let app = context.application
        let actor = context.actor
        let training = context.isTrainingData
        let action = request.kind.name

        guard app.version == request.expectedVersion else {
            throw .staleVersion(applicationID: app.id, expected: request.expectedVersion, actual: app.version)
        }
        if Access.isReadOnly(actor.role, onTrainingData: training) { throw .readOnly(user: actor.name) }
        if let holder = app.claimHolder(at: context.now), holder != actor.name {
            throw .claimedByOther(holder: holder)
        }
        let supervisor = actor.actsAsSupervisor(onTrainingData: training)
        let note = request.note.trimmingCharacters(in: .whitespacesAndNewlines)

        func move(_ to: Stage, line: Money? = nil, leverage: Leverage? = nil, summary: String,
                  extra: [String: String] = [:]) throws(DecisionError) -> DecisionOutcome {
            guard app.stage.canMove(to: to) else { throw .illegalTransition(from: app.stage, action: action) }
            var after: [String: String] = ["stage": to.rawValue, "version": String(app.version + 1)]
            if let line { after["line"] = String(line.fen) }
            if let leverage { after["leverage"] = leverage.text }
            after.merge(extra) { $1 }
            let audit = AuditRecord(
                actor: actor.name, action: "decision.\(action)", subject: "application:\(app.id)",
                before: ["stage": app.stage.rawValue, "version": String(app.version)],
                after: after, reason: note)
            return DecisionOutcome(from: app.stage, to: to, approvedLine: line, approvedLeverage: leverage,
                                   audit: audit, summary: summary)
        }

        // Rollback has its own, supervisor-only permission; every other decision needs `decide`.
        let permission: Permission = request.kind == .rollback ? .rollback : .decide
        guard actor.may(permission, onTrainingData: training) else {
            throw .notPermitted(user: actor.name, role: actor.role, action: action)
        }

        switch request.kind {
        case .approve, .approveWithConditions:
            guard app.stage.needsPerson else { throw .illegalTransition(from: app.stage, action: action) }
            let (baseLine, baseLeverage) = app.termsUnderReview
            var line = baseLine
            var leverage = baseLeverage
            if case let .approveWithConditions(newLine, newLeverage) = request.kind {
                guard newLine.fen > 0 else { throw .invalidConditions("the approved line must be above zero") }
                guard newLeverage.hundredths >= 100 else { throw .invalidConditions("leverage must be at least 1.0×") }
                guard newLine <= baseLine, newLeverage <= baseLeverage,
                      newLine < baseLine || newLeverage < baseLeverage else {
                    throw .conditionsNotLower(requested: baseLine, leverage: baseLeverage)
                }
                line = newLine
                leverage = newLeverage
            }
            if app.stage != .manualReview && !supervisor {
                throw .supervisorRequired(action: action, stage: app.stage)
            }
            guard line <= actor.approvalLimit else {
                throw .limitExceeded(user: actor.name, line: line, limit: actor.approvalLimit)
            }
            let override = request.priceOverride ?? .zero
            var extra: [String: String] = [:]
            if override != .zero { extra["price_override_bp"] = String(override.value) }
            if app.stage == .awaitingSecondApproval {
                guard !context.priorApprovers.contains(actor.name) else { throw .fourEyes(user: actor.name) }
                return try move(.compliance, line: line, leverage: leverage,
                                summary: "second approval of \(line.formatted) at \(leverage.text); on to compliance",
                                extra: extra.merging(["approval": "second"]) { $1 })
            }
            let needsSecond = line > context.policy.fourEyesThreshold
                || abs(override.value) > context.policy.maximumUnreviewedOverride.value
            if needsSecond {
                return try move(.awaitingSecondApproval, line: line, leverage: leverage,
                                summary: "approved \(line.formatted) at \(leverage.text); awaiting a second approver",
                                extra: extra.merging(["approval": "first"]) { $1 })
            }
            return try move(.compliance, line: line, leverage: leverage,
                            summary: "approved \(line.formatted) at \(leverage.text); on to compliance",
                            extra: extra.merging(["approval": "sole"]) { $1 })

        case let .reject(reason):
            guard !reason.code.isEmpty else { throw .reasonRequired }
            if app.stage != .manualReview && app.stage.needsPerson && !supervisor {
                throw .supervisorRequired(action: action, stage: app.stage)
            }
            return try move(.rejected, summary: "rejected: \(reason.code) \(reason.text)",
                            extra: ["reason_code": reason.code])

        case .requestInfo:
            guard !note.isEmpty else { throw .noteRequired(action: "requesting information") }
            if app.stage == .escalated && !supervisor { throw .supervisorRequired(action: action, stage: app.stage) }
            return try move(.infoRequested, summary: "information requested from the customer")

        case .escalate:
            guard !note.isEmpty else { throw .noteRequired(action: "escalation") }
            guard app.stage == .manualReview else { throw .illegalTransition(from: app.stage, action: action) }
            return try move(.escalated, summary: "escalated to a supervisor")

        case .rollback:
            guard !note.isEmpty else { throw .noteRequired(action: "a rollback") }
            guard [.compliance, .contract, .active].contains(app.stage) else {
                throw .illegalTransition(from: app.stage, action: action)
            }
            if let decided = app.decidedAt, context.now.timeIntervalSince(decided) > context.policy.rollbackWindow {
                throw .rollbackWindowClosed(decidedAt: decided)
            }
            return try move(.rolledBack, summary: "approval rolled back")

        case .withdraw:
            return try move(.withdrawn, summary: "withdrawn at the customer's request")
        }
    }

    /// Checks a claim: a live claim by someone else blocks it; read-only users cannot claim.
    public static func claim(_ app: Application, by actor: User, isTrainingData: Bool, policy: ApprovalPolicy,
                             now: Date) throws(DecisionError) -> Date {
        if Access.isReadOnly(actor.role, onTrainingData: isTrainingData) { throw .readOnly(user: actor.name) }
        guard actor.may(.claim, onTrainingData: isTrainingData) else {
            throw .notPermitted(user: actor.name, role: actor.role, action: "claim")
        }
        guard app.stage.needsPerson else { throw .illegalTransition(from: app.stage, action: "claim") }
        // Escalated work and second approvals wait for a supervisor; an officer's claim would only block them.
        if app.stage != .manualReview && !actor.actsAsSupervisor(onTrainingData: isTrainingData) {
            throw .supervisorRequired(action: "claim", stage: app.stage)
        }
        if let holder = app.claimHolder(at: now), holder != actor.name { throw .claimedByOther(holder: holder) }
        return now.addingTimeInterval(policy.claimDuration)
    }
}
