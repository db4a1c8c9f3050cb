import Foundation
import Testing
@testable import RiskCore

/// Three pending applications priced by hand with the default parameters (funding 250, LGD 45%, operating 80,
/// capital 8% × hurdle 12% × (1 + (lev − 1) × 0.5), floor 450, cap 1200, fee 10):
/// - APP-A: PD 1%, 1.0×: 250 + 45 + 80 + 96 = 471 bp
/// - APP-B: PD 5%, 1.5×: 250 + 225 + 80 + 120 = 675 bp
/// - APP-C: PD 0%, 1.0×, loyal 40 months: 250 + 0 + 80 + 96 − 25 = 401 → floor 450 bp
private let pending = [
    PendingPricing(applicationID: "APP-A", input: PricingInput(probabilityOfDefault: 0.01, leverage: Leverage(hundredths: 100)),
                   currentRate: BasisPoints(471), currentFee: BasisPoints(10)),
    PendingPricing(applicationID: "APP-B", input: PricingInput(probabilityOfDefault: 0.05, leverage: Leverage(hundredths: 150)),
                   currentRate: BasisPoints(675), currentFee: BasisPoints(10)),
    PendingPricing(applicationID: "APP-C", input: PricingInput(probabilityOfDefault: 0, leverage: Leverage(hundredths: 100), tenureMonths: 40),
                   currentRate: BasisPoints(450), currentFee: BasisPoints(10)),
]

private func edit(_ name: String, _ value: String, from parameters: PricingParameters = PricingParameters()) throws -> PricingEdit {
    try PricingEdit.make(name, to: value, from: parameters).get()
}

@Suite("Pricing change: preview and exact re-pricing")
struct PricingChangeTests {
    @Test func aFloorRaiseMovesOnlyTheQuotesUnderTheNewFloor() throws {
        let plan = PricingChange.plan(try edit("floor", "500"), pending: pending, sentiment: 0, maximumLeverage: Leverage(hundredths: 170))
        let preview = plan.preview
        #expect(preview.changeText == "floor_bp 450 → 500 bp")
        #expect(preview.pendingCount == 3)
        #expect(preview.changedCount == 2)   // B at 675 stays
        #expect(plan.repriced.map(\.move.applicationID) == ["APP-A", "APP-C"])
        #expect(plan.repriced.map(\.quote.rate) == [BasisPoints(500), BasisPoints(500)])
        // C rises 50 bp (450 → 500), A 29 bp (471 → 500): largest first
        #expect(preview.largestUp.map(\.text) == ["APP-C 4.50% → 5.00%", "APP-A 4.71% → 5.00%"])
        #expect(preview.largestDown.isEmpty)
        #expect(preview.quotesText == "2 of 3 pending quotes change; largest: APP-C 4.50% → 5.00%, APP-A 4.71% → 5.00%")
        // Grade A (PD 0.5%, EL 23 bp) prices 454, 463, 473, 480 bp at 1.10×, 1.30×, 1.50×, 1.65×: all under 500.
        // Grade B (EL 79 bp) starts at 510: untouched.
        #expect(preview.changedCells.map(\.grade) == [.a, .a, .a, .a])
        #expect(preview.changedCells.map(\.old.value) == [454, 463, 473, 480])
        #expect(preview.changedCells.allSatisfy { $0.new.value == 500 })
        #expect(preview.bandLabels == ["≤1.2×", "1.2–1.4×", "1.4–1.6×", "1.6–1.7×"])
        #expect(preview.newTable[1][0].value == 510)
    }

    @Test func aQuoteThatMerelyDriftedIsNotRepricedByAnUnrelatedChange() throws {
        // APP-B holds 690 bp from when its inputs were different (today's inputs price it at 675 under either floor);
        // a floor raise to 500 does not touch its price, so it is not re-quoted behind the person's back.
        var drifted = pending
        drifted[1].currentRate = BasisPoints(690)
        let plan = PricingChange.plan(try edit("floor", "500"), pending: drifted, sentiment: 0, maximumLeverage: Leverage(hundredths: 170))
        #expect(plan.repriced.map(\.move.applicationID) == ["APP-A", "APP-C"])
        // A funding rise does move it: from the 690 it holds to today's 675 + 50 = 725.
        let funding = PricingChange.plan(try edit("funding", "300"), pending: drifted, sentiment: 0, maximumLeverage: Leverage(hundredths: 170))
        #expect(funding.repriced.first { $0.move.applicationID == "APP-B" }.map { $0.move.text } == "APP-B 6.90% → 7.25%")
        // The preview says why APP-B moves by more than the 50 bp the change adds.
        #expect(plan.preview.driftedCount == 0)
        #expect(funding.preview.driftedCount == 1)
        #expect(funding.preview.quotesText.hasPrefix(
            "3 of 3 pending quotes change (1 quoted on inputs that have moved since also catches up with today's); largest: "))
    }

    @Test func aFundingRiseMovesEveryQuoteAndTiesGoByID() throws {
        let plan = PricingChange.plan(try edit("funding", "300"), pending: pending, sentiment: 0, maximumLeverage: Leverage(hundredths: 170))
        // A 521 (+50), B 725 (+50), C 451 (+1: 401 + 50 is just over the floor)
        #expect(plan.repriced.map(\.quote.rate.value) == [521, 725, 451])
        #expect(plan.preview.largestUp.map(\.applicationID) == ["APP-A", "APP-B", "APP-C"])
        #expect(plan.preview.largestUp.map(\.delta.value) == [50, 50, 1])
        #expect(plan.preview.changedCells.count == 20)   // every cell of 5 grades × 4 bands moves
    }

    @Test func aFundingCutShowsTheLargestFalls() throws {
        let plan = PricingChange.plan(try edit("funding_cost_bp", "200"), pending: pending, sentiment: 0,
                                      maximumLeverage: Leverage(hundredths: 170), largest: 1)
        // A 421 → floor 450 (−21), B 625 (−50), C 351 → floor 450 (unchanged)
        #expect(plan.preview.changedCount == 2)
        #expect(plan.preview.largestDown.map(\.text) == ["APP-B 6.75% → 6.25%"])
        #expect(plan.preview.largestUp.isEmpty)
    }

    @Test func aFeeChangeMovesEveryQuoteButNoRate() throws {
        let plan = PricingChange.plan(try edit("fee", "12"), pending: pending, sentiment: 0, maximumLeverage: Leverage(hundredths: 170))
        #expect(plan.preview.changedCount == 3)
        #expect(plan.repriced.allSatisfy { $0.move.newFee.value == 12 && $0.move.delta == .zero })
        #expect(plan.preview.largestUp.isEmpty && plan.preview.largestDown.isEmpty)
        #expect(plan.preview.changedCells.isEmpty)
    }

    @Test func editsAreCheckedBeforeAnythingIsComputed() {
        let p = PricingParameters()
        func message(_ name: String, _ value: String) -> String? {
            if case let .failure(error) = PricingEdit.make(name, to: value, from: p) { return error.description }
            return nil
        }
        #expect(message("floor", "450") == "floor_bp is already 450 bp: nothing to change")
        #expect(message("floor", "450.4") == "floor_bp is already 450 bp: nothing to change")   // rounds to the same bp
        #expect(message("floor", "1300") == "floor_bp must not exceed cap_bp (1200)")
        #expect(message("cap", "400") == "cap_bp must not be below floor_bp (450)")
        #expect(message("funding", "nan") == "funding_cost_bp: 'nan' is not a number; funding_cost_bp takes 0–10000 bp")
        #expect(message("funding", "inf") == "funding_cost_bp: 'inf' is not a number; funding_cost_bp takes 0–10000 bp")
        #expect(message("funding", "1e300") == "funding_cost_bp must be 0–10000 bp, not 1e300")
        #expect(message("lgd", "-1") == "lgd_pct must be 0–100")
        #expect(message("band", "0.6") == "sentiment_band is already 0.6: nothing to change")
        #expect(message("spread", "1")?.hasPrefix("unknown pricing parameter 'spread'; one of: funding_cost_bp (funding, funding_cost)") == true)
        // -0 is zero, a legal funding cost
        #expect(message("funding", "-0") == nil)
        #expect((try? PricingEdit.make("funding", to: "-0", from: p).get())?.newValue == "0")
    }

    @Test func aliasesResolveToTheStoredNames() {
        let names = ["funding": "funding_cost_bp", "LGD": "lgd_pct", "capital": "capital_ratio_pct", "hurdle": "hurdle_rate_pct",
                     "floor": "floor_bp", "cap": "cap_bp", "fee": "fee_bp", "behaviour": "margin_call_premium_bp",
                     "margin-call-premium": "margin_call_premium_bp", "sentiment": "sentiment_max_premium_bp",
                     "funding_cost_bp": "funding_cost_bp"]
        for (typed, stored) in names { #expect(PricingParameterCatalog.info(named: typed)?.name == stored, "\(typed)") }
        #expect(PricingParameterCatalog.all.map(\.name) == PricingParameters.fieldNames)
        // no alias is claimed by two parameters
        let aliases = PricingParameterCatalog.all.flatMap(\.aliases) + PricingParameters.fieldNames
        #expect(Set(aliases).count == aliases.count)
    }

    @Test func theAuditEntryListsEveryRepricedApplicationForTheReplay() {
        let field = PricingChangeAudit.repricedField([("APP-1", 5), ("APP-000002", 12)])
        #expect(field == "APP-1@5 APP-000002@12")
        let record = AuditRecord(actor: "zhao.min", action: "pricing.change", subject: "pricing:floor_bp", before: [:],
                                 after: ["repriced": field + " bad@x @3"], reason: "r")
        #expect(AuditReplay.repricedVersions(record).map { "\($0.id)=\($0.version)" } == ["APP-1=5", "APP-000002=12"])
        var other = record
        other.action = "setting.change"
        #expect(AuditReplay.repricedVersions(other).isEmpty)
    }
}
