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
    public func scaled(by ratio: Double) -> Money {
        Money(fen: Int64((Double(fen) * ratio).rounded(.toNearestOrAwayFromZero)))
    }

    /// The amount multiplied by basis points (1 bp = 0.01%), rounded to the nearest fen.
    public func applying(_ rate: BasisPoints) -> Money {
        let product = fen * Int64(rate.value)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let roundUp = abs(remainder) * 2 >= 10_000
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

    /// Parses what a person types: `500000`, `500,000`, `¥500,000.50`, `500k`, `1.5m`, `2万`.
    public static func parse(_ text: String) -> Money? {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        s = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "¥", with: "")
            .replacingOccurrences(of: "_", with: "")
        var multiplier: Decimal = 1
        if s.hasSuffix("k") { multiplier = 1_000; s.removeLast() }
        else if s.hasSuffix("m") { multiplier = 1_000_000; s.removeLast() }
        else if s.hasSuffix("万") { multiplier = 10_000; s.removeLast() }
        let digits = s.hasPrefix("-") ? String(s.dropFirst()) : s
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              digits.contains(where: \.isNumber), digits.filter({ $0 == "." }).count <= 1,
              let value = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        var fen = value * multiplier * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &fen, 0, .plain)
        guard rounded == fen else { return nil }  // more precise than a fen
        guard rounded <= Decimal(Int64.max), rounded >= Decimal(Int64.min + 1) else { return nil }  // does not fit
        return Money(fen: NSDecimalNumber(decimal: rounded).int64Value)
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
    public init(_ value: Double) { self.hundredths = Int((value * 100).rounded()) }

    public static func < (lhs: Leverage, rhs: Leverage) -> Bool { lhs.hundredths < rhs.hundredths }

    public var value: Double { Double(hundredths) / 100 }

    /// `3.0×`, `2.25×`.
    public var text: String {
        hundredths % 10 == 0 ? String(format: "%.1f×", value) : String(format: "%.2f×", value)
    }

    /// Parses `2.5`, `2.5x`, `2.5×`.
    public static func parse(_ text: String) -> Leverage? {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasSuffix("x") || s.hasSuffix("×") { s.removeLast() }
        guard let v = Double(s), v.isFinite, v >= 1 else { return nil }
        return Leverage(v)
    }
}
