import Foundation

/// Makes text that came from people (notes, names, reasons, ids typed on a command line) safe to print on one
/// line of a plain-text terminal: nothing in it can move the cursor, retitle or clear the terminal, reorder
/// what follows, or start a new line that looks like output.
public enum PlainText {
    /// Escapes, per Unicode scalar, C0 controls, DEL, C1 controls, the bidirectional overrides and isolates
    /// (U+202A–202E, U+2066–2069) and the Unicode line and paragraph separators (U+2028, U+2029) visibly:
    /// `\n`, `\r`, `\t`, `\e`, otherwise `\u{7}`, `\u{202E}`. A backslash becomes `\\`, so escaped text can
    /// always be told from text that merely contains a backslash. Everything else (CJK, combining marks,
    /// emoji) is left as it is.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: replacement(for: scalar).unicodeScalars)
        }
        return String(out)
    }

    /// Escapes every line of a multi-line text of ours separately, keeping its line breaks.
    public static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        case 0x5C: true  // backslash
        default: false
        }
    }

    private static func replacement(for scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case "\u{1B}": "\\e"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
