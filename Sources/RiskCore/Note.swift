import Foundation

/// A free-text note on an application (a note, an escalation, a request for information): its limit.
public enum Note {
    /// The most characters (grapheme clusters, as a person counts them: 张 is one) a note may hold.
    public static let maximumLength = 2_000

    /// What a note field says when typing or pasting reached the limit.
    public static let limitReachedMessage = "note limit \(grouped(maximumLength)) characters reached"

    /// The note as it will be stored: trimmed of surrounding whitespace, and no longer than the limit.
    /// An empty note is returned as "" — whether one is required depends on the decision.
    public static func validated(_ text: String) throws(NoteError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let length = trimmed.count
        guard length <= maximumLength else { throw .tooLong(length: length, maximum: maximumLength) }
        return trimmed
    }

    /// `2000` → `2,000`, the same in every locale.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}

/// Why a note was refused, with a message for the person who wrote it.
public enum NoteError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLong(length: Int, maximum: Int)

    public var description: String {
        switch self {
        case let .tooLong(length, maximum):
            "a note may hold at most \(Note.grouped(maximum)) characters; this one has \(Note.grouped(length))"
        }
    }
}
