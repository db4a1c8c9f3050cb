import Foundation
import Testing
@testable import RiskCore

@Suite("PSI")
struct PSITests {
    @Test("a hand-computed index from shares")
    func fromShares() {
        // (0.6 − 0.5) × ln(0.6/0.5) + (0.4 − 0.5) × ln(0.4/0.5)
        // = 0.1 × 0.182322 + (−0.1) × (−0.223144) = 0.018232 + 0.022314 = 0.040546
        let psi = PSI.index(expectedShares: [0.5, 0.5], actualShares: [0.6, 0.4])
        #expect(abs(psi - 0.040546) < 1e-6)
        #expect(PSI.level(psi) == .stable)
        // symmetric in its arguments
        #expect(abs(PSI.index(expectedShares: [0.6, 0.4], actualShares: [0.5, 0.5]) - psi) < 1e-12)
    }

    @Test("identical distributions give zero")
    func identical() {
        #expect(PSI.index(expectedShares: [0.1, 0.2, 0.3, 0.4], actualShares: [0.1, 0.2, 0.3, 0.4]) == 0)
        let sample = (0..<100).map(Double.init)
        #expect(PSI.index(expected: sample, actual: sample) == 0)
    }

    @Test("empty bins count as 0.0001")
    func emptyBins() {
        // (0.9 − 1.0) × ln 0.9 + (0.1 − 0.0001) × ln(0.1 / 0.0001)
        // = 0.0105361 + 0.0999 × 6.907755 = 0.0105361 + 0.6900847 = 0.7006208
        let psi = PSI.index(expectedShares: [1.0, 0.0], actualShares: [0.9, 0.1])
        #expect(abs(psi - 0.7006208) < 1e-6)
    }

    @Test("levels: < 0.10 stable, 0.10–0.25 watch, > 0.25 critical")
    func levels() {
        #expect(PSI.level(0) == .stable)
        #expect(PSI.level(0.0999) == .stable)
        #expect(PSI.level(0.10) == .watch)
        #expect(PSI.level(0.25) == .watch)
        #expect(PSI.level(0.2501) == .critical)
    }

    @Test("sample-based index on a shifted distribution")
    func shiftedSample() {
        // reference 0…99: decile edges 10, 20, …, 90, each bin holds 10% of it.
        // recent 50…149: bins 0–4 empty (0.0001), bins 5–8 hold 10% each, bin 9 (≥ 90) holds 60.
        // 5 × (0.0001 − 0.1) × ln(0.0001/0.1) + 4 × 0 + (0.6 − 0.1) × ln 6
        // = 5 × 0.690085 + 0.5 × 1.791759 = 3.450424 + 0.895880 = 4.346304
        let reference = (0..<100).map(Double.init)
        let recent = (50..<150).map(Double.init)
        let psi = PSI.index(expected: reference, actual: recent)
        #expect(abs(psi - 4.346304) < 1e-5)
        #expect(psi > 0.25)
        #expect(PSI.level(psi) == .critical)
        // empty samples give 0
        #expect(PSI.index(expected: [], actual: recent) == 0)
    }
}
