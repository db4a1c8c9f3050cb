import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// The approve dialog says before Enter when four eyes apply, and a second approver sees the first approver's terms.
@Suite("Four eyes in the dialogs")
struct FourEyesDialogTests {
    @Test("approving above the four-eyes threshold says a second approver must confirm, then the second approval confirms the first approver's terms")
    func secondApproverSeesFirstTerms() throws {
        let desk = try DeskHarness(user: "zhao.min")
        // ¥1,000,000 is the sample's four-eyes threshold; pick a free application above it and within ¥20,000,000.
        let row = try desk.freeManualReviewRow { $0 > Money(yuan: 1_000_000) && $0 <= Money(yuan: 20_000_000) }
        desk.goTo(row.application.id)

        // First approval with conditions: 80% of the line (still above the threshold).
        desk.press(.character("c"))
        let firstLine = Money(fen: row.application.requestedLine.fen / 100 * 80)  // 80% in whole yuan
        #expect(desk.screen.contains("Approve \(row.application.id) with conditions"))
        for _ in 0..<20 { desk.press(.backspace) }
        desk.type(String(firstLine.fen / 100))
        // The reason comes from the same core function that routes the approval.
        let reason = try #require(FourEyes.reason(line: firstLine, priceOverride: .zero, policy: ApprovalPolicy()))
        #expect(desk.state.dialog?.summary.hasSuffix("— \(reason): then a second approver must confirm (four eyes)") == true)
        // The long summary is wrapped inside the dialog, never cut: its last words are on screen.
        #expect(desk.screen.contains("confirm (four eyes)"))
        desk.press(.enter)
        let afterFirst = try #require(try desk.store.application(row.application.id))
        #expect(afterFirst.stage == .awaitingSecondApproval)
        #expect(afterFirst.approvedLine == firstLine)

        // A different supervisor opens the same application: the dialog shows the first approver's line, not the request.
        let second = try DeskHarness(user: "david.lin", sharing: desk.path)
        second.command("goto \(row.application.id)")
        second.press(.character("a"))
        let summary = try #require(second.state.dialog?.summary)
        #expect(summary.hasPrefix("approve \(firstLine.formattedWhole) at "))
        #expect(summary.hasSuffix("— second approval (four eyes) of zhao.min's proposal"), "\(summary)")
        second.press(.enter)
        let done = try #require(try second.store.application(row.application.id))
        #expect(done.stage == .compliance)
        #expect(done.approvedLine == firstLine)
    }
}

@Suite("Decisions the stage cannot take")
struct StageGuardTests {
    @Test("escalating or requesting information on an application awaiting second approval is refused before any claim")
    func noClaimForImpossibleDecision() throws {
        let desk = try DeskHarness(user: "zhao.min")
        let row = try #require(try desk.wholeQueue(filter: QueueFilter(stages: [.awaitingSecondApproval])).first {
            $0.application.claimHolder(at: desk.now) == nil
        })
        desk.command("goto \(row.application.id)")
        let audit = try desk.auditCount()
        for key: Character in ["e", "i"] {
            desk.press(.character(key))
            #expect(desk.state.dialog == nil)
            #expect(desk.statusLine.contains("cannot \(key == "e" ? "escalate" : "request-info") an application in 2nd approval"))
        }
        #expect(try desk.auditCount() == audit)  // no claim was taken
    }
}
