import Foundation

/// An amount of renminbi held as integer fen (1/100 yuan), so balances never go through floating point.
public struct Money: Hashable, Comparable, Sendable, Codable {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// Whole yuan, e.g. `Money(yuan: 500_000)`.
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.fen += rhs.fen }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.fen -= rhs.fen }
    public static prefix func - (value: Money) -> Money { Money(fen: -value.fen) }

    /// The amount scaled by a ratio, rounded half away from zero to the nearest fen.
    /// A result beyond what Int64 fen can hold saturates at the nearest bound; a NaN ratio gives zero.
    public func scaled(by ratio: Double) -> Money {
        let product = (Double(fen) * ratio).rounded(.toNearestOrAwayFromZero)
        guard !product.isNaN else { return .zero }
        // Double(Int64.max) rounds up to 2^63, which does not fit: compare with >= to stay in range.
        if product >= Double(Int64.max) { return Money(fen: .max) }
        if product <= Double(Int64.min) { return Money(fen: .min) }
        return Money(fen: Int64(product))
    }

    /// The amount multiplied by basis points (1 bp = 0.01%), rounded to the nearest fen.
    /// A product beyond what Int64 fen can hold saturates at the nearest bound instead of trapping.
    public func applying(_ rate: BasisPoints) -> Money {
        let (product, overflow) = fen.multipliedReportingOverflow(by: Int64(rate.value))
        guard !overflow else { return scaled(by: rate.fraction) }
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let roundUp = remainder.magnitude * 2 >= 10_000
        return Money(fen: quotient + (roundUp ? (product < 0 ? -1 : 1) : 0))
    }

    /// The value in yuan as a Double, for ratios and display only — never for balances.
    public var yuanValue: Double { Double(fen) / 100 }

    /// `¥1,234,567.89`; negative amounts as `-¥1,234.00`.
    public var formatted: String { format(showFen: true) }

    /// `¥1,234,568` — whole yuan, rounded, for dense tables.
    public var formattedWhole: String { format(showFen: false) }

    /// A compact form for narrow columns: `¥850K`, `¥1.25M`, `¥12.5M`.
    public var formattedCompact: String {
        let yuan = abs(Double(fen)) / 100
        let sign = fen < 0 ? "-" : ""
        // Decide the unit after rounding, so ¥999,999 reads ¥1M and not ¥1000K.
        if yuan >= 999_500 {
            let m = yuan / 1_000_000
            return sign + "¥" + trimmed(String(format: m >= 10 ? "%.1f" : "%.2f", m)) + "M"
        }
        if yuan >= 10_000 { return sign + "¥" + trimmed(String(format: "%.0f", yuan / 1_000)) + "K" }
        return sign + "¥" + String(format: "%.0f", yuan)
    }

    private func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var out = s
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }

    private func format(showFen: Bool) -> String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        var yuan = magnitude / 100
        let cents = magnitude % 100
        if !showFen && cents >= 50 { yuan += 1 }
        let digits = String(yuan)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let body = showFen ? grouped + "." + (cents < 10 ? "0" : "") + String(cents) : grouped
        return (negative ? "-" : "") + "¥" + body
    }

    /// The largest amount accepted from a person or a file: ¥1,000,000,000,000 (10^14 fen). Far above any
    /// real line, and small enough that multiplying it by any stored rate or ratio cannot overflow Int64.
    public static let maximumInput = Money(yuan: 1_000_000_000_000)

    /// Parses what a person types: `500000`, `500,000`, `¥500,000.50`, `500k`, `1.5m`, `2万`; nil when it is not an amount.
    public static func parse(_ text: String) -> Money? { try? parsing(text) }

    /// Parses what a person types, saying what was wrong: not a number, finer than a fen, or beyond ±`maximumInput`.
    public static func parsing(_ text: String) throws(InputError) -> Money {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        s = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "¥", with: "")
            .replacingOccurrences(of: "_", with: "")
        var multiplier: Decimal = 1
        if s.hasSuffix("k") { multiplier = 1_000; s.removeLast() }
        else if s.hasSuffix("m") { multiplier = 1_000_000; s.removeLast() }
        else if s.hasSuffix("万") { multiplier = 10_000; s.removeLast() }
        let digits = s.hasPrefix("-") ? String(s.dropFirst()) : s
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              digits.contains(where: \.isNumber), digits.filter({ $0 == "." }).count <= 1 else {
            throw InputError("'\(echo(text))' is not an amount (try 500000, 500,000, 500k, 1.2m or 50万)")
        }
        // Hundreds of digits are beyond any amount, and beyond what Decimal parses (it gives nil).
        let integerDigits = digits.prefix { $0 != "." }.drop { $0 == "0" }
        guard integerDigits.count <= 20 else { throw outOfRange(text) }
        guard let value = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw InputError("'\(echo(text))' is not an amount (try 500000, 500,000, 500k, 1.2m or 50万)")
        }
        let limit = Decimal(maximumInput.fen)
        var fen = value * multiplier * 100
        guard !fen.isNaN, fen <= limit, fen >= -limit else { throw outOfRange(text) }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &fen, 0, .plain)
        guard rounded == fen else { throw InputError("'\(echo(text))' is more precise than a fen (0.01 yuan)") }
        // Within ±10^14 the value is exact in an Int64 and in a Double, so the conversion cannot trap or round.
        return Money(fen: NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// The text as typed, cut to 40 characters for the message.
    private static func echo(_ text: String) -> String { text.count > 40 ? text.prefix(40) + "…" : text }

    private static func outOfRange(_ text: String) -> InputError {
        InputError("'\(echo(text))' is out of range: amounts must be between -\(maximumInput.formattedWhole) and \(maximumInput.formattedWhole)")
    }
}

/// A rate in basis points (1 bp = 0.01%); annual unless said otherwise.
public struct BasisPoints: Hashable, Comparable, Sendable, Codable {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    public static func < (lhs: BasisPoints, rhs: BasisPoints) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: BasisPoints, rhs: BasisPoints) -> BasisPoints { BasisPoints(lhs.value + rhs.value) }
    public static func - (lhs: BasisPoints, rhs: BasisPoints) -> BasisPoints { BasisPoints(lhs.value - rhs.value) }
    public static let zero = BasisPoints(0)

    /// `7.85%`.
    public var percentText: String {
        let sign = value < 0 ? "-" : ""
        let m = abs(value)
        return "\(sign)\(m / 100).\(m % 100 < 10 ? "0" : "")\(m % 100)%"
    }

    /// `+35 bp`, `-20 bp`, `0 bp`.
    public var signedText: String { value > 0 ? "+\(value) bp" : "\(value) bp" }

    /// The rate as a fraction, e.g. 785 bp → 0.0785.
    public var fraction: Double { Double(value) / 10_000 }
}

/// Leverage in hundredths (300 = 3.00×): total exposure per unit of own collateral.
public struct Leverage: Hashable, Comparable, Sendable, Codable {
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }

    /// For constants in code, e.g. `Leverage(1.5)`; text goes through `parsing(_:)`, which refuses what does not fit.
    /// A value beyond the range of `Int` hundredths saturates and NaN gives 1.0× rather than trapping.
    public init(_ value: Double) {
        let scaled = (value * 100).rounded()
        if scaled.isNaN { hundredths = 100 }
        else if scaled >= Double(Int.max) { hundredths = .max }
        else if scaled <= Double(Int.min) { hundredths = .min }
        else { hundredths = Int(scaled) }
    }

    /// The range accepted from a person or a file: 1.00× to 10.00×. The pipeline's policy caps it lower.
    public static let inputRange = Leverage(hundredths: 100)...Leverage(hundredths: 1_000)

    public static func < (lhs: Leverage, rhs: Leverage) -> Bool { lhs.hundredths < rhs.hundredths }

    public var value: Double { Double(hundredths) / 100 }

    /// `3.0×`, `2.25×`.
    public var text: String {
        // Written from the integer for the usual range (what the format gives, without its cost: the sample generator
        // writes this into a million audit entries); the format for anything else.
        guard (0..<1_000_000_000).contains(hundredths) else {
            return hundredths % 10 == 0 ? String(format: "%.1f×", value) : String(format: "%.2f×", value)
        }
        let cents = hundredths % 100
        if cents % 10 == 0 { return "\(hundredths / 100).\(cents / 10)×" }
        return "\(hundredths / 100)." + (cents < 10 ? "0" : "") + "\(cents)×"
    }

    /// Parses `2.5`, `2.5x`, `2.5×`; nil when it is not a leverage in `inputRange`.
    public static func parse(_ text: String) -> Leverage? { try? parsing(text) }

    /// Parses `2.5`, `2.5x`, `2.5×`, saying what was wrong: not a number, finer than 0.01×, or outside `inputRange`.
    public static func parsing(_ text: String) throws(InputError) -> Leverage {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasSuffix("x") || s.hasSuffix("×") { s.removeLast() }
        let range = "\(inputRange.lowerBound.text) to \(inputRange.upperBound.text)"
        // Plain decimals only: no exponent, sign, hex, "nan" or "inf" — Double() would accept all of those.
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), s.contains(where: \.isNumber),
              s.filter({ $0 == "." }).count <= 1, let value = Double(s) else {
            throw InputError("'\(text)' is not a leverage (try 2.0 or 1.5x; from \(range))")
        }
        if let dot = s.firstIndex(of: "."), !s[s.index(after: dot)...].dropFirst(2).allSatisfy({ $0 == "0" }) {
            throw InputError("'\(text)' is more precise than 0.01×")
        }
        guard let hundredths = Int.rounding(value * 100, within: inputRange.lowerBound.hundredths...inputRange.upperBound.hundredths) else {
            throw InputError("leverage '\(text)' is out of range: it must be from \(range)")
        }
        return Leverage(hundredths: hundredths)
    }
}
