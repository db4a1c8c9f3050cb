import Foundation

/// What kind of number a setting holds: how it is typed, stored and shown.
public enum SettingKind: String, Hashable, Sendable, CaseIterable {
    /// An amount, stored in fen; typed like any amount (`1000000`, `1m`, `50万`).
    case money
    /// Whole basis points (10000 = 100%).
    case basisPoints
    /// A share or probability, stored as a decimal (`0.3`); typed as `0.3` or `30%`.
    case fraction
    /// An index that is not a share (PSI, sentiment), stored and typed as a plain decimal (`0.25`).
    case decimal
    case days
    case minutes
    /// A whole number of events, sources, …
    case count
    /// A suitability level C1–C5.
    case suitability
}

/// A setting's value, checked against its definition.
public enum SettingValue: Hashable, Sendable {
    case money(Money)
    case whole(Int)
    case fraction(Double)
    case suitability(Suitability)

    /// The canonical text the settings table stores: fen, whole numbers, decimals, `C3`.
    public var storedText: String {
        switch self {
        case let .money(money): String(money.fen)
        case let .whole(value): String(value)
        case let .fraction(value): Self.decimalText(value)
        case let .suitability(level): level.label
        }
    }

    /// The value for a person: `¥1,000,000`, `300 bp`, `30%`, `5 days`, `C3`.
    public func text(_ kind: SettingKind) -> String {
        switch (self, kind) {
        case let (.money(money), _): money.formattedWhole
        case let (.whole(value), .basisPoints): "\(value) bp"
        case let (.whole(value), .days): value == 1 ? "1 day" : "\(value) days"
        case let (.whole(value), .minutes): value == 1 ? "1 minute" : "\(value) minutes"
        case let (.whole(value), _): String(value)
        case let (.fraction(value), .decimal): Self.decimalText(value)
        case let (.fraction(value), _): Self.decimalText(value * 100) + "%"
        case let (.suitability(level), _): level.label
        }
    }

    /// Shortest decimal text without exponent or trailing zeros (values are bounded, so this is exact enough).
    static func decimalText(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// The bounds a setting's value must stay within.
public enum SettingRange: Hashable, Sendable {
    case money(ClosedRange<Money>)
    case whole(ClosedRange<Int>)
    case fraction(ClosedRange<Double>)
    case suitability(ClosedRange<Suitability>)

    func contains(_ value: SettingValue) -> Bool {
        switch (self, value) {
        case let (.money(range), .money(v)): range.contains(v)
        case let (.whole(range), .whole(v)): range.contains(v)
        case let (.fraction(range), .fraction(v)): v.isFinite && range.contains(v)
        case let (.suitability(range), .suitability(v)): range.contains(v)
        default: false
        }
    }

    /// "¥10,000 to ¥1,000,000,000", "0 to 300 bp", "0% to 100%".
    public func text(_ kind: SettingKind) -> String {
        switch self {
        case let .money(r): "\(r.lowerBound.formattedWhole) to \(r.upperBound.formattedWhole)"
        case let .whole(r): "\(SettingValue.whole(r.lowerBound).text(kind)) to \(SettingValue.whole(r.upperBound).text(kind))"
        case let .fraction(r): "\(SettingValue.fraction(r.lowerBound).text(kind)) to \(SettingValue.fraction(r.upperBound).text(kind))"
        case let .suitability(r): "\(r.lowerBound.label) to \(r.upperBound.label)"
        }
    }
}

/// Why a setting could not be read or changed; each case carries a message for a person.
public enum SettingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No setting has this key.
    case unknownKey(String)
    /// Text typed by a person is not a value of the setting (not a number, or outside its range, named in `expected`).
    case invalidValue(key: String, text: String, expected: String)
    /// A value stored in the database does not parse or is out of range: corrupt or hand-edited data, never read as a default.
    case corruptStored(key: String, value: String, expected: String)
    /// The values together break a rule between settings.
    case conflict(String)

    public var description: String {
        switch self {
        case let .unknownKey(key):
            "unknown setting '\(Self.echo(key))' (see `riskdesk settings` for the list)"
        case let .invalidValue(key, text, expected):
            "\(key): '\(Self.echo(text))' is not allowed: \(expected)"
        case let .corruptStored(key, value, expected):
            "corrupt data: setting \(key) holds '\(Self.echo(value))', which is not \(expected)"
        case let .conflict(message):
            message
        }
    }

    private static func echo(_ text: String) -> String { text.count > 40 ? text.prefix(40) + "…" : text }
}

/// One setting: its key, kind, allowed range, default and a line for people.
public struct SettingDefinition: Hashable, Sendable, Identifiable {
    public var key: String
    public var kind: SettingKind
    public var range: SettingRange
    public var defaultValue: SettingValue
    public var summary: String

    public var id: String { key }

    public init(_ key: String, _ kind: SettingKind, range: SettingRange, default defaultValue: SettingValue, _ summary: String) {
        self.key = key
        self.kind = kind
        self.range = range
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// What is accepted, for messages: "a whole number of basis points from 0 to 300 bp".
    public var expected: String {
        let form = switch kind {
        case .money: "an amount"
        case .basisPoints: "a whole number of basis points"
        case .fraction: "a share (0.3 or 30%)"
        case .decimal: "a decimal number"
        case .days: "a whole number of days"
        case .minutes: "a whole number of minutes"
        case .count: "a whole number"
        case .suitability: "a suitability level"
        }
        return "\(form) from \(range.text(kind))"
    }

    /// Parses what a person types, in the setting's own units, within its range.
    public func parse(_ text: String) throws(SettingError) -> SettingValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: SettingValue?
        switch kind {
        case .money: value = (try? Money.parsing(trimmed)).map(SettingValue.money)
        case .basisPoints, .days, .minutes, .count: value = Self.whole(trimmed).map(SettingValue.whole)
        case .fraction: value = Self.fraction(trimmed, allowPercent: true).map(SettingValue.fraction)
        case .decimal: value = Self.fraction(trimmed, allowPercent: false).map(SettingValue.fraction)
        case .suitability: value = Suitability(label: trimmed).map(SettingValue.suitability)
        }
        guard let value, range.contains(value) else { throw .invalidValue(key: key, text: text, expected: expected) }
        return value
    }

    /// Reads the canonical text the settings table holds (fen for money); anything else is corrupt data.
    public func decode(stored text: String) throws(SettingError) -> SettingValue {
        let value: SettingValue?
        switch kind {
        case .money: value = Self.wholeFen(text).map(SettingValue.money)
        case .basisPoints, .days, .minutes, .count: value = Self.whole(text).map(SettingValue.whole)
        case .fraction, .decimal: value = Self.fraction(text, allowPercent: false).map(SettingValue.fraction)
        case .suitability: value = Suitability(label: text).map(SettingValue.suitability)
        }
        guard let value, range.contains(value) else { throw .corruptStored(key: key, value: text, expected: expected) }
        return value
    }

    /// A signed whole number of at most 12 digits (beyond any setting's range, and far from Int's limits).
    static func whole(_ text: String) -> Int? {
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !unsigned.isEmpty, unsigned.count <= 12, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func wholeFen(_ text: String) -> Money? {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !unsigned.isEmpty, unsigned.count <= 18, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }),
              let fen = Int64(text) else { return nil }
        return Money(fen: fen)
    }

    /// A plain decimal (`0.3`, `.25`), or with `allowPercent` a percentage (`30%`); no exponents, no NaN or infinity.
    static func fraction(_ text: String, allowPercent: Bool) -> Double? {
        var body = Substring(text)
        var scale = 1.0
        if allowPercent, body.hasSuffix("%") { body = body.dropLast(); scale = 100 }
        body = Substring(body.trimmingCharacters(in: .whitespaces))
        let unsigned = body.hasPrefix("-") ? body.dropFirst() : body
        guard !unsigned.isEmpty, unsigned.count <= 20, unsigned.filter({ $0 == "." }).count <= 1,
              unsigned.contains(where: \.isNumber), unsigned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(body), value.isFinite else { return nil }
        return value / scale
    }
}
