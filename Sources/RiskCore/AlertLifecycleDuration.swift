import Foundation

extension AlertLifecycle {
    /// A snooze length as a person types it: a whole number and a unit, `30m`, `4h` or `2d` (at most 9999 of the unit).
    /// Whether it is within the desk's maximum is the lifecycle's rule (`apply`), not the parser's.
    public static func parseDuration(_ text: String) throws(InputError) -> TimeInterval {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: TimeInterval] = ["m": 60, "h": 3_600, "d": 86_400]
        guard let unitCharacter = trimmed.last, let unit = units[unitCharacter] else {
            throw InputError("'\(PlainText.escaped(text))' is not a duration: give a whole number and a unit, e.g. 30m, 4h or 2d")
        }
        let digits = trimmed.dropLast()
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits) else {
            throw InputError("'\(PlainText.escaped(text))' is not a duration: give a whole number (1–9999) and a unit, e.g. 30m, 4h or 2d")
        }
        guard count > 0 else { throw InputError("a duration must be longer than zero") }
        return TimeInterval(count) * unit
    }
}
