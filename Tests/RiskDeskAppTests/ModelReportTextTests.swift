import Foundation
@testable import RiskCore
@testable import RiskDeskApp
@testable import RiskStore
import Testing
import TerminalUI

@Suite("model report text")
struct ModelReportTextTests {
    let lines = ModelReportText.lines(summary: ModelsDesk.challenger, card: nil, report: ModelsDesk.report, width: 80)
    var texts: [String] { lines.map(\.text) }

    func index(of prefix: String) throws -> Int { try #require(texts.firstIndex { $0.hasPrefix(prefix) }, "\(prefix)") }

    @Test("every line fits the width it was laid out for, at 80 and at 60 columns")
    func fitsTheWidth() {
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 80 })
        let narrow = ModelReportText.lines(summary: ModelsDesk.challenger, card: nil, report: ModelsDesk.report, width: 60)
        #expect(narrow.allSatisfy { DisplayWidth.of($0.text) <= 60 })
        #expect(narrow.count == lines.count, "a narrower report cuts lines, it never drops one")
    }

    @Test("headline, then AUC, KS at its score, Gini and Brier beside the benchmark's, with which is better")
    func headlineAndDiscrimination() throws {
        #expect(texts[0] == "sc-0123456789ab · default_12m · challenger · trained 2026-11-25 09:46 UTC")
        #expect(texts[2] == "Training 700 rows, 56 bads (8.0%) · holdout 300 rows, 24 bads (8.0%)")
        let d = try index(of: "Discrimination (holdout)")
        #expect(texts[d] == "Discrimination (holdout)       this card       sc-2026.1")
        #expect(texts[d + 1] == "  AUC                              0.742           0.681  ▲ better")
        #expect(texts[d + 2] == "  KS                         0.368 @ 612           0.290  ▲ better")
        // The benchmark's Gini is 2 × 0.681 − 1 = 0.362.
        #expect(texts[d + 3] == "  Gini                             0.484           0.362")
        #expect(texts[d + 4] == "  Brier score                     0.0712")
    }

    @Test("the ROC curve in Braille: from the bottom-left corner to the top-right one, the chance diagonal in its own role")
    func rocCurve() throws {
        let top = try index(of: " 1.0 ┤")
        let bottom = try index(of: " 0.0 ┤")
        #expect(bottom - top == 9, "ten rows of 4 dots")
        // 20 cells × 10 rows = 40 × 40 dots. (0,0) is the bottom-left dot: column 0, dot row 3 = bit 0x40;
        // (1,1) the top-right: cell 19, its dot (1,0) = bit 0x08.
        let bottomCells = Array(texts[bottom].dropFirst(6))
        let topCells = Array(texts[top].dropFirst(6))
        #expect(bottomCells.count == 20 && topCells.count == 20)
        func bits(_ c: Character) -> UInt32 { (c.unicodeScalars.first?.value ?? 0x2800) - 0x2800 }
        #expect(bits(bottomCells[0]) & 0x40 != 0)
        #expect(bits(topCells[19]) & 0x08 != 0)
        // The curve (AUC 0.742) is above the diagonal: at FPR 0.1 (dot column ≈ 4, cell 2) its TPR 0.4 is dot row ≈ 23.
        #expect(texts[top + 5].hasPrefix(" TPR │"))
        let rocRuns = lines[top...bottom].flatMap(\.runs)
        #expect(rocRuns.contains { $0.role == "chart.roc" && $0.text != " " })
        #expect(rocRuns.contains { $0.role == "chart.diagonal" && $0.text != " " })
    }

    @Test("the score histogram: goods (█) and bads (▒) as shares of their class, in their own roles, with the bad rate")
    func histogram() throws {
        let h = try index(of: "  500–560")
        // Goods 40/276 = 14.5%, bads 14/24 = 58.3% (the largest share): bars of 23 columns; goods 14.5/58.3 × 184 eighths
        // = 45.7 → 46 = 5 full + ▊; bads the full 23. 54 rows, 14 bads = 25.9%.
        #expect(texts[h] == "  500–560   █████▊                  ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒     54     25.9%")
        #expect(texts[h + 2].hasSuffix("138      1.4%"))
        #expect(lines[h].runs.contains { $0.role == "chart.good" && $0.text.contains("█") })
        #expect(lines[h].runs.contains { $0.role == "chart.bad" && $0.text.contains("▒") })
    }

    @Test("calibration: a decile off by more than 2 points on 100+ rows is marked, a calibrated one is not")
    func calibration() throws {
        let c = try index(of: "Calibration by decile")
        #expect(texts[c + 2] == "       1  640–720      150      3       2.1%      2.0%    +0.1")
        // 11.0% predicted against 14.0% observed on 150 rows: 3.0 points under.
        #expect(texts[c + 3] == "       2  520–639      150     21      11.0%     14.0%    -3.0  ! > 2 pts")
        #expect(lines[c + 3].runs.last?.role == "model.mark")
        #expect(texts[c + 4] == "  1 decile with 100+ rows off by more than 2 points")
    }

    @Test("the IV table by information value, saying why a characteristic was left out; then each one's bins")
    func informationValueAndBins() throws {
        let iv = try index(of: "Information value")
        #expect(texts[iv + 2] == "  Largest position               0.412   ████████████  yes, coefficient 0.980")
        #expect(texts[iv + 3] == "  Channel                        0.004   ▏             no — IV 0.004 below 0.02")
        let bins = try index(of: "Largest position [largest_position_share]")
        #expect(bins < (try index(of: "Channel [channel]")), "bins follow the IV order")
        // 6 bads of 180 = 3.3%; 18 of 120 = 15.0%.
        #expect(texts[bins + 2] == "  < 35%                       180      3.3%  +0.930      34")
        #expect(texts[bins + 3] == "  ≥ 35%                       120     15.0%  -0.720       3")
    }

    @Test("a version without a report says so; a card's bins and points still show")
    func legacy() {
        let none = ModelReportText.text(summary: ModelsDesk.legacy, card: nil, report: nil, width: 100)
        #expect(none.contains("No validation report: sc-2025.2 was registered without one"))
        #expect(none.contains("it has no card either"))
        #expect(!none.contains("Discrimination") && !none.contains("ROC curve"))
        let standard = ModelReportText.text(summary: ModelsDesk.champion, card: .standard, report: nil, width: 100)
        #expect(standard.contains("its bins and points follow"))
        #expect(standard.contains("Client tenure [tenure_months]"))
        #expect(standard.split(separator: "\n").contains { $0.hasPrefix("  < 6 months") && $0.hasSuffix("-10") })
    }
}
