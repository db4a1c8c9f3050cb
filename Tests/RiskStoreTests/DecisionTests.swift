import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("Decisions.apply and claims")
struct DecisionTests {
    struct Counts: Equatable {
        var decisions: Int
        var audit: Int
    }

    static func counts(_ store: RiskStore) throws -> Counts {
        Counts(decisions: try store.rowCount("decisions"), audit: try store.rowCount("audit_log"))
    }

    static func request(_ id: String, _ kind: DecisionKind = .approve, by actor: String, version: Int = 1,
                        note: String = "", intent: ApprovalIntent = .first) -> DecisionRequest {
        DecisionRequest(applicationID: id, kind: kind, actor: actor, note: note, expectedVersion: version, intent: intent)
    }

    @Test func officerApprovalWithinLimitMovesToCompliance() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let before = try Self.counts(store)

        let outcome = try store.apply(Self.request(Fixture.small, by: "wang.fang"), at: Fixture.later)
        #expect(outcome.from == .manualReview)
        #expect(outcome.to == .compliance)

        let app = try #require(try store.application(Fixture.small))
        #expect(app.stage == .compliance)
        #expect(app.version == 2)
        #expect(app.approvedLine == Money(yuan: 500_000))
        #expect(app.approvedLeverage == Leverage(hundredths: 200))
        #expect(app.decidedAt == Fixture.later)
        #expect(try Self.counts(store) == Counts(decisions: before.decisions + 1, audit: before.audit + 1))

        let history = try store.decisions(for: Fixture.small)
        #expect(history.count == 1)
        #expect(history.first?.actor == "wang.fang")
        #expect(history.first?.kind == "approve")
        #expect(history.first?.from == .manualReview)
        #expect(history.first?.to == .compliance)
        #expect(history.first?.line == Money(yuan: 500_000))

        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.actor == "wang.fang")
        #expect(entry.record.action == "decision.approve")
        #expect(entry.record.subject == "application:\(Fixture.small)")
        #expect(entry.record.before["stage"] == "manual_review")
        #expect(entry.record.before["version"] == "1")
        #expect(entry.record.after["stage"] == "compliance")
        #expect(entry.record.after["version"] == "2")
        #expect(try store.verifyAuditChain() == .intact(entries: before.audit + 1))

        // The other applications were not touched.
        #expect(try store.application(Fixture.mid)?.version == 1)
    }

    @Test func staleVersionIsRefusedAndWritesNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try store.apply(Self.request(Fixture.claimable, .escalate, by: "wang.fang", note: "check collateral"), at: Fixture.later)
        let before = try Self.counts(store)
        let app = try store.application(Fixture.small)

        for stale in [0, 2, 7] {
            let error = storeError { try store.apply(Self.request(Fixture.small, by: "wang.fang", version: stale), at: Fixture.later) }
            #expect(error == .refused(.staleVersion(applicationID: Fixture.small, expected: stale, actual: 1)))
        }
        #expect(try Self.counts(store) == before)
        #expect(try store.application(Fixture.small) == app)

        // The escalated application is at version 2 now: a decision made against version 1 is refused.
        let error = storeError { try store.apply(Self.request(Fixture.claimable, by: "zhao.min", version: 1), at: Fixture.later) }
        #expect(error == .refused(.staleVersion(applicationID: Fixture.claimable, expected: 1, actual: 2)))
        #expect(try Self.counts(store) == before)
        #expect(try store.application(Fixture.claimable)?.stage == .escalated)
    }

    @Test func officerAboveLimitIsRefusedAndWritesNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let before = try Self.counts(store)
        let app = try store.application(Fixture.mid)

        let error = storeError { try store.apply(Self.request(Fixture.mid, by: "wang.fang"), at: Fixture.later) }
        #expect(error == .refused(.limitExceeded(user: "wang.fang", line: Money(yuan: 1_500_000), limit: Money(yuan: 1_000_000))))
        #expect(error?.description.contains("exceeds") == true)
        #expect(try Self.counts(store) == before)
        #expect(try store.application(Fixture.mid) == app)

        // alice.chen's limit is ¥500,000: even the ¥500,000 application is fine, ¥1.5m is not.
        #expect(storeError { try store.apply(Self.request(Fixture.mid, by: "alice.chen"), at: Fixture.later) }
            == .refused(.limitExceeded(user: "alice.chen", line: Money(yuan: 1_500_000), limit: Money(yuan: 500_000))))
        #expect(try Self.counts(store) == before)
    }

    @Test func fourEyesNeedsASecondDifferentSupervisor() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let start = try Self.counts(store)

        let first = try store.apply(Self.request(Fixture.big, by: "zhao.min"), at: Fixture.later)
        #expect(first.to == .awaitingSecondApproval)
        var app = try #require(try store.application(Fixture.big))
        #expect(app.stage == .awaitingSecondApproval)
        #expect(app.version == 2)
        #expect(try Self.counts(store) == Counts(decisions: start.decisions + 1, audit: start.audit + 1))

        // The same supervisor again: refused, nothing written.
        let afterFirst = try Self.counts(store)
        let again = storeError { try store.apply(Self.request(Fixture.big, by: "zhao.min", version: 2, intent: .second), at: Fixture.later) }
        #expect(again == .refused(.fourEyes(user: "zhao.min")))
        // A different supervisor's plain approve (meant as a first approval) is refused too, naming the first approver.
        let racing = storeError { try store.apply(Self.request(Fixture.big, by: "david.lin", version: 2), at: Fixture.later) }
        #expect(racing == .refused(.alreadyApproved(by: "zhao.min")))
        #expect(try Self.counts(store) == afterFirst)
        #expect(try store.application(Fixture.big) == app)

        // An officer may not give the second approval either.
        let officer = storeError { try store.apply(Self.request(Fixture.big, by: "wang.fang", version: 2, intent: .second), at: Fixture.later) }
        #expect(officer != nil)
        #expect(try Self.counts(store) == afterFirst)

        // A different supervisor completes it.
        let second = try store.apply(Self.request(Fixture.big, by: "david.lin", version: 2, intent: .second), at: Fixture.later)
        #expect(second.to == .compliance)
        app = try #require(try store.application(Fixture.big))
        #expect(app.stage == .compliance)
        #expect(app.version == 3)
        #expect(try store.decisions(for: Fixture.big).map(\.actor) == ["zhao.min", "david.lin"])
        #expect(try Self.counts(store) == Counts(decisions: afterFirst.decisions + 1, audit: afterFirst.audit + 1))
        #expect(try store.verifyAuditChain().isIntact)
    }

    /// The second approver confirms the first approver's terms; a plain "approve" must not restore the requested line.
    @Test func secondApprovalKeepsTheFirstApproversConditions() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let conditions = DecisionKind.approveWithConditions(line: Money(yuan: 2_000_000), leverage: Leverage(hundredths: 150))
        let first = try store.apply(Self.request(Fixture.big, conditions, by: "zhao.min"), at: Fixture.later)
        #expect(first.to == .awaitingSecondApproval)
        #expect(try store.application(Fixture.big)?.approvedLine == Money(yuan: 2_000_000))

        try store.apply(Self.request(Fixture.big, by: "david.lin", version: 2, intent: .second), at: Fixture.later)
        let app = try #require(try store.application(Fixture.big))
        #expect(app.stage == .compliance)
        #expect(app.approvedLine == Money(yuan: 2_000_000),
                "second approval replaced the first approver's ¥2,000,000 with the requested \(app.requestedLine.formatted) (approved: \(app.approvedLine?.formatted ?? "nil"))")
        #expect(app.approvedLeverage == Leverage(hundredths: 150))
    }

    @Test func claimBlocksOthersUntilReleased() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let start = try Self.counts(store)

        let claimed = try store.claim(Fixture.claimable, by: "wang.fang", at: Fixture.later)
        #expect(claimed.claimedBy == "wang.fang")
        #expect(try store.application(Fixture.claimable)?.claimHolder(at: Fixture.later) == "wang.fang")
        #expect(try store.rowCount("audit_log") == start.audit + 1)
        #expect(try store.application(Fixture.claimable)?.version == 1, "a claim is not a decision")

        // Another officer can neither decide nor claim nor release it.
        let afterClaim = try Self.counts(store)
        #expect(storeError { try store.apply(Self.request(Fixture.claimable, by: "li.na"), at: Fixture.later) }
            == .refused(.claimedByOther(holder: "wang.fang")))
        #expect(storeError { try store.claim(Fixture.claimable, by: "li.na", at: Fixture.later) }
            == .refused(.claimedByOther(holder: "wang.fang")))
        #expect(storeError { try store.releaseClaim(Fixture.claimable, by: "li.na", at: Fixture.later) }
            == .refused(.claimedByOther(holder: "wang.fang")))
        #expect(try Self.counts(store) == afterClaim)

        // Released by its holder, the other officer's decision goes through.
        try store.releaseClaim(Fixture.claimable, by: "wang.fang", at: Fixture.later)
        #expect(try store.application(Fixture.claimable)?.claimedBy == nil)
        #expect(try store.rowCount("audit_log") == afterClaim.audit + 1)
        let outcome = try store.apply(Self.request(Fixture.claimable, by: "li.na"), at: Fixture.later)
        #expect(outcome.to == .compliance)
        #expect(try store.verifyAuditChain() == .intact(entries: afterClaim.audit + 2))
    }

    @Test func claimExpiresAndDecisionReleasesIt() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try store.claim(Fixture.small, by: "wang.fang", at: Fixture.later)
        // The holder's own decision is allowed and ends the claim.
        try store.apply(Self.request(Fixture.small, by: "wang.fang"), at: Fixture.later.addingTimeInterval(60))
        let app = try #require(try store.application(Fixture.small))
        #expect(app.claimedBy == nil)
        #expect(app.claimExpiresAt == nil)

        // Thirty minutes (the default claim) later another officer is no longer blocked.
        try store.claim(Fixture.claimable, by: "wang.fang", at: Fixture.later)
        let afterExpiry = Fixture.later.addingTimeInterval(31 * 60)
        #expect(try store.apply(Self.request(Fixture.claimable, by: "li.na"), at: afterExpiry).to == .compliance)
    }

    @Test func addNoteIsAudited() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let start = try Self.counts(store)
        try store.addNote(Fixture.small, by: "wang.fang", text: "  客户来电：资产证明明天补交  \n", at: Fixture.later)
        #expect(try Self.counts(store) == Counts(decisions: start.decisions + 1, audit: start.audit + 1))
        let note = try #require(try store.decisions(for: Fixture.small).last)
        #expect(note.kind == "note")
        #expect(note.note == "客户来电：资产证明明天补交")
        #expect(note.from == .manualReview && note.to == .manualReview)
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.record.action == "application.note")
        #expect(entry.record.reason == "客户来电：资产证明明天补交")
        #expect(entry.record.actor == "wang.fang")
        let app = try #require(try store.application(Fixture.small))
        #expect(app.version == 1 && app.stage == .manualReview)

        // Empty notes, auditors and unknown applications are refused without writing.
        let afterNote = try Self.counts(store)
        #expect(storeError { try store.addNote(Fixture.small, by: "wang.fang", text: " \n ", at: Fixture.later) }
            == .invalidInput("a note cannot be empty"))
        guard case .refused(.notPermitted(user: "zhou.qiang", role: .auditor, _))? =
                storeError({ try store.addNote(Fixture.small, by: "zhou.qiang", text: "x", at: Fixture.later) }) else {
            Issue.record("an auditor's note should be refused")
            return
        }
        #expect(storeError { try store.addNote("APP-NOPE", by: "wang.fang", text: "x", at: Fixture.later) }
            == .refused(.unknownApplication("APP-NOPE")))
        #expect(try Self.counts(store) == afterNote)
    }

    @Test func auditorAndUnknownUsersAreRefused() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let start = try Self.counts(store)
        #expect(storeError { try store.apply(Self.request(Fixture.small, by: "zhou.qiang"), at: Fixture.later) }
            == .refused(.readOnly(user: "zhou.qiang")))
        #expect(storeError { try store.claim(Fixture.small, by: "zhou.qiang", at: Fixture.later) }
            == .refused(.readOnly(user: "zhou.qiang")))
        // A trainer on a database that is not training data writes nothing either.
        #expect(storeError { try store.apply(Self.request(Fixture.small, by: "trainer"), at: Fixture.later) }
            == .refused(.readOnly(user: "trainer")))
        #expect(storeError { try store.apply(Self.request(Fixture.small, by: "mallory"), at: Fixture.later) }
            == .refused(.unknownUser("mallory")))
        #expect(storeError { try store.apply(Self.request("APP-NOPE", by: "wang.fang"), at: Fixture.later) }
            == .refused(.unknownApplication("APP-NOPE")))
        #expect(try Self.counts(store) == start)
        #expect(try store.application(Fixture.small)?.version == 1)
    }

    @Test func rejectRecordsTheReasonCode() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let reason = try #require(ReasonCode.rejectionReasons.first { $0.code == "R03" })
        try store.apply(Self.request(Fixture.mid, .reject(reason), by: "wang.fang"), at: Fixture.later)
        #expect(try store.application(Fixture.mid)?.stage == .rejected)
        #expect(try store.decisions(for: Fixture.mid).last?.reasonCode == "R03")
        #expect(try store.auditTail(count: 1).first?.record.after["reason_code"] == "R03")
        // A terminal application accepts no further decision.
        #expect(storeError { try store.apply(Self.request(Fixture.mid, by: "zhao.min", version: 2), at: Fixture.later) } != nil)
    }

    @Test func detailOfAnApplication() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        try store.addNote(Fixture.small, by: "wang.fang", text: "first look", at: Fixture.later)
        let detail = try #require(try store.detail(of: Fixture.small))
        #expect(detail.application.id == Fixture.small)
        #expect(detail.customer.id == "C000001")
        #expect(detail.customer.name == "张伟")
        #expect(detail.decisions.map(\.note) == ["first look"])
        #expect(Set(detail.previousApplications.map(\.id)) == [Fixture.mid, Fixture.big, Fixture.claimable])
        #expect(try store.detail(of: "APP-NOPE") == nil)
    }
}
