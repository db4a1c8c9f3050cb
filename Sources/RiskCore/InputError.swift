import Foundation

/// Why text typed by a person or read from a file was refused as a value; the message says what is allowed.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// For a person: what was wrong and the range or form that is accepted.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension Int {
    /// `value` rounded to the nearest integer when it is finite and lies in `range`; nil otherwise.
    /// The checked path from a parsed `Double` to an integer: `Int(value)` traps on NaN, ±∞ and overflow.
    public static func rounding(_ value: Double, within range: ClosedRange<Int>) -> Int? {
        guard value.isFinite else { return nil }
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        guard rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound),
              let exact = Int(exactly: rounded), range.contains(exact) else { return nil }
        return exact
    }
}

extension BasisPoints {
    /// Parses a whole number of basis points (`35`, `-20`, `+50`) within `range`, saying what was wrong:
    /// not a whole number, or outside the range (named in the message). Never traps on huge text.
    public static func parsing(_ text: String, within range: ClosedRange<Int>) throws(InputError) -> BasisPoints {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unsigned = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
        guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw InputError("'\(text)' is not a whole number of basis points (try 25 or -20)")
        }
        guard let value = Int(trimmed), range.contains(value) else {
            throw InputError("'\(text)' is out of range: it must be from \(range.lowerBound) to \(range.upperBound) bp")
        }
        return BasisPoints(value)
    }
}
