import Foundation
import RiskCore
import Testing

@Suite("audit anchors, chain rules and replay rules")
struct AuditReplayTests {
    static let hash = String(repeating: "0123456789abcdef", count: 4)

    @Test func anchorParsing() {
        #expect(AuditAnchor(parsing: "2005:\(Self.hash)") == AuditAnchor(sequence: 2005, hash: Self.hash))
        #expect(AuditAnchor(parsing: " 7:\(Self.hash.uppercased()) ")?.hash == Self.hash)
        #expect(AuditAnchor(sequence: 12, hash: Self.hash).text == "12:\(Self.hash)")
        for bad in ["", "2005", ":\(Self.hash)", "0:\(Self.hash)", "-1:\(Self.hash)", "+5:\(Self.hash)", "5:\(Self.hash.dropLast())",
                    "5:\(Self.hash)0", "5:\(Self.hash.dropLast())g", "5:\(Self.hash):1", "99999999999999999999:\(Self.hash)",
                    "٣:\(Self.hash)", "5 :\(Self.hash)"] {
            #expect(AuditAnchor(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("encoding 1 only before the first encoding-2 entry, and never with a login")
    func encodingOrder() {
        #expect(AuditChainRules.encodingProblem(.v1, login: "", firstVersion2: nil) == nil)
        #expect(AuditChainRules.encodingProblem(.v2, login: "wfang", firstVersion2: 4) == nil)
        #expect(AuditChainRules.encodingProblem(.v1, login: "", firstVersion2: 4)
            == "it claims encoding 1 after entry 4 switched to encoding 2 (relabelled to exploit the old encoding)")
        #expect(AuditChainRules.encodingProblem(.v1, login: "root", firstVersion2: nil)
            == "it has a login, which encoding 1 does not cover (edited)")
    }

    @Test("an anchor: the entry with its number must carry its hash, and the chain must reach it")
    func anchorRules() {
        let anchor = AuditAnchor(sequence: 6, hash: Self.hash)
        let other = String(repeating: "f", count: 64)
        #expect(AuditChainRules.anchorProblem(anchor, entry: AuditAnchor(sequence: 6, hash: Self.hash)) == nil)
        #expect(AuditChainRules.anchorProblem(anchor, entry: AuditAnchor(sequence: 5, hash: other)) == nil)
        #expect(AuditChainRules.anchorProblem(anchor, entry: AuditAnchor(sequence: 6, hash: other))?.contains("differs from the anchor") == true)
        #expect(AuditChainRules.anchorProblem(anchor, chainEnd: 6) == nil)
        #expect(AuditChainRules.anchorProblem(anchor, chainEnd: 9) == nil)
        #expect(AuditChainRules.anchorProblem(anchor, chainEnd: 4)?.sequence == 5)
    }

    static let approval = AuditRecord(actor: "zhao.min", action: "decision.approve-with", subject: "application:APP-000042",
                                      before: ["stage": "manual_review", "version": "1"],
                                      after: ["stage": "awaiting_second_approval", "version": "2", "line": "150000000",
                                              "leverage": "2.0×", "approval": "first", "price_override_bp": "60"],
                                      reason: "collateral checked")

    @Test func decisionEntriesStandForRows() {
        #expect(AuditReplay.applicationID(of: Self.approval) == "APP-000042")
        #expect(AuditReplay.applicationID(of: AuditRecord(actor: "a", action: "b", subject: "alert:3")) == nil)
        #expect(AuditReplay.applicationID(of: AuditRecord(actor: "a", action: "b", subject: "application:")) == nil)
        let state = AuditReplay.state(after: Self.approval)
        #expect(state.stage == "awaiting_second_approval" && state.version == "2")
        #expect(AuditReplay.recordedDecision(Self.approval)
            == DecisionTrace(kind: "approve-with", actor: "zhao.min", from: "manual_review", to: "awaiting_second_approval",
                             line: "150000000", leverage: "2.0×", priceOverride: "60", note: "collateral checked"))
        let note = AuditRecord(actor: "li.na", action: "application.note", subject: "application:APP-000042", reason: "called")
        #expect(AuditReplay.recordedDecision(note) == DecisionTrace(kind: "note", actor: "li.na", from: nil, to: nil, note: "called"))
        #expect(AuditReplay.recordedDecision(AuditRecord(actor: "a", action: "application.claim", subject: "application:X")) == nil)
    }

    @Test("a row that matches its entry has no differences; every edited field is named")
    func differences() throws {
        let recorded = try #require(AuditReplay.recordedDecision(Self.approval))
        let row = DecisionTrace(row: "approve-with", actor: "zhao.min", from: "manual_review", to: "awaiting_second_approval",
                                lineFen: 150_000_000, leverageHundredths: 200, reasonCode: nil, priceOverrideBP: 60,
                                note: "  collateral checked\n")
        #expect(AuditReplay.differences(row: row, recorded: recorded).isEmpty)

        var forged = row
        forged.actor = "david.lin"
        forged.line = "1500000000"  // the line ×10
        #expect(AuditReplay.differences(row: forged, recorded: recorded) == [
            "actor david.lin in the table, zhao.min in the audit log",
            "line (fen) 1500000000 in the table, 150000000 in the audit log",
        ])
        var others = row
        others.kind = "approve"
        others.to = "compliance"
        others.leverage = "3.0×"
        others.reasonCode = "R01"
        others.priceOverride = nil
        others.note = "something else"
        #expect(AuditReplay.differences(row: others, recorded: recorded).count == 6)
    }

    @Test("a zero price override is no override; a note's stage is not compared")
    func normalisation() {
        let row = DecisionTrace(row: "reject", actor: "li.na", from: "manual_review", to: "rejected", lineFen: nil,
                                leverageHundredths: nil, reasonCode: "R02", priceOverrideBP: 0, note: "")
        let recorded = DecisionTrace(kind: "reject", actor: "li.na", from: "manual_review", to: "rejected", reasonCode: "R02")
        #expect(AuditReplay.differences(row: row, recorded: recorded).isEmpty)
        let noteRow = DecisionTrace(row: "note", actor: "li.na", from: "escalated", to: "escalated", lineFen: nil,
                                    leverageHundredths: nil, reasonCode: nil, priceOverrideBP: nil, note: "called the client")
        let noteEntry = DecisionTrace(kind: "note", actor: "li.na", from: nil, to: nil, note: "called the client")
        #expect(AuditReplay.differences(row: noteRow, recorded: noteEntry).isEmpty)
    }
}
