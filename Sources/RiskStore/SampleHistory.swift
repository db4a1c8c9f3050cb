import Foundation
import GRDB
import RiskCore

/// One step of a generated application's history: a person's decision, or an automatic stage after compliance.
enum SampleStep {
    case decide(User, DecisionKind, note: String)
    case advance(to: Stage, reason: String)
}

/// A step as it happened: what to write to `decisions` (for a person's decision) and to the audit log.
struct SampleHistoryEntry {
    var request: DecisionRequest?
    var outcome: DecisionOutcome?
    var audit: AuditRecord
    var at: Date
}

/// Decision histories made through `Pipeline.decide` with the sample's users, so each is legal by construction:
/// an officer approves only within their limit (else escalates first), a line above the four-eyes threshold gets a
/// first approval and then a second from a different supervisor before compliance.
extension Generation {

    /// The steps that take an application from manual review to `stage` (none when it never reached a person).
    mutating func steps(toward stage: Stage, app: Application, account: MarginSnapshot, officers: [User],
                        supervisors: [User], policy: ScreeningPolicy, approvalPolicy: ApprovalPolicy) -> [SampleStep] {
        let officer = random.pick(officers)
        let first = random.pick(supervisors)
        let second = supervisors.first { $0.name != first.name } ?? first
        let escalation = "above my limit; please review collateral"

        /// One approval of `line`, by the officer when within their limit, else escalated to a supervisor.
        func approval(_ kind: DecisionKind, line: Money, bySupervisor: Bool) -> [SampleStep] {
            if !bySupervisor && line <= officer.approvalLimit { return [.decide(officer, kind, note: "")] }
            return (random.chance(0.5) ? [] : [.decide(officer, .escalate, note: escalation)]) + [.decide(first, kind, note: "")]
        }

        switch stage {
        case .escalated:
            return [.decide(officer, .escalate, note: escalation)]
        case .awaitingSecondApproval, .compliance, .contract, .active, .rolledBack:
            var kind = DecisionKind.approve
            var line = app.requestedLine
            // Conditions: 70% of the line (a quarter of the time), or the supervisors' limit when the line is above it,
            // in ¥10,000 steps, at the leverage that line gives.
            let limit = Money(yuan: first.approvalLimit.fen / 100 / 10_000 * 10_000)
            let conditioned = line > limit ? limit
                : (stage != .awaitingSecondApproval && random.chance(0.25)
                   ? Money(yuan: max(10_000, line.scaled(by: 0.7).fen / 100 / 10_000 * 10_000)) : line)
            if conditioned < line, let leverage = account.leverage(afterFinancing: conditioned), leverage <= app.requestedLeverage {
                kind = .approveWithConditions(line: conditioned, leverage: leverage)
                line = conditioned
            }
            if stage == .awaitingSecondApproval { return approval(kind, line: line, bySupervisor: true) }
            var steps: [SampleStep]
            if line > approvalPolicy.fourEyesThreshold {
                steps = approval(kind, line: line, bySupervisor: true) + [.decide(second, .approve, note: "")]
            } else {
                steps = approval(kind, line: line, bySupervisor: false)
            }
            switch stage {
            case .contract:
                steps.append(.advance(to: .contract, reason: "compliance checks passed"))
            case .active:
                steps.append(.advance(to: .contract, reason: "compliance checks passed"))
                steps.append(.advance(to: .active, reason: "contract signed; funds released"))
            case .rolledBack:
                steps.append(.decide(random.pick(supervisors), .rollback, note: "collateral found pledged elsewhere"))
            default:
                break
            }
            return steps
        case .rejected:
            let reason = random.pick(["R01", "R02", "R03", "R06", "R08"])
            let code = ReasonCode.rejectionReasons.first { $0.code == reason } ?? ReasonCode(code: reason, text: "")
            return [.decide(officer, .reject(code), note: "")]
        case .infoRequested:
            return [.decide(officer, .requestInfo, note: "please provide proof of assets held elsewhere")]
        case .withdrawn:
            return [.decide(officer, .withdraw, note: "the customer withdrew the application")]
        default:
            return []
        }
    }

    /// Runs the steps through the pipeline, updating `app` as the store would, and returns what to record.
    /// A refusal means the generator built an illegal history: it is thrown, never written.
    func replay(_ steps: [SampleStep], on app: inout Application, policy: ApprovalPolicy,
                from start: Date) throws -> [SampleHistoryEntry] {
        var entries: [SampleHistoryEntry] = []
        var at = min(start, now)
        var history: [PastDecision] = []
        for step in steps {
            switch step {
            case let .decide(actor, kind, note):
                // A second approval is always named, as the console and `decide --second` name it.
                let request = DecisionRequest(applicationID: app.id, kind: kind, actor: actor.name, note: note,
                                              expectedVersion: app.version,
                                              intent: app.stage == .awaitingSecondApproval ? .second : .first)
                let context = DecisionContext(application: app, actor: actor, history: history,
                                              isTrainingData: options.isTrainingData, policy: policy, now: at)
                let outcome: DecisionOutcome
                do throws(DecisionError) { outcome = try Pipeline.decide(request, in: context) } catch {
                    throw StoreError.invalidInput("sample history of \(app.id) is illegal: \(error)")
                }
                app.stage = outcome.to
                app.version += 1
                app.approvedLine = outcome.approvedLine ?? app.approvedLine
                app.approvedLeverage = outcome.approvedLeverage ?? app.approvedLeverage
                app.approvedRate = outcome.approvedRate ?? app.approvedRate
                if kind.isApproval { app.decidedAt = at }
                history.append(PastDecision(actor: actor.name, kind: kind.name, from: outcome.from, to: outcome.to,
                                            line: outcome.approvedLine, leverage: outcome.approvedLeverage,
                                            priceOverride: outcome.priceOverride))
                app.claimedBy = nil
                app.claimExpiresAt = nil
                entries.append(SampleHistoryEntry(request: request, outcome: outcome, audit: outcome.audit, at: at))
            case let .advance(stage, reason):
                guard app.stage.canMove(to: stage) else {
                    throw StoreError.invalidInput("sample history of \(app.id) cannot move from \(app.stage.rawValue) to \(stage.rawValue)")
                }
                let audit = AuditRecord(actor: "system", action: "application.advance", subject: "application:\(app.id)",
                                        before: ["stage": app.stage.rawValue, "version": String(app.version)],
                                        after: ["stage": stage.rawValue, "version": String(app.version + 1)], reason: reason)
                app.stage = stage
                app.version += 1
                entries.append(SampleHistoryEntry(request: nil, outcome: nil, audit: audit, at: at))
            }
            at = min(at.addingTimeInterval(1_800), now)
        }
        return entries
    }

    /// Writes a history entry as `RiskStore.apply` does: the decision row (for a person's decision) and the audit entry.
    mutating func record(_ entry: SampleHistoryEntry, app: Application) throws {
        if let request = entry.request, let outcome = entry.outcome {
            try RiskStore.insertDecision(request, outcome, at: entry.at, db)
            try chain.append(outcome.audit, at: entry.at)
        } else {
            try chain.append(entry.audit, at: entry.at)
        }
    }
}
