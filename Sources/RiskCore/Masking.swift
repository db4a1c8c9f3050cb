/// Masks personal data for display: every view shows masked values unless a supervisor reveals them.
public enum Masking {
    /// `13812342210` → `138****2210`; shorter or odd inputs keep at most their last four digits.
    public static func phone(_ phone: String) -> String {
        let digits = Array(phone.filter { !$0.isWhitespace && $0 != "-" })
        guard digits.count >= 8 else {
            return String(repeating: "*", count: max(0, digits.count - 2)) + String(digits.suffix(2))
        }
        return String(digits.prefix(3)) + "****" + String(digits.suffix(4))
    }

    /// Keeps only the first and last characters: `110101199003074518` → `1****************8`.
    public static func nationalID(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 2 else { return String(repeating: "*", count: chars.count) }
        return String(chars[0]) + String(repeating: "*", count: chars.count - 2) + String(chars[chars.count - 1])
    }
}
