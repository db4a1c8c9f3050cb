import Foundation
import RiskCore
import SwiftCSV

/// Why a loan-book CSV could not be read for training, in words for a person.
public struct LoanBookCSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A CSV export of a loan book read as a training table: a header row, one loan per row, any columns. A column is
/// numeric when every value that is not missing parses as a finite number, else categorical; missing is an empty
/// field, "NA", "NaN", "null" or "?" (any case). `target` names the outcome column and `badValue` the value that
/// means bad (every other value is good).
public struct LoanBookCSV: Sendable {
    public var dataset: TrainingDataset
    /// Columns read, with the kind detected, in file order.
    public var columns: [(name: String, kind: CharacteristicKind)]
    /// What was skipped and why (a column all missing, rows without a target value).
    public var notes: [String]

    static let missingTokens: Set<String> = ["", "na", "nan", "null", "?"]

    public static func isMissing(_ field: String) -> Bool { missingTokens.contains(field.lowercased()) }

    public static func read(path: String, target: String, badValue: String, excluded: [String] = [])
        throws(LoanBookCSVError) -> LoanBookCSV {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LoanBookCSVError("cannot read \(path): \(error.localizedDescription)")
        }
        return try read(text: text, target: target, badValue: badValue, excluded: excluded)
    }

    public static func read(text: String, target: String, badValue: String, excluded: [String] = [])
        throws(LoanBookCSVError) -> LoanBookCSV {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LoanBookCSVError("the file is empty")
        }
        var records: [[String]] = []
        let header: [String]
        do {
            let csv = try CSV<Enumerated>(string: body, delimiter: .comma, loadColumns: false)
            header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in records.append(fields) }
        } catch {
            throw LoanBookCSVError("not a readable CSV file: \(error)")
        }
        // A trailing newline or blank lines give rows with one empty field: not loans.
        records.removeAll { $0.count <= 1 && ($0.first ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        // The parser drops an empty last field when the file does not end with a newline ("…,1,").
        if body.hasSuffix(","), let last = records.indices.last, records[last].count == header.count - 1 {
            records[last].append("")
        }
        guard !header.isEmpty, !records.isEmpty else { throw LoanBookCSVError("the file has a header but no rows") }
        if let blank = header.firstIndex(where: \.isEmpty) {
            throw LoanBookCSVError("column \(blank + 1) of the header has no name")
        }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw LoanBookCSVError("the header names column \"\(name)\" twice")
        }
        guard let targetIndex = header.firstIndex(of: target) else {
            throw LoanBookCSVError("no target column \"\(target)\" (columns: \(header.joined(separator: ", ")))")
        }
        for name in excluded where !header.contains(name) {
            throw LoanBookCSVError("--exclude names no column \"\(name)\" (columns: \(header.joined(separator: ", ")))")
        }
        for (k, record) in records.enumerated() where record.count != header.count {
            // Line numbers count the header as line 1 (a quoted field spanning lines shifts them).
            throw LoanBookCSVError("row \(k + 1) (line \(k + 2)) has \(record.count) fields; the header has \(header.count)")
        }
        var notes: [String] = []
        let trimmed = records.map { $0.map { $0.trimmingCharacters(in: .whitespaces) } }
        let labelled = trimmed.filter { !isMissing($0[targetIndex]) }
        if labelled.count < trimmed.count {
            notes.append("\(trimmed.count - labelled.count) rows without a value in \(target) skipped")
        }
        guard !labelled.isEmpty else { throw LoanBookCSVError("no row has a value in the target column \"\(target)\"") }
        let outcomes = Set(labelled.map { $0[targetIndex] })
        guard outcomes.contains(badValue) else {
            let shown = outcomes.sorted().prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
            throw LoanBookCSVError("the bad value \"\(badValue)\" never appears in \(target) (values: \(shown))")
        }
        guard outcomes.count > 1 else {
            throw LoanBookCSVError("target has one class: every row of \(target) is \"\(badValue)\"")
        }
        let bad = labelled.map { $0[targetIndex] == badValue }
        let skip = Set(excluded)
        var columns: [TrainingColumn] = []
        var kinds: [(name: String, kind: CharacteristicKind)] = []
        for (index, name) in header.enumerated() where index != targetIndex && !skip.contains(name) {
            let raw = labelled.map { $0[index] }
            let present = raw.filter { !isMissing($0) }
            guard !present.isEmpty else {
                notes.append("column \(name): all values missing (skipped)")
                continue
            }
            let numbers = present.compactMap { Double($0) }.filter(\.isFinite)
            if numbers.count == present.count {
                columns.append(TrainingColumn(name: name, values: .numeric(raw.map { isMissing($0) ? nil : Double($0) })))
                kinds.append((name, .numeric))
            } else {
                columns.append(TrainingColumn(name: name, values: .categorical(raw.map { isMissing($0) ? nil : $0 })))
                kinds.append((name, .categorical))
            }
        }
        guard !columns.isEmpty else {
            throw LoanBookCSVError("no column is left to learn from" + (notes.isEmpty ? "" : ": " + notes.joined(separator: "; ")))
        }
        let dataset = TrainingDataset(columns: columns, bad: bad, appliedAt: nil,
                                      target: ModelTarget(code: "\(target)=\(badValue)",
                                                          description: "\(target) is \(badValue)"))
        return LoanBookCSV(dataset: dataset, columns: kinds, notes: notes)
    }
}
