import Foundation
import Testing
@testable import RiskCore

@Suite struct ModelActionAvailabilityTests {
    typealias F = Fixture

    func selection(_ status: ModelStatus, hasCard: Bool = true, hasPrevious: Bool = true,
                   pending: PendingModelSwitch? = nil) -> ModelSelection {
        ModelSelection(version: "sc-abc", target: "default_12m", status: status, hasCard: hasCard, hasChampion: true,
                       hasPreviousChampion: hasPrevious, pending: pending)
    }

    func refusal(_ action: ModelAction, _ user: User, training: Bool = false, _ s: ModelSelection?) -> ModelActionRefusal? {
        ModelActionAvailability.refusal(action, by: user, onTrainingData: training, selection: s)
    }

    func refusal(_ action: ModelAction, _ s: ModelSelection?) -> ModelActionRefusal? {
        ModelActionAvailability.refusal(action, by: F.supervisor, onTrainingData: false, selection: s)
    }

    @Test func aSupervisorMayTakeEachStepWhereTheLifecycleAllowsIt() {
        #expect(refusal(.makeChallenger, selection(.candidate)) == nil)
        #expect(refusal(.proposePromotion, selection(.challenger)) == nil)
        #expect(refusal(.proposeRollback, selection(.champion)) == nil)
        let pending = PendingModelSwitch(isRollback: false, version: "sc-abc", proposedBy: F.supervisor2.name)
        #expect(refusal(.approve, selection(.challenger, pending: pending)) == nil)
        #expect(refusal(.withdraw, selection(.challenger, pending: pending)) == nil)
    }

    @Test func officersAndAuditorsNeverSeeTheKeys() {
        for action in ModelAction.allCases {
            let officer = refusal(action, F.officer, selection(.challenger))
            #expect(officer?.isPermanent == true)
            #expect(officer?.description == "supervisors only: olga (officer) may not \(action.label)")
            #expect(refusal(action, F.auditor, selection(.challenger))?.description == "ada (auditor) is read-only here: nothing is written")
            // A trainer acts as a supervisor on training data only.
            #expect(refusal(action, F.trainer, training: false, selection(.challenger))?.isPermanent == true)
        }
        #expect(refusal(.proposePromotion, F.trainer, training: true, selection(.challenger)) == nil)
    }

    @Test func fourEyesTheProposerCannotApproveTheirOwnProposal() {
        let mine = PendingModelSwitch(isRollback: true, version: "sc-old", proposedBy: F.supervisor.name)
        let r = refusal(.approve, selection(.champion, pending: mine))
        #expect(r?.description == "four eyes: you proposed it; a different supervisor must approve")
        #expect(r?.isPermanent == false)
        // The way around it: the same person under the trainer's persona on real data is refused by role first.
        let trainerSam = User(name: "sam", displayName: "Sam", role: .trainer, approvalLimit: F.supervisor.approvalLimit)
        #expect(refusal(.approve, trainerSam, training: false, selection(.champion, pending: mine))?.isPermanent == true)
        // …and on training data the name still decides: the same name is the same person.
        #expect(refusal(.approve, trainerSam, training: true, selection(.champion, pending: mine))?.description
                == "four eyes: you proposed it; a different supervisor must approve")
        // Withdrawing one's own proposal is allowed.
        #expect(refusal(.withdraw, selection(.champion, pending: mine)) == nil)
    }

    @Test func theLifecycleOrderCannotBeSkipped() {
        // A candidate cannot be proposed for champion without first being a challenger.
        #expect(refusal(.proposePromotion, selection(.candidate))?.description
                == "sc-abc is candidate: only a challenger is proposed for champion (c makes a candidate challenger)")
        #expect(refusal(.makeChallenger, selection(.champion))?.description == "sc-abc is champion: only a candidate becomes challenger")
        #expect(refusal(.makeChallenger, selection(.retired))?.isPermanent == false)
        #expect(refusal(.makeChallenger, selection(.candidate, hasCard: false))?.description
                == "sc-abc has no card (a version from before cards were data): it cannot be scored with")
        #expect(refusal(.proposeRollback, selection(.champion, hasPrevious: false))?.description
                == "default_12m has no previous champion with a card to roll back to")
    }

    @Test func oneProposalWaitsPerTarget() {
        let waiting = PendingModelSwitch(isRollback: false, version: "sc-new", proposedBy: "sue")
        #expect(refusal(.proposePromotion, selection(.challenger, pending: waiting))?.description
                == "a promotion to sc-new by sue is already waiting for default_12m: approve (a) or withdraw (w) it first")
        #expect(refusal(.proposeRollback, selection(.champion, pending: waiting)) != nil)
        #expect(refusal(.approve, selection(.champion))?.description == "no promotion or rollback is waiting for default_12m")
        #expect(refusal(.withdraw, selection(.champion)) != nil)
        #expect(refusal(.approve, nil)?.description == "no model version selected")
    }
}
