import Foundation

/// The generator's text formatting without Foundation's formatters, which cost microseconds a call: each function gives
/// exactly what the formatter it replaces gives (checked against it in SampleTextTests) and falls back to that formatter
/// for input outside the simple cases.
enum SampleText {
    /// `String(format: "%0*d", width, value)` for a non-negative value: zero-padded to `width`, never cut.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let pad = width - digits.count - sign.count
        return pad > 0 ? sign + String(repeating: "0", count: pad) + digits : sign + digits
    }

    /// The civil date (UTC) of a day counted from 1970-01-01 (H. Hinnant's algorithm).
    static func civil(day: Int) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    /// `AuditChain.timestamp(date)`: `2026-11-27T09:30:00.000Z`; formatted by hand for whole seconds from year 1000 to 9999.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        guard seconds.rounded(.down) == seconds, abs(seconds) < 1e11 else { return AuditChain.timestamp(date) }
        let whole = Int(seconds)
        let day = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let time = whole - day * 86_400
        let date = civil(day: day)
        guard (1_000...9_999).contains(date.year) else { return AuditChain.timestamp(Date(timeIntervalSince1970: seconds)) }
        return "\(date.year)-\(padded(date.month, 2))-\(padded(date.day, 2))T\(padded(time / 3_600, 2)):"
            + "\(padded(time / 60 % 60, 2)):\(padded(time % 60, 2)).000Z"
    }

    /// `AuditChain.json(fields)` (sorted keys, slashes not escaped) written directly when every key is lower-case ASCII
    /// letters and underscores and no value holds a quote, a backslash or a control character; else by the encoder.
    static func json(_ fields: [String: String]) -> String {
        guard fields.keys.allSatisfy(isPlainKey), fields.values.allSatisfy(isPlainValue) else { return AuditChain.json(fields) }
        var out = "{"
        for (index, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out += "," }
            out += "\"" + key + "\":\"" + (fields[key] ?? "") + "\""
        }
        return out + "}"
    }

    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == 0x5F }
    }

    static func isPlainValue(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar.value != 0x7F
                && scalar.value != 0x2028 && scalar.value != 0x2029
        }
    }
}
