import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func measuresCJKAsTwoColumnsEach() {
        #expect(DisplayWidth.of("张伟") == 4)
        #expect(DisplayWidth.of("李小龙 Lee") == 10)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("カタカナ") == 8)
    }

    @Test func measuresFullwidthDigitAndEmojiAsTwo() {
        #expect(DisplayWidth.of("１") == 2)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("ok✅") == 4)
    }

    @Test func combiningMarksAndZeroWidthTakeNoColumns() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Cafe\u{301}") == 4)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func asciiAndBoxDrawingAreOneColumn() {
        #expect(DisplayWidth.of("Hello, world") == 12)
        #expect(DisplayWidth.of("─│┌┐└┘…") == 7)
        #expect(DisplayWidth.of("▁▂▃▄▅▆▇█") == 8)
    }

    @Test func truncationKeepsShortTextUnchanged() {
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("张伟", to: 4) == "张伟")
    }

    @Test func truncationEndsWithEllipsisAndNeverSplitsWideCharacters() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        // 张伟明 is 6 columns; in 4 columns only one ideograph fits before the ellipsis.
        #expect(DisplayWidth.truncate("张伟明", to: 4) == "张…")
        #expect(DisplayWidth.truncate("张伟明", to: 5) == "张伟…")
        for width in 1...8 {
            let result = DisplayWidth.truncate("张伟明Zhang", to: width)
            #expect(DisplayWidth.of(result) <= width)
            #expect(result.hasSuffix("…"))
        }
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func padAlignsByDisplayWidth() {
        #expect(DisplayWidth.pad("张伟", to: 6) == "张伟  ")
        #expect(DisplayWidth.pad("张伟", to: 6, alignment: .right) == "  张伟")
        #expect(DisplayWidth.pad("ab", to: 6, alignment: .center) == "  ab  ")
        #expect(DisplayWidth.pad("abcdefgh", to: 5) == "abcd…")
        #expect(DisplayWidth.of(DisplayWidth.pad("张伟明", to: 5)) == 5)
    }
}

@Suite("DisplayWidth.wrap")
struct WrapTests {
    @Test("wraps at spaces within the width")
    func wrapsAtSpaces() {
        // "approve ¥500,000" is 7 + 1 + 8 = 16 columns; "at 3.0× for 张伟" is 2 + 1 + 4 + 1 + 3 + 1 + 4 = 16.
        #expect(DisplayWidth.wrap("approve ¥500,000 at 3.0× for 张伟", to: 16) == ["approve ¥500,000", "at 3.0× for 张伟"])
        #expect(DisplayWidth.wrap("approve ¥500,000 at 3.0× for 张伟", to: 15) == ["approve", "¥500,000 at", "3.0× for 张伟"])
    }

    @Test("breaks a long CJK run between characters, never inside one")
    func breaksCJK() {
        // 张伟李娜王芳 is 12 columns: 5 columns fit two characters (4), the third would make 6.
        #expect(DisplayWidth.wrap("张伟李娜王芳", to: 5) == ["张伟", "李娜", "王芳"])
        #expect(DisplayWidth.wrap("张伟李娜王芳", to: 5).allSatisfy { DisplayWidth.of($0) <= 5 })
    }

    @Test("short text stays one line; empty text is one empty line")
    func short() {
        #expect(DisplayWidth.wrap("ok", to: 10) == ["ok"])
        #expect(DisplayWidth.wrap("", to: 10) == [""])
    }
}
