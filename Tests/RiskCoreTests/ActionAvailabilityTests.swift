import Foundation
@testable import RiskCore
import Testing

/// Who may take which desk action on what, before any dialog opens; the same rules as the pipeline.
@Suite("Action availability")
struct ActionAvailabilityTests {
    let now = Fixture.now
    let decisions: [DeskAction] = [.approve, .approveWithConditions, .reject, .requestInfo, .escalate]

    func reason(_ action: DeskAction, _ user: User, training: Bool = false, _ app: Application?,
                alert: AlertState? = nil) -> ActionUnavailable? {
        ActionAvailability.reason(action, by: user, onTrainingData: training, application: app, alertState: alert, now: now)
    }

    @Test("an auditor can take no desk action, on any stage; the reason is the role, so it is permanent")
    func auditorNever() {
        for action in DeskAction.allCases {
            let r = reason(action, Fixture.auditor, Fixture.application(), alert: .open)
            #expect(r == .refused(.readOnly(user: "ada")), "\(action)")
            #expect(r?.isPermanent == true)
            #expect(ActionAvailability.roleReason(action, by: Fixture.auditor, onTrainingData: true) == .refused(.readOnly(user: "ada")))
        }
    }

    @Test("a trainer is read-only on live data and acts as a supervisor on training data")
    func trainer() {
        let escalated = Fixture.application(stage: .escalated)
        #expect(reason(.approve, Fixture.trainer, training: false, escalated) == .refused(.readOnly(user: "tina")))
        #expect(reason(.approve, Fixture.trainer, training: true, escalated) == nil)
        #expect(reason(.acknowledge, Fixture.trainer, training: true, nil, alert: .open) == nil)
    }

    @Test("an officer may decide in manual review within the limit; approve above it names the limit, conditions stay open")
    func officerLimit() {
        let small = Fixture.application(line: Money(yuan: 400_000))
        for action in decisions { #expect(reason(action, Fixture.officer, small) == nil, "\(action)") }
        let big = Fixture.application(line: Money(yuan: 800_000))
        let refusal = reason(.approve, Fixture.officer, big)
        #expect(refusal == .refused(.limitExceeded(user: "olga", line: Money(yuan: 800_000), limit: Money(yuan: 500_000))))
        #expect(refusal?.isPermanent == false)
        #expect(refusal?.description == "¥800,000.00 exceeds olga's approval limit of ¥500,000.00: escalate to a supervisor")
        #expect(reason(.approveWithConditions, Fixture.officer, big) == nil, "a lower line can still be approved")
        #expect(reason(.escalate, Fixture.officer, big) == nil)
    }

    @Test("escalated work and second approvals wait for a supervisor; escalate only from manual review")
    func supervisorStages() {
        let escalated = Fixture.application(stage: .escalated)
        #expect(reason(.approve, Fixture.officer, escalated) == .refused(.supervisorRequired(action: "approve", stage: .escalated)))
        #expect(reason(.reject, Fixture.officer, escalated) == .refused(.supervisorRequired(action: "reject", stage: .escalated)))
        #expect(reason(.requestInfo, Fixture.officer, escalated) == .refused(.supervisorRequired(action: "request-info", stage: .escalated)))
        #expect(reason(.escalate, Fixture.supervisor, escalated) == .refused(.illegalTransition(from: .escalated, action: "escalate")))
        #expect(reason(.approve, Fixture.supervisor, escalated) == nil)
        let second = Fixture.application(stage: .awaitingSecondApproval)
        #expect(reason(.approve, Fixture.officer, second) == .refused(.supervisorRequired(action: "approve", stage: .awaitingSecondApproval)))
        #expect(reason(.requestInfo, Fixture.supervisor, second) == .refused(.illegalTransition(from: .awaitingSecondApproval, action: "request-info")))
        #expect(reason(.escalate, Fixture.supervisor, second)?.description == "cannot escalate an application in 2nd approval")
        #expect(reason(.reject, Fixture.supervisor, second) == nil)
    }

    @Test("a stage that needs no person cannot be claimed, so no decision opens there")
    func stagesWithoutPerson() {
        for stage in Stage.allCases where !stage.needsPerson {
            let app = Fixture.application(stage: stage)
            for action in decisions {
                #expect(reason(action, Fixture.supervisor, app) == .refused(.illegalTransition(from: stage, action: action.name)),
                        "\(action) in \(stage)")
            }
            #expect(reason(.note, Fixture.supervisor, app) == nil, "a note goes on any application")
        }
    }

    @Test("someone else's live claim blocks decisions but not notes; an expired claim blocks nothing")
    func claims() {
        let held = Fixture.application(claimedBy: "sue", claimExpiresAt: now.addingTimeInterval(600))
        for action in decisions {
            #expect(reason(action, Fixture.officer, held) == .refused(.claimedByOther(holder: "sue")), "\(action)")
        }
        #expect(reason(.note, Fixture.officer, held) == nil)
        #expect(reason(.release, Fixture.officer, held) == .refused(.claimedByOther(holder: "sue")))
        #expect(reason(.release, Fixture.supervisor, held) == nil, "a supervisor may reassign")
        let mine = Fixture.application(claimedBy: "olga", claimExpiresAt: now.addingTimeInterval(600))
        #expect(reason(.approve, Fixture.officer, mine) == nil)
        #expect(reason(.release, Fixture.officer, mine) == nil)
        let expired = Fixture.application(claimedBy: "sue", claimExpiresAt: now.addingTimeInterval(-1))
        #expect(reason(.approve, Fixture.officer, expired) == nil)
        #expect(reason(.release, Fixture.officer, expired) == .notClaimed(applicationID: "APP-000123"))
    }

    @Test("nothing selected: queue actions need an application, acknowledge needs an open alert")
    func selection() {
        for action in DeskAction.allCases where action != .acknowledge {
            #expect(reason(action, Fixture.officer, nil) == .noApplication, "\(action)")
        }
        #expect(reason(.acknowledge, Fixture.officer, nil) == .noAlert)
        #expect(reason(.acknowledge, Fixture.officer, nil, alert: .open) == nil)
        let done = reason(.acknowledge, Fixture.officer, nil, alert: .acknowledged)
        #expect(done == .alertNotOpen(state: .acknowledged))
        #expect(done?.description == "the alert is acknowledged, not open: only an open alert can be acknowledged")
    }

    /// The way around: a key that is available must not lead to a claim or decision the pipeline refuses,
    /// and a key that is refused must be one the pipeline would refuse too.
    @Test("availability agrees with Pipeline.claim + Pipeline.decide for every role, stage, claim and decision")
    func agreesWithPipeline() {
        let policy = ApprovalPolicy()
        let users = [Fixture.officer, Fixture.supervisor, Fixture.auditor, Fixture.trainer]
        let claims: [String?] = [nil, "self", "other"]
        for user in users {
            for training in [false, true] {
                for stage in Stage.allCases {
                    for holder in claims {
                        for line in [Money(yuan: 300_000), Money(yuan: 900_000)] {
                            let claimant = holder == "self" ? user.name : holder == "other" ? "someone.else" : nil
                            let app = Fixture.application(line: line, stage: stage, approvedLine: stage == .awaitingSecondApproval ? line : nil,
                                                          approvedLeverage: stage == .awaitingSecondApproval ? Leverage(hundredths: 250) : nil,
                                                          claimedBy: claimant, claimExpiresAt: claimant.map { _ in now.addingTimeInterval(600) })
                            // A second approval confirms someone's first one; here "first.approver" proposed it.
                            let history = stage == .awaitingSecondApproval
                                ? [PastDecision(actor: "first.approver", kind: "approve", from: .manualReview, to: .awaitingSecondApproval)] : []
                            for action in decisions {
                                let kind: DecisionKind = switch action {
                                case .approve: .approve
                                case .approveWithConditions: .approveWithConditions(line: Money(yuan: 100_000), leverage: Leverage(hundredths: 150))
                                case .reject: .reject(ReasonCode.rejectionReasons[0])
                                case .requestInfo: .requestInfo
                                default: .escalate
                                }
                                let pipelineAllows: Bool = {
                                    do {
                                        _ = try Pipeline.claim(app, by: user, isTrainingData: training, policy: policy, now: now)
                                        _ = try Pipeline.decide(
                                            DecisionRequest(applicationID: app.id, kind: kind, actor: user.name, note: "because", expectedVersion: app.version,
                                                            intent: stage == .awaitingSecondApproval ? .second : .first),
                                            in: DecisionContext(application: app, actor: user, history: history,
                                                                isTrainingData: training, policy: policy, now: now))
                                        return true
                                    } catch { return false }
                                }()
                                let available = ActionAvailability.reason(action, by: user, onTrainingData: training, application: app,
                                                                          history: history, now: now) == nil
                                #expect(available == pipelineAllows,
                                        "\(user.role) training=\(training) \(stage) claim=\(holder ?? "none") \(line) \(action)")
                            }
                        }
                    }
                }
            }
        }
    }
}

@Suite("Note limit")
struct NoteTests {
    @Test("a note of up to 2,000 characters passes, trimmed; one more is refused with both figures")
    func limit() throws {
        #expect(Note.maximumLength == 2_000)
        #expect(try Note.validated("  call the client \n") == "call the client")
        let full = String(repeating: "张", count: 2_000)
        #expect(try Note.validated(full).count == 2_000, "a CJK character counts once")
        #expect(throws: NoteError.tooLong(length: 2_001, maximum: 2_000)) { try Note.validated(full + "a") }
        #expect(NoteError.tooLong(length: 2_001, maximum: 2_000).description
                == "a note may hold at most 2,000 characters; this one has 2,001")
        #expect(try Note.validated("   ") == "")
        // Whitespace around a long note does not count against it.
        #expect(try Note.validated("  " + full + "\n").count == 2_000)
    }

    @Test("numbers are grouped by thousands in every locale")
    func grouping() {
        #expect(Note.grouped(0) == "0")
        #expect(Note.grouped(999) == "999")
        #expect(Note.grouped(2_000) == "2,000")
        #expect(Note.grouped(1_000_000) == "1,000,000")
        #expect(Note.grouped(-12_345) == "-12,345")
        #expect(Note.limitReachedMessage == "note limit 2,000 characters reached")
    }
}
