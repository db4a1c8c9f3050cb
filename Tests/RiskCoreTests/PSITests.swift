import Foundation
import Testing
@testable import RiskCore

/// Training deciles 510, 520, …, 590 (bins closed below), a tenth of the training rows in each bin.
let tenBins = ScoreDistribution(edges: Array(stride(from: 510, through: 590, by: 10)), shares: Array(repeating: 0.1, count: 10))

@Suite("PSI")
struct PSITests {
    @Test("a hand-computed index from shares")
    func fromShares() throws {
        // (0.6 − 0.5) × ln(0.6/0.5) + (0.4 − 0.5) × ln(0.4/0.5)
        // = 0.1 × 0.182322 + (−0.1) × (−0.223144) = 0.018232 + 0.022314 = 0.040546
        let psi = try #require(PSI.index(expectedShares: [0.5, 0.5], actualShares: [0.6, 0.4]))
        #expect(abs(psi - 0.040546) < 1e-6)
        #expect(PSI.level(psi) == .stable)
        // symmetric in its arguments
        #expect(abs((PSI.index(expectedShares: [0.6, 0.4], actualShares: [0.5, 0.5]) ?? 0) - psi) < 1e-12)
        // two sides with different bins have no index (a card whose distribution is malformed is not read as stable)
        #expect(PSI.index(expectedShares: [0.5, 0.5], actualShares: [1]) == nil)
        #expect(PSI.index(expectedShares: [], actualShares: []) == nil)
    }

    @Test("identical distributions give zero")
    func identical() {
        #expect(PSI.index(expectedShares: [0.1, 0.2, 0.3, 0.4], actualShares: [0.1, 0.2, 0.3, 0.4]) == 0)
        // one recent score in each training decile
        #expect(PSI.index(scores: [505, 515, 525, 535, 545, 555, 565, 575, 585, 595], against: tenBins) == 0)
    }

    @Test("empty bins count as 0.0001")
    func emptyBins() throws {
        // (0.9 − 1.0) × ln 0.9 + (0.1 − 0.0001) × ln(0.1 / 0.0001)
        // = 0.0105361 + 0.0999 × 6.907755 = 0.0105361 + 0.6900847 = 0.7006208
        let psi = try #require(PSI.index(expectedShares: [1.0, 0.0], actualShares: [0.9, 0.1]))
        #expect(abs(psi - 0.7006208) < 1e-6)
    }

    @Test("bins are closed below: a score on an edge belongs to the bin above it")
    func binsClosedBelow() {
        #expect(PSI.bin(of: 509, edges: tenBins.edges) == 0)
        #expect(PSI.bin(of: 510, edges: tenBins.edges) == 1)
        #expect(PSI.bin(of: 589, edges: tenBins.edges) == 8)
        #expect(PSI.bin(of: 590, edges: tenBins.edges) == 9)
        #expect(PSI.bin(of: -5_000, edges: tenBins.edges) == 0)
        // tied edges (training scores piled on one value): the score goes above all of them
        #expect(PSI.bin(of: 600, edges: [600, 600, 610]) == 2)
        #expect(PSI.shares(of: [509, 510, 510, 590], edges: tenBins.edges) == [0.25, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.25])
    }

    @Test("recent scores piled in the top two deciles: critical")
    func shiftedScores() throws {
        // 10 scores at 585 (bin 8) and 10 at 595 (bin 9): actual [0 ×8, 0.5, 0.5] against 0.1 each.
        // 8 × (0.0001 − 0.1) × ln(0.0001/0.1) = 8 × 0.0999 × 6.907755 = 8 × 0.690085 = 5.520678
        // 2 × (0.5 − 0.1) × ln(0.5/0.1)      = 2 × 0.4 × 1.609438                    = 1.287550
        // PSI = 6.808228
        let scores = Array(repeating: 585, count: 10) + Array(repeating: 595, count: 10)
        let psi = try #require(PSI.index(scores: scores, against: tenBins))
        #expect(abs(psi - 6.808228) < 1e-6)
        #expect(PSI.level(psi) == .critical)
        // no recent scores: no index (not "stable")
        #expect(PSI.index(scores: [], against: tenBins) == nil)
    }

    @Test("a mild tilt towards the upper deciles: watch")
    func watchShift() throws {
        // 3 scores in each of the five lower deciles, 7 in each upper one (50 in all): 0.06 and 0.14 against 0.1.
        // 5 × (0.06 − 0.1) × ln(0.6) = 5 × 0.020433 = 0.102165
        // 5 × (0.14 − 0.1) × ln(1.4) = 5 × 0.013459 = 0.067294
        // PSI = 0.169460
        let lower = [505, 515, 525, 535, 545].flatMap { Array(repeating: $0, count: 3) }
        let upper = [555, 565, 575, 585, 595].flatMap { Array(repeating: $0, count: 7) }
        let psi = try #require(PSI.index(scores: lower + upper, against: tenBins))
        #expect(abs(psi - 0.1694596) < 1e-6)
        #expect(PSI.level(psi) == .watch)
    }

    @Test("levels: < 0.10 stable, 0.10 … 0.25 watch, > 0.25 critical, as domain.md's \"PSI > 0.25\"")
    func levels() {
        #expect(PSI.level(0) == .stable)
        #expect(PSI.level(0.0999) == .stable)
        #expect(PSI.level(0.10) == .watch)
        #expect(PSI.level(0.25) == .watch)
        #expect(PSI.level(0.2500001) == .critical)
        // the critical boundary follows the desk's setting; the alert rule agrees with the level on both sides of it
        #expect(PSI.level(0.28, critical: 0.30) == .watch)
        #expect(PSI.level(0.31, critical: 0.30) == .critical)
        #expect(AlertRules.evaluateDrift(psi: 0.25, modelVersion: "m").isEmpty)
        #expect(AlertRules.evaluateDrift(psi: 0.2500001, modelVersion: "m").count == 1)
        var lenient = AlertThresholds()
        lenient.psiCritical = 0.30
        #expect(AlertRules.evaluateDrift(psi: 0.28, modelVersion: "m", thresholds: lenient).isEmpty)
    }

    @Test("a legacy card's distribution from its stored training scores")
    func legacyDistribution() throws {
        // training scores 500…599: the k-th edge is the score at position 10k: 510, 520, …, 590; a tenth in each bin.
        let distribution = try #require(PSI.distribution(ofTrainingScores: Array(500..<600).reversed()))
        #expect(distribution.edges == tenBins.edges)
        #expect(distribution.shares.allSatisfy { abs($0 - 0.1) < 1e-12 })
        #expect(PSI.distribution(ofTrainingScores: []) == nil)
        // the same 100 scores as recent: PSI 0; shifted up by 50 points: five deciles empty, the top one holds 60%:
        // 5 × 0.690085 + 0 × 4 + (0.6 − 0.1) × ln 6 = 3.450424 + 0.895880 = 4.346304
        #expect(PSI.index(scores: Array(500..<600), against: distribution) == 0)
        let shifted = try #require(PSI.index(scores: Array(550..<650), against: distribution))
        #expect(abs(shifted - 4.346304) < 1e-5)
    }
}
