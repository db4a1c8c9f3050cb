import Foundation
@testable import RiskCore
import Testing

/// The lifecycle rules, each tried the way someone getting around it would.
@Suite struct ModelLifecycleRulesTests {
    static let t = Date(timeIntervalSince1970: 1_767_225_600)

    static func facts(_ version: String, _ status: ModelStatus, target: String = "default_12m", card: Bool = true,
                      promoted: Double? = nil, retired: Double? = nil) -> ModelVersionFacts {
        ModelVersionFacts(version: version, target: target, status: status, hasCard: card,
                          promotedAt: promoted.map { t.addingTimeInterval($0) }, retiredAt: retired.map { t.addingTimeInterval($0) })
    }

    static let registry = [
        facts("sc-old", .retired, card: true, promoted: -200, retired: -100),
        facts("sc-older", .retired, card: true, promoted: -400, retired: -200),
        facts("sc-2025.2", .retired, card: false, promoted: nil, retired: -50),
        facts("sc-champ", .champion, promoted: -100),
        facts("sc-chal", .challenger),
        facts("sc-cand", .candidate),
    ]

    static func proposal(by proposer: String = "sam", logins: Set<String> = ["sam-login"], replaces: String? = "sc-champ",
                         version: String = "sc-chal", rollback: Bool = false, pending: Bool = true) -> ModelSwitchFacts {
        ModelSwitchFacts(id: 7, isRollback: rollback, version: version, target: "default_12m", replaces: replaces,
                         proposedBy: proposer, proposerLogins: logins, isPending: pending, state: pending ? "pending" : "approved")
    }

    @Test func officersAndAuditorsMayDoNoneOfIt() {
        for user in [Fixture.officer, Fixture.auditor, Fixture.trainer] {
            #expect(throws: ModelLifecycleError.self) {
                try ModelLifecycleRules.proposePromotion(Self.facts("sc-chal", .challenger), by: user, reason: "better AUC",
                                                         pending: nil, onTrainingData: false)
            }
            #expect(throws: ModelLifecycleError.self) {
                try ModelLifecycleRules.approve(Self.proposal(), by: user, login: "x", userLogins: [], registry: Self.registry,
                                                onTrainingData: false)
            }
        }
        #expect(throws: ModelLifecycleError.notPermitted(user: "olga", role: .officer, action: "propose a rollback")) {
            try ModelLifecycleRules.proposeRollback(target: "default_12m", by: Fixture.officer, reason: "drift",
                                                    registry: Self.registry, pending: nil, onTrainingData: false)
        }
        #expect(throws: ModelLifecycleError.readOnly(user: "ada")) {
            try ModelLifecycleRules.withdraw(Self.proposal(), by: Fixture.auditor, reason: "no", onTrainingData: false)
        }
    }

    @Test func aTrainerActsAsASupervisorOnlyOnTrainingData() throws {
        let reason = try ModelLifecycleRules.proposePromotion(Self.facts("sc-chal", .challenger), by: Fixture.trainer,
                                                              reason: "  demo  ", pending: nil, onTrainingData: true)
        #expect(reason == "demo")
        #expect(throws: ModelLifecycleError.readOnly(user: "tina")) {
            try ModelLifecycleRules.proposePromotion(Self.facts("sc-chal", .challenger), by: Fixture.trainer, reason: "demo",
                                                     pending: nil, onTrainingData: false)
        }
    }

    @Test func promotingACandidateThatNeverWasAChallengerIsRefused() {
        #expect(throws: ModelLifecycleError.wrongStatus(version: "sc-cand", status: .candidate, action: "proposed for champion",
                                                        needed: .challenger)) {
            try ModelLifecycleRules.proposePromotion(Self.facts("sc-cand", .candidate), by: Fixture.supervisor, reason: "r",
                                                     pending: nil, onTrainingData: false)
        }
        #expect(throws: ModelLifecycleError.reasonRequired(action: "propose a champion")) {
            try ModelLifecycleRules.proposePromotion(Self.facts("sc-chal", .challenger), by: Fixture.supervisor, reason: " \n",
                                                     pending: nil, onTrainingData: false)
        }
        // A second proposal for a target with one pending.
        #expect(throws: ModelLifecycleError.proposalPending(target: "default_12m", id: 7, proposedBy: "sam")) {
            try ModelLifecycleRules.proposePromotion(Self.facts("sc-chal", .challenger), by: Fixture.supervisor2, reason: "r",
                                                     pending: Self.proposal(), onTrainingData: false)
        }
    }

    @Test func rollbackReturnsToTheMostRecentlyRetiredChampionWithACard() throws {
        // sc-2025.2 retired last but has no card and never was promoted in the registry: sc-old is the one.
        let plan = try ModelLifecycleRules.proposeRollback(target: "default_12m", by: Fixture.supervisor, reason: "PSI 0.31",
                                                           registry: Self.registry, pending: nil, onTrainingData: false)
        #expect(plan.to == "sc-old")
        #expect(plan.from == "sc-champ")
        // A retired candidate that never was champion does not count.
        let neverChampion = [Self.facts("sc-champ", .champion, promoted: -10), Self.facts("sc-x", .retired, retired: -5)]
        #expect(throws: ModelLifecycleError.noPreviousChampion(target: "default_12m")) {
            try ModelLifecycleRules.proposeRollback(target: "default_12m", by: Fixture.supervisor, reason: "r",
                                                    registry: neverChampion, pending: nil, onTrainingData: false)
        }
        // Another target's retired champion is not this target's previous champion.
        #expect(ModelLifecycleRules.previousChampion(of: "margin_call_30d", in: Self.registry) == nil)
    }

    @Test func theProposerCannotApproveUnderTheirOwnNameNorAnotherNameOfTheirLogin() throws {
        #expect(throws: ModelLifecycleError.fourEyes(user: "sam", proposer: "sam", detail: "the same user")) {
            try ModelLifecycleRules.approve(Self.proposal(), by: Fixture.supervisor, login: "sam-login", userLogins: [],
                                            registry: Self.registry, onTrainingData: false)
        }
        // The proposer typed another supervisor's name: the login behind both names is the same person.
        #expect(throws: ModelLifecycleError.fourEyes(user: "sue", proposer: "sam",
                                                     detail: "both names are used by the login 'sam-login': one person")) {
            try ModelLifecycleRules.approve(Self.proposal(), by: Fixture.supervisor2, login: "sam-login", userLogins: ["sue-login"],
                                            registry: Self.registry, onTrainingData: false)
        }
        // A login mapped to both names, approving from a third login, is still one person.
        #expect(throws: ModelLifecycleError.self) {
            try ModelLifecycleRules.approve(Self.proposal(logins: ["shared"]), by: Fixture.supervisor2, login: "other",
                                            userLogins: ["shared"], registry: Self.registry, onTrainingData: false)
        }
        // A different person, from a different login: approved.
        try ModelLifecycleRules.approve(Self.proposal(), by: Fixture.supervisor2, login: "sue-login", userLogins: ["sue-login"],
                                        registry: Self.registry, onTrainingData: false)
        // On training data a trainer's personas count as the people they stand for: names are compared.
        try ModelLifecycleRules.approve(Self.proposal(), by: Fixture.supervisor2, login: "sam-login", userLogins: [],
                                        registry: Self.registry, onTrainingData: true)
        #expect(throws: ModelLifecycleError.self) {
            try ModelLifecycleRules.approve(Self.proposal(by: "tina"), by: Fixture.trainer, login: "t", userLogins: [],
                                            registry: Self.registry, onTrainingData: true)
        }
    }

    @Test func approvingAStaleProposalIsRefusedAsSuperseded() {
        // Proposed when sc-old was champion; sc-champ is now.
        #expect(throws: ModelLifecycleError.superseded(
            id: 7, detail: "the champion of default_12m is now sc-champ, not sc-old as when proposed")) {
            try ModelLifecycleRules.approve(Self.proposal(replaces: "sc-old"), by: Fixture.supervisor2, login: "sue-login",
                                            userLogins: [], registry: Self.registry, onTrainingData: false)
        }
        // The card to promote went back to candidate (another challenger replaced it).
        #expect(ModelLifecycleRules.staleness(Self.proposal(version: "sc-cand"), registry: Self.registry)
            == "sc-cand is no longer the challenger (it is a candidate)")
        // A decided proposal is not pending.
        #expect(throws: ModelLifecycleError.proposalNotPending(id: 7, state: "approved")) {
            try ModelLifecycleRules.approve(Self.proposal(pending: false), by: Fixture.supervisor2, login: "sue-login",
                                            userLogins: [], registry: Self.registry, onTrainingData: false)
        }
        // A rollback proposal holds while its version is still the previous champion.
        #expect(ModelLifecycleRules.staleness(Self.proposal(version: "sc-old", rollback: true), registry: Self.registry) == nil)
        #expect(ModelLifecycleRules.staleness(Self.proposal(version: "sc-older", rollback: true), registry: Self.registry)
            == "sc-older is no longer the previous champion of default_12m")
    }

    @Test func aCardWithAnUnknownFeatureOrTargetCannotBecomeAChallenger() throws {
        var card = Scorecard.standard
        card.characteristics[0].feature = "zodiac_sign"
        card.version = card.contentVersion
        #expect(throws: ModelLifecycleError.unknownFeatures(version: card.version, features: ["zodiac_sign"])) {
            try ModelLifecycleRules.challenge(Self.facts(card.version, .candidate), card: card, by: Fixture.supervisor,
                                              reason: "r", registry: Self.registry, onTrainingData: false)
        }
        var csv = Scorecard.standard
        csv.target = ModelTarget(code: "status=charged_off", description: "a CSV column")
        csv.version = csv.contentVersion
        #expect(throws: ModelLifecycleError.notDeskTarget(version: csv.version, target: "status=charged_off")) {
            try ModelLifecycleRules.challenge(Self.facts(csv.version, .candidate), card: csv, by: Fixture.supervisor,
                                              reason: "r", registry: Self.registry, onTrainingData: false)
        }
        // Making a challenger of a challenger, or of a card-less version, is refused.
        #expect(throws: ModelLifecycleError.self) {
            try ModelLifecycleRules.challenge(Self.facts("sc-chal", .challenger), card: .standard, by: Fixture.supervisor,
                                              reason: "r", registry: Self.registry, onTrainingData: false)
        }
        #expect(throws: ModelLifecycleError.noCard(version: "sc-cand")) {
            try ModelLifecycleRules.challenge(Self.facts("sc-cand", .candidate), card: nil, by: Fixture.supervisor,
                                              reason: "r", registry: Self.registry, onTrainingData: false)
        }
        // A good candidate replaces the challenger in place, which goes back to candidate.
        let result = try ModelLifecycleRules.challenge(Self.facts("sc-cand", .candidate), card: .standard, by: Fixture.supervisor,
                                                       reason: "r", registry: Self.registry, onTrainingData: false)
        #expect(result.replaced == "sc-chal")
    }

    @Test func withdrawNeedsAReasonAndAPendingProposal() throws {
        #expect(try ModelLifecycleRules.withdraw(Self.proposal(), by: Fixture.supervisor2, reason: "not now", onTrainingData: false)
            == "not now")
        #expect(throws: ModelLifecycleError.reasonRequired(action: "withdraw a proposal")) {
            try ModelLifecycleRules.withdraw(Self.proposal(), by: Fixture.supervisor, reason: "", onTrainingData: false)
        }
        #expect(throws: ModelLifecycleError.proposalNotPending(id: 7, state: "approved")) {
            try ModelLifecycleRules.withdraw(Self.proposal(pending: false), by: Fixture.supervisor, reason: "r", onTrainingData: false)
        }
    }

    @Test func anImportedCardMustCarryItsContentHashUnlessItIsTheShippedDefault() throws {
        // Edited and renamed to a hand-written-looking name: the hash check of the file format does not apply, this does.
        var renamed = Scorecard.standard
        renamed.basePoints = 520
        renamed.version = "sc-2026.2"
        #expect(throws: ModelLifecycleError.notContentAddressed(version: "sc-2026.2", contentVersion: renamed.contentVersion)) {
            try ModelLifecycleRules.importCard(renamed, by: Fixture.supervisor, existing: false, onTrainingData: false)
        }
        try ModelLifecycleRules.importCard(.standard, by: Fixture.supervisor, existing: false, onTrainingData: false)
        renamed.version = renamed.contentVersion
        try ModelLifecycleRules.importCard(renamed, by: Fixture.supervisor, existing: false, onTrainingData: false)
        #expect(throws: ModelLifecycleError.alreadyImported(version: renamed.version)) {
            try ModelLifecycleRules.importCard(renamed, by: Fixture.supervisor, existing: true, onTrainingData: false)
        }
    }
}
