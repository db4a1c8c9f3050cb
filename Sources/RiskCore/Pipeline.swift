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
        let note: String
        do throws(NoteError) { note = try Note.validated(request.note) } catch {
            switch error { case let .tooLong(length, maximum): throw .noteTooLong(length: length, maximum: maximum) }
        }

        /// Once an application has left the officers' manual review (escalated, approved once, in compliance or
        /// later), only a supervisor may move it: an officer must not undo what a supervisor decided.
        func requireSupervisorAfterReview() throws(DecisionError) {
            let officersStages: Set<Stage> = [.submitted, .prescreen, .assessment, .manualReview, .infoRequested]
            let approvedInCycle = !FourEyes.approvers(context.history).isEmpty
            if (!officersStages.contains(app.stage) || approvedInCycle) && !supervisor {
                throw .supervisorRequired(action: action, stage: app.stage)
            }
        }

        func move(_ to: Stage, line: Money? = nil, leverage: Leverage? = nil, rate: BasisPoints? = nil,
                  override: BasisPoints? = nil, summary: String, extra: [String: String] = [:]) throws(DecisionError) -> DecisionOutcome {
            guard app.stage.canMove(to: to) else { throw .illegalTransition(from: app.stage, action: action) }
            var after: [String: String] = ["stage": to.rawValue, "version": String(app.version + 1)]
            if let line { after["line"] = String(line.fen) }
            if let leverage { after["leverage"] = leverage.text }
            if let rate { after["rate_bp"] = String(rate.value) }
            if let override, override != .zero { after["price_override_bp"] = String(override.value) }
            after.merge(extra) { $1 }
            let audit = AuditRecord(
                actor: actor.name, action: "decision.\(action)", subject: "application:\(app.id)",
                before: ["stage": app.stage.rawValue, "version": String(app.version)],
                after: after, reason: note)
            return DecisionOutcome(from: app.stage, to: to, approvedLine: line, approvedLeverage: leverage,
                                   approvedRate: rate, priceOverride: override, audit: audit, summary: summary)
        }

        // Rollback has its own, supervisor-only permission; every other decision needs `decide`.
        let permission: Permission = request.kind == .rollback ? .rollback : .decide
        guard actor.may(permission, onTrainingData: training) else {
            throw .notPermitted(user: actor.name, role: actor.role, action: action)
        }

        switch request.kind {
        case .approve, .approveWithConditions:
            guard app.stage.needsPerson else { throw .illegalTransition(from: app.stage, action: action) }
            if app.stage != .manualReview && !supervisor {
                throw .supervisorRequired(action: action, stage: app.stage)
            }
            let pending = app.stage == .awaitingSecondApproval ? FourEyes.pendingProposal(context.history) : nil
            // A second approval must be named, and a named one needs a first approval to confirm.
            if app.stage == .awaitingSecondApproval && request.intent != .second {
                throw .alreadyApproved(by: pending?.actor ?? "another approver")
            }
            if app.stage != .awaitingSecondApproval && request.intent == .second {
                throw .nothingToConfirm(stage: app.stage)
            }
            // Waiting for a second approval with no first one on record: nobody can be shown to be a second person.
            if app.stage == .awaitingSecondApproval && pending == nil {
                throw .nothingToConfirm(stage: app.stage)
            }
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
            guard line <= actor.approvalLimit else {
                throw .limitExceeded(user: actor.name, line: line, limit: actor.approvalLimit)
            }
            // The override: bounded, applied to the one stored quote, and the resulting rate within floor and cap.
            // On a second approval, none given means the first approver's stands.
            let override = request.priceOverride ?? pending?.priceOverride ?? .zero
            guard context.policy.maximumOverride.contains(override) else {
                throw .overrideOutOfRange(override, limit: context.policy.maximumOverride)
            }
            var rate = app.quotedRate
            if override != .zero {
                guard let quoted = app.quotedRate else { throw .noQuote(applicationID: app.id) }
                let overridden = quoted + override
                guard context.rateBounds.contains(overridden) else {
                    throw .rateOutOfBounds(rate: overridden, floor: context.rateBounds.lowerBound, cap: context.rateBounds.upperBound)
                }
                rate = overridden
            }
            let rateText = rate.map { ", \($0.percentText)/yr" } ?? ""

            if let pending {
                // Four eyes: whoever proposed the terms now under review cannot confirm them.
                guard pending.actor != actor.name else { throw .fourEyes(user: actor.name) }
                let changedPrice = override != (pending.priceOverride ?? .zero)
                if changedPrice, let reason = FourEyes.reason(line: .zero, priceOverride: override, policy: context.policy) {
                    // A new price beyond what one person may set is a new proposal: a supervisor other than this one confirms it.
                    return try move(.awaitingSecondApproval, line: line, leverage: leverage, rate: rate, override: override,
                                    summary: "re-proposed \(line.formatted) at \(leverage.text)\(rateText); awaiting a supervisor other than \(actor.name) (\(reason))",
                                    extra: ["approval": "re-proposed"])
                }
                return try move(.compliance, line: line, leverage: leverage, rate: rate, override: override,
                                summary: "second approval of \(line.formatted) at \(leverage.text)\(rateText); on to compliance",
                                extra: ["approval": "second"])
            }
            if let reason = FourEyes.reason(line: line, priceOverride: override, policy: context.policy) {
                return try move(.awaitingSecondApproval, line: line, leverage: leverage, rate: rate, override: override,
                                summary: "approved \(line.formatted) at \(leverage.text)\(rateText); awaiting a second approver (\(reason))",
                                extra: ["approval": "first"])
            }
            return try move(.compliance, line: line, leverage: leverage, rate: rate, override: override,
                            summary: "approved \(line.formatted) at \(leverage.text)\(rateText); on to compliance",
                            extra: ["approval": "sole"])

        case let .reject(reason):
            guard !reason.code.isEmpty else { throw .reasonRequired }
            // People reject from the review stages, or (supervisors) from compliance's manual queue; the
            // automatic stages reject through their own checks, never through a person's key.
            guard app.stage.needsPerson || app.stage == .compliance else {
                throw .illegalTransition(from: app.stage, action: action)
            }
            try requireSupervisorAfterReview()
            return try move(.rejected, summary: "rejected: \(reason.code) \(reason.text)",
                            extra: ["reason_code": reason.code])

        case .requestInfo:
            guard !note.isEmpty else { throw .noteRequired(action: "requesting information") }
            try requireSupervisorAfterReview()
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
                throw .rollbackWindowClosed(decidedAt: decided, window: context.policy.rollbackWindow)
            }
            return try move(.rolledBack, summary: "approval rolled back")

        case .withdraw:
            try requireSupervisorAfterReview()
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
