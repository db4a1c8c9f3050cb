import Foundation
import GRDB
import RiskCore

/// Reads one stored row strictly: a NULL where a value is required, a value of the wrong type, a number out
/// of range or an unknown enumeration value is a `StoreError.corruptRow` naming the table, row, column and value,
/// never a plausible default and never a trap in GRDB's subscripts.
struct StrictRow {
    let table: String
    /// The row's key as text, for the error message.
    let key: String
    /// Every column's value by name, read once: GRDB's lookup by name compares case-insensitively column by
    /// column, which on the key path cost more than the query itself.
    private let values: [String: DatabaseValue]

    init(_ row: Row, table: String, key keyColumn: String) {
        var values: [String: DatabaseValue] = [:]
        values.reserveCapacity(row.count)
        for (column, value) in row where values[column] == nil { values[column] = value }
        self.values = values
        self.table = table
        self.key = values[keyColumn].map(Self.text) ?? "?"
    }

    /// The stored value of `column`, or nil when the row has no such column.
    private func stored(_ column: String) -> DatabaseValue? { values[column] }

    /// The latest moment a stored date may name: 9999-12-31T23:59:59Z. Anything beyond is not a date we wrote.
    static let latestDate: Double = 253_402_300_799

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case let .int64(n): String(n)
        case let .double(d): String(d)
        case let .string(s): s.count > 80 ? String(s.prefix(80)) + "…" : s
        case let .blob(data): "<\(data.count)-byte blob>"
        }
    }

    func failure(_ column: String, expected: String) -> StoreError {
        let value = stored(column).map(Self.text) ?? "(no such column)"
        return .corruptRow(table: table, row: key, column: column, value: value, expected: expected)
    }

    func isNull(_ column: String) -> Bool {
        stored(column)?.isNull ?? true
    }

    /// A required value of type `T`; `expected` describes it for the message ("an integer", "text").
    func value<T: DatabaseValueConvertible>(_ column: String, _ type: T.Type = T.self, expected: String) throws(StoreError) -> T {
        guard let stored = stored(column), let value = T.fromDatabaseValue(stored) else {
            throw failure(column, expected: expected)
        }
        return value
    }

    /// An optional value: NULL gives nil, anything else must be a `T`.
    func optional<T: DatabaseValueConvertible>(_ column: String, _ type: T.Type = T.self, expected: String) throws(StoreError) -> T? {
        isNull(column) ? nil : try value(column, T.self, expected: expected)
    }

    func string(_ column: String) throws(StoreError) -> String {
        // GRDB converts numbers to String; stored text columns must be text.
        guard case let .string(text)? = stored(column)?.storage else {
            throw failure(column, expected: "text")
        }
        return text
    }

    func optionalString(_ column: String) throws(StoreError) -> String? {
        isNull(column) ? nil : try string(column)
    }

    func int64(_ column: String) throws(StoreError) -> Int64 {
        guard case let .int64(n)? = stored(column)?.storage else {
            throw failure(column, expected: "an integer")
        }
        return n
    }

    func int(_ column: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(StoreError) -> Int {
        guard let n = Int(exactly: try int64(column)), range.contains(n) else {
            throw failure(column, expected: range == Int.min...Int.max ? "an integer" : "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func optionalInt(_ column: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(StoreError) -> Int? {
        isNull(column) ? nil : try int(column, in: range)
    }

    func bool(_ column: String) throws(StoreError) -> Bool {
        switch try int64(column) {
        case 0: return false
        case 1: return true
        default: throw failure(column, expected: "0 or 1")
        }
    }

    /// A finite number within `range`.
    func double(_ column: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(StoreError) -> Double {
        let storage = stored(column)?.storage ?? .null
        let number: Double
        switch storage {
        case let .double(d): number = d
        case let .int64(n): number = Double(n)
        default: throw failure(column, expected: "a number")
        }
        guard number.isFinite, range.contains(number) else {
            throw failure(column, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func optionalDouble(_ column: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(StoreError) -> Double? {
        isNull(column) ? nil : try double(column, in: range)
    }

    /// The largest amount a stored row may hold: ¥100 trillion (10^16 fen). Beyond it sums of a few hundred
    /// amounts could overflow Int64, and no real balance comes near it.
    static let largestAmount: Int64 = 10_000_000_000_000_000

    func money(_ column: String) throws(StoreError) -> Money {
        let fen = try int64(column)
        guard (-Self.largestAmount...Self.largestAmount).contains(fen) else {
            throw failure(column, expected: "an amount within ±10^16 fen (¥100 trillion)")
        }
        return Money(fen: fen)
    }

    /// A count of shares or a price in fen for valuing positions: 0 to 10^9, so price × quantity fits Int64.
    func positionFactor(_ column: String) throws(StoreError) -> Int64 {
        let n = try int64(column)
        guard (0...1_000_000_000).contains(n) else { throw failure(column, expected: "an integer from 0 to 1000000000") }
        return n
    }

    func optionalMoney(_ column: String) throws(StoreError) -> Money? {
        isNull(column) ? nil : try money(column)
    }

    /// Seconds since 1970 between 1970 and 9999.
    func date(_ column: String) throws(StoreError) -> Date {
        Date(timeIntervalSince1970: try double(column, in: 0...Self.latestDate))
    }

    func optionalDate(_ column: String) throws(StoreError) -> Date? {
        isNull(column) ? nil : try date(column)
    }

    /// One of the cases of `E`, by its text raw value.
    func enumeration<E: RawRepresentable & CaseIterable>(_ column: String, _ type: E.Type) throws(StoreError) -> E where E.RawValue == String {
        guard let value = E(rawValue: try string(column)) else {
            throw failure(column, expected: "one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ column: String, _ type: E.Type) throws(StoreError) -> E? where E.RawValue == String {
        isNull(column) ? nil : try enumeration(column, type)
    }
}
