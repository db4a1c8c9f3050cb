import Foundation
import Testing
@testable import RiskCore

@Suite("Masking")
struct MaskingTests {
    @Test("phone keeps the first three and last four digits")
    func phone() {
        #expect(Masking.phone("13812342210") == "138****2210")
        #expect(Masking.phone("138-1234-2210") == "138****2210")  // separators dropped first
        #expect(Masking.phone("1234567") == "*****67")            // 7 digits: 5 stars + last 2
    }

    @Test("national ID keeps only the first and last characters")
    func nationalID() {
        // 18 characters -> 1 + 16 stars + 1
        #expect(Masking.nationalID("110101199003074518") == "1****************8")
        #expect(Masking.nationalID("AB") == "**")
    }

    @Test("customer exposes masked values")
    func customerMasked() {
        let c = Fixture.customer()
        #expect(c.maskedPhone == "138****2210")
        #expect(c.maskedNationalID == "1****************8")
    }
}

@Suite("Stage")
struct StageTests {
    @Test("legal transitions of the happy path")
    func happyPath() {
        let path: [Stage] = [.submitted, .prescreen, .assessment, .manualReview, .compliance, .contract, .active]
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(from.canMove(to: to), "\(from) -> \(to)")
        }
        #expect(Stage.assessment.canMove(to: .compliance))           // straight-through
        #expect(Stage.infoRequested.canMove(to: .prescreen))         // customer answered
        #expect(Stage.manualReview.canMove(to: .escalated))
        #expect(Stage.escalated.canMove(to: .awaitingSecondApproval))
        #expect(Stage.awaitingSecondApproval.canMove(to: .compliance))
        #expect(Stage.compliance.canMove(to: .rolledBack))
        #expect(Stage.active.canMove(to: .rolledBack))
    }

    @Test("illegal transitions are refused")
    func illegal() {
        #expect(!Stage.manualReview.canMove(to: .active))
        #expect(!Stage.submitted.canMove(to: .assessment))           // cannot skip prescreen
        #expect(!Stage.active.canMove(to: .withdrawn))
        #expect(!Stage.awaitingSecondApproval.canMove(to: .infoRequested))
        #expect(!Stage.contract.canMove(to: .rejected))
        #expect(Stage.active.successors == [.rolledBack])
    }

    @Test("terminal stages have no successors")
    func terminal() {
        for stage in [Stage.rejected, .withdrawn, .rolledBack] {
            #expect(stage.isTerminal)
            #expect(stage.successors.isEmpty)
            for other in Stage.allCases { #expect(!stage.canMove(to: other)) }
        }
        #expect(!Stage.infoRequested.isTerminal)
        #expect(Stage.allCases.filter(\.isTerminal).count == 3)
    }

    @Test("only manual review, escalated and second approval need a person")
    func needsPerson() {
        #expect(Set(Stage.allCases.filter(\.needsPerson)) == [.manualReview, .escalated, .awaitingSecondApproval])
    }

    @Test("Stage(name:) accepts raw values, labels and short forms")
    func parsing() {
        #expect(Stage(name: "manual_review") == .manualReview)
        #expect(Stage(name: "manual-review") == .manualReview)
        #expect(Stage(name: "Manual Review") == .manualReview)
        #expect(Stage(name: "review") == .manualReview)
        #expect(Stage(name: "2nd approval") == .awaitingSecondApproval)  // the label round-trips
        #expect(Stage(name: "second") == .awaitingSecondApproval)
        #expect(Stage(name: "info") == .infoRequested)
        #expect(Stage(name: "info requested") == .infoRequested)
        #expect(Stage(name: "rollback") == .rolledBack)
        #expect(Stage(name: "ROLLED_BACK") == .rolledBack)
        #expect(Stage(name: "active") == .active)
        #expect(Stage(name: "approved") == nil)
        #expect(Stage(name: "") == nil)
        for stage in Stage.allCases { #expect(Stage(name: stage.label) == stage, "label \(stage.label)") }
    }
}

@Suite("Grade, Suitability, Access, reference data")
struct ReferenceTests {
    @Test("grade boundaries by PD")
    func gradeBoundaries() {
        #expect(Grade(probabilityOfDefault: 0.0099) == .a)
        #expect(Grade(probabilityOfDefault: 0.01) == .b)
        #expect(Grade(probabilityOfDefault: 0.0249) == .b)
        #expect(Grade(probabilityOfDefault: 0.025) == .c)
        #expect(Grade(probabilityOfDefault: 0.0499) == .c)
        #expect(Grade(probabilityOfDefault: 0.05) == .d)
        #expect(Grade(probabilityOfDefault: 0.0999) == .d)
        #expect(Grade(probabilityOfDefault: 0.10) == .e)
        #expect(Grade(probabilityOfDefault: 0.6) == .e)
        #expect(Grade.a < Grade.b && Grade.d < Grade.e)
        #expect(Grade(letter: "c") == .c)
        #expect(Grade(letter: "F") == nil)
        // each representative PD sits inside its own grade
        for g in Grade.allCases { #expect(Grade(probabilityOfDefault: g.representativePD) == g) }
    }

    @Test("suitability labels and ordering")
    func suitability() {
        #expect(Suitability(label: "c3") == .c3)
        #expect(Suitability(label: "C5") == .c5)
        #expect(Suitability(label: "C6") == nil)
        #expect(Suitability(label: "C") == nil)
        #expect(Suitability.c2 < .c3)
        #expect(Suitability.c4.label == "C4")
    }

    @Test("role table")
    func access() {
        #expect(Access.allows(.officer, .decide, onTrainingData: false))
        #expect(Access.allows(.officer, .acknowledgeAlert, onTrainingData: false))
        #expect(!Access.allows(.officer, .rollback, onTrainingData: false))
        #expect(!Access.allows(.officer, .secondApproval, onTrainingData: false))
        #expect(!Access.allows(.officer, .revealPII, onTrainingData: false))
        for p in Permission.allCases { #expect(Access.allows(.supervisor, p, onTrainingData: false)) }
        #expect(Access.allows(.auditor, .verifyAudit, onTrainingData: false))
        #expect(!Access.allows(.auditor, .decide, onTrainingData: true))
        #expect(Access.allows(.trainer, .rollback, onTrainingData: true))
        #expect(!Access.allows(.trainer, .decide, onTrainingData: false))
        #expect(Access.allows(.trainer, .readAll, onTrainingData: false))
        #expect(Access.isReadOnly(.auditor, onTrainingData: true))
        #expect(Access.isReadOnly(.trainer, onTrainingData: false))
        #expect(!Access.isReadOnly(.trainer, onTrainingData: true))
        #expect(!Access.isReadOnly(.officer, onTrainingData: false))
        #expect(Fixture.trainer.actsAsSupervisor(onTrainingData: true))
        #expect(!Fixture.trainer.actsAsSupervisor(onTrainingData: false))
        #expect(!Fixture.officer.actsAsSupervisor(onTrainingData: true))
    }

    @Test("rejection reason codes are looked up case-insensitively")
    func reasonCodes() {
        #expect(ReasonCode.rejectionReasons.count == 8)
        #expect(ReasonCode.rejection("r03")?.text == "Portfolio is too concentrated in one holding")
        #expect(ReasonCode.rejection("R99") == nil)
    }

    @Test("claim holder is the claimant only while the claim lives")
    func claimHolder() {
        let now = Fixture.now
        let app = Fixture.application(claimedBy: "sue", claimExpiresAt: now.addingTimeInterval(60))
        #expect(app.claimHolder(at: now) == "sue")
        #expect(app.claimHolder(at: now.addingTimeInterval(60)) == nil)   // expiry is exclusive
        #expect(app.slaRemaining(at: now) == 86_400)
    }

    @Test("KYC validity needs status valid and an expiry after the date")
    func kyc() {
        let now = Fixture.now
        #expect(Fixture.customer(kycExpiry: now.addingTimeInterval(1)).hasValidKYC(on: now))
        #expect(!Fixture.customer(kycExpiry: now).hasValidKYC(on: now))
        #expect(!Fixture.customer(kyc: .pending).hasValidKYC(on: now))
    }
}

@Suite("AuditRecord")
struct AuditRecordTests {
    @Test("canonical fields sort keys and escape separators")
    func canonicalFields() {
        // keys sorted a, b; "=" inside a value escaped as "\="
        #expect(AuditRecord.canonical(["b": "2", "a": "x=y"]) == #"{a=x\=y;b=2}"#)
        #expect(AuditRecord.canonical([:]) == "{}")
    }

    @Test("encoding 1 (entries before schema v2) has a fixed field order joined by |")
    func canonicalEncoding() {
        let r = AuditRecord(actor: "ann", action: "decision.approve", subject: "application:APP-1",
                            before: ["stage": "manual_review"], after: [:], reason: "ok|fine")
        // each field escaped once more, so the "=" of the field map becomes "\="; "|" in the reason becomes "\|"
        #expect(r.canonicalEncoding(sequence: 7, timestamp: "2026-01-01T00:00:00Z", encoding: .v1)
                == #"7|2026-01-01T00:00:00Z|ann|decision.approve|application:APP-1|{stage\=manual_review}|{}|ok\|fine"#)
        // a different reason changes the encoding (it is covered by the hash chain)
        var other = r
        other.reason = "ok"
        #expect(other.canonicalEncoding(sequence: 7, timestamp: "t") != r.canonicalEncoding(sequence: 7, timestamp: "t"))
    }
}
