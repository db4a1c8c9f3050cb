import Foundation
import RiskCore
@testable import RiskDeskApp
import Testing

@Suite("Training from a CSV export of a loan book")
struct LoanBookCSVTests {
    /// A German-credit-like book it has never seen: numeric and categorical columns, missing values written four
    /// ways, a column all missing, a constant column, a noise column; "status" 2 = bad. Risk rises with duration and
    /// amount, falls with age, and depends on the checking account.
    static func book(rows: Int = 1_200, seed: UInt64 = 5) -> String {
        var random = MarketRandom(seed: seed)
        var lines = ["checking,duration_months,credit_amount,purpose,age,housing,phone,constant,noise,status"]
        let checking = ["A11", "A12", "A13", "A14"], purposes = ["car", "furniture", "radio/tv", "education", "business"]
        let missing = ["", "NA", "?", "null"]
        for _ in 0..<rows {
            let account = checking[random.index(4)]
            let duration = 4 + random.index(68)
            let amount = Int(exp(7 + 1.2 * random.unit() + 0.5 * random.normal()))
            let age = 19 + random.index(56)
            let logOdds = -1.2 + (account == "A11" ? 1.0 : account == "A14" ? -1.0 : 0) + 0.03 * Double(duration - 20)
                + 0.0001 * Double(amount - 3_000) - 0.02 * Double(age - 35)
            let bad = random.unit() < 1 / (1 + exp(-logOdds))
            let ageText = random.unit() < 0.08 ? missing[random.index(4)] : String(age)
            let purpose = random.unit() < 0.04 ? "NaN" : purposes[random.index(5)]
            let housing = ["own", "rent", "\"for free, with family\""][random.index(3)]
            lines.append([account, String(duration), String(amount), purpose, ageText, housing, missing[random.index(4)],
                          "1", String(random.index(100)), bad ? "2" : "1"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("column types are detected, missing values read as missing, an all-missing column skipped with a note")
    func detection() throws {
        let book = try LoanBookCSV.read(text: Self.book(), target: "status", badValue: "2", excluded: ["noise"])
        let kinds = Dictionary(uniqueKeysWithValues: book.columns.map { ($0.name, $0.kind) })
        #expect(kinds == ["checking": .categorical, "duration_months": .numeric, "credit_amount": .numeric,
                          "purpose": .categorical, "age": .numeric, "housing": .categorical, "constant": .numeric])
        #expect(book.notes == ["column phone: all values missing (skipped)"])
        #expect(book.dataset.rowCount == 1_200)
        #expect(book.dataset.target.code == "status=2")
        let age = try #require(book.dataset.columns.first { $0.name == "age" })
        guard case .numeric(let ages) = age.values else { Issue.record("age is numeric"); return }
        #expect(ages.contains(nil))
        let housing = try #require(book.dataset.columns.first { $0.name == "housing" })
        #expect(housing.values.value(at: 0) != nil)
        guard case .categorical(let places) = housing.values else { Issue.record("housing is categorical"); return }
        #expect(Set(places.compactMap { $0 }) == ["own", "rent", "for free, with family"])
    }

    @Test("a card trained on it ranks the holdout, selects checking and duration, refuses the constant with a note")
    func trains() throws {
        let book = try LoanBookCSV.read(text: Self.book(), target: "status", badValue: "2", excluded: ["noise"])
        let trained = try ScorecardTrainer.train(book.dataset, options: TrainingOptions(), description: "csv",
                                                 now: Date(timeIntervalSince1970: 1_796_000_000))
        let features = Set(trained.card.features)
        #expect(features.contains("checking"))
        #expect(features.contains("duration_months"))
        #expect(trained.report.auc > 0.65)
        let constant = try #require(trained.report.characteristics.first { $0.feature == "constant" })
        #expect(constant.note == "constant (one value in every row)")
        #expect(!constant.selected)
        // The card reads back from its JSON, and a category it never saw scores as its worst bin.
        let card = try Scorecard.imported(from: trained.card.exportedJSON())
        #expect(card.version == trained.card.version)
        #expect(card.characteristics == trained.card.characteristics)
        let checking = try #require(card.characteristics.first { $0.feature == "checking" })
        #expect(checking.bin(for: .category("A99"))?.points == checking.bins.map(\.points).min())
    }

    @Test("refusals say what is wrong: unknown target, one class, a value never seen, ragged rows, an empty file")
    func refusals() {
        func message(_ text: String, target: String = "status", bad: String = "2", excluded: [String] = []) -> String? {
            do {
                _ = try LoanBookCSV.read(text: text, target: target, badValue: bad, excluded: excluded)
                return nil
            } catch { return error.message }
        }
        let book = Self.book(rows: 50)
        #expect(message(book, target: "outcome")?.hasPrefix("no target column \"outcome\" (columns: checking,") == true)
        #expect(message(book, bad: "bad")?.hasPrefix("the bad value \"bad\" never appears in status (values: \"1\", \"2\")") == true)
        #expect(message("a,status\n1,2\n3,2\n") == "target has one class: every row of status is \"2\"")
        #expect(message("a,status\n1,1\n3,1\n")?.hasPrefix("the bad value \"2\" never appears") == true)
        #expect(message("a,b,status\n1,2,1\n3,2\n5,6,2\n") == "row 2 (line 3) has 2 fields; the header has 3")
        #expect(message("") == "the file is empty")
        #expect(message("  \n\n") == "the file is empty")
        #expect(message("a,status\n") == "the file has a header but no rows")
        #expect(message("a,status\nNA,1\n?,2\n") == "no column is left to learn from: column a: all values missing (skipped)")
        #expect(message(book, excluded: ["nope"])?.hasPrefix("--exclude names no column \"nope\"") == true)
        #expect(message("a,a,status\n1,2,1\n") == "the header names column \"a\" twice")
    }

    @Test("a target with one class after reading is refused by the trainer too")
    func oneClassTrainer() throws {
        let dataset = TrainingDataset(columns: [TrainingColumn(name: "x", values: .numeric([1, 2, 3]))],
                                      bad: [false, false, false], target: ModelTarget(code: "y=1", description: ""))
        #expect(throws: TrainingError.oneClass(bad: false)) {
            try ScorecardTrainer.train(dataset, options: TrainingOptions(), description: "", now: Date())
        }
    }
}
