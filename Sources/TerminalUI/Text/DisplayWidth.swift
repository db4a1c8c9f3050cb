/// Measures, truncates and pads text in terminal display columns rather than in characters.
///
/// Widths come from Unicode data compiled into this file (East Asian Wide and Fullwidth ranges,
/// emoji presentation, combining marks), so they do not depend on the process locale or `wcwidth`.
public enum DisplayWidth {
    /// The ellipsis appended to truncated text.
    public static let ellipsis = "…"

    /// The number of columns `s` occupies on a terminal.
    ///
    /// Each grapheme counts the sum of its scalars' widths, capped at two columns, so a letter with
    /// a combining accent is 1 and a CJK ideograph or an emoji is 2.
    public static func of(_ s: String) -> Int {
        // Printable ASCII, most of a frame, is one column a byte: no grapheme breaking needed.
        if isPrintableASCII(s) { return s.utf8.count }
        var total = 0
        for character in s {
            total += of(character)
        }
        return total
    }

    /// True when every byte of `s` is printable ASCII (space to tilde).
    public static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The number of columns one grapheme occupies: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue, character.unicodeScalars.count == 1 { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        var total = 0
        for scalar in character.unicodeScalars {
            total += of(scalar)
        }
        return min(total, 2)
    }

    /// The number of columns one Unicode scalar occupies: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) {
            return 0
        }
        if value < 0x300 {
            return 1
        }
        if isZeroWidth(scalar) {
            return 0
        }
        if isWide(scalar) {
            return 2
        }
        return 1
    }

    /// Shortens `s` to at most `width` columns, ending with "…" when anything was cut.
    ///
    /// A double-width character is never split: if it does not fit before the ellipsis it is dropped.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        let budget = width - of(ellipsis)
        var result = ""
        var used = 0
        for character in s {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return result + ellipsis
    }

    /// Truncates `s` to `width` columns and pads it with spaces to exactly `width` columns.
    public static func pad(_ s: String, to width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let text = truncate(s, to: width)
        let gap = max(0, width - of(text))
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + text
        case .center:
            let leading = gap / 2
            return String(repeating: " ", count: leading) + text + String(repeating: " ", count: gap - leading)
        }
    }

    // MARK: - Unicode tables

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Hangul Jamo medial vowels and final consonants combine with the preceding syllable.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Regional indicators pair up into one flag two columns wide, so each counts one.
        if (0x1F1E6...0x1F1FF).contains(value) {
            return false
        }
        if scalar.properties.isEmojiPresentation {
            return true
        }
        return wideRanges.contains { $0.contains(value) }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges outside the emoji-presentation set.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x2329...0x232A,   // angle brackets
        0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x3247,   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK
        0x3250...0x33FF,   // enclosed CJK letters (after the ambiguous circled numbers), CJK compatibility
        0x3400...0x4DBF,   // CJK extension A
        0x4E00...0x9FFF,   // CJK unified ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo extended A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth forms
        0xFFE0...0xFFE6,   // fullwidth signs
        0x16FE0...0x16FE4, // ideographic symbols
        0x16FF0...0x16FF1, // Vietnamese reading marks
        0x17000...0x18DFF, // Tangut, Khitan
        0x1AFF0...0x1B2FF, // Kana extended B, Kana supplement and extensions, Nushu
        0x1F200...0x1F202, // enclosed ideographic supplement
        0x1F210...0x1F23B,
        0x1F240...0x1F248,
        0x1F250...0x1F251,
        0x1F260...0x1F265,
        0x20000...0x2FFFD, // CJK extensions B–F
        0x30000...0x3FFFD, // CJK extension G and later
    ]
}
