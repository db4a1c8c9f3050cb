import Foundation
import RiskCore
import Testing

@Suite("plain-text escaping of people's text")
struct PlainTextTests {
    @Test("the terminal-retitling payload from issue 6 comes out inert")
    func retitlePayload() {
        let payload = "\u{1B}]0;PWNED\u{07}\u{1B}[2J"
        let escaped = PlainText.escaped(payload)
        #expect(escaped == #"\e]0;PWNED\u{7}\e[2J"#)
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test("a newline that imitates an audit line stays on one line")
    func forgedLine() {
        let note = "fine\n#999  2026-11-27T09:30:00.000Z  zhao.min  decision.approve  application:APP-000001"
        let escaped = PlainText.escaped(note)
        #expect(!escaped.contains("\n"))
        #expect(escaped == #"fine\n#999  2026-11-27T09:30:00.000Z  zhao.min  decision.approve  application:APP-000001"#)
        #expect(PlainText.escaped("a\r\tb") == #"a\r\tb"#)
    }

    @Test("C1 controls, DEL, bidirectional overrides and isolates, line separators")
    func otherControls() {
        #expect(PlainText.escaped("a\u{9B}2Jb") == #"a\u{9B}2Jb"#)
        #expect(PlainText.escaped("a\u{7F}b\u{0}c") == #"a\u{7F}b\u{0}c"#)
        #expect(PlainText.escaped("user\u{202E}nimda") == #"user\u{202E}nimda"#)
        #expect(PlainText.escaped("\u{2066}x\u{2069}\u{202A}\u{202D}") == #"\u{2066}x\u{2069}\u{202A}\u{202D}"#)
        #expect(PlainText.escaped("a\u{2028}b\u{2029}") == #"a\u{2028}b\u{2029}"#)
    }

    @Test("a backslash is doubled, so a typed `\\e` cannot pass for an escaped ESC")
    func backslash() {
        #expect(PlainText.escaped(#"C:\e"#) == #"C:\\e"#)
        #expect(PlainText.escaped("\u{1B}") != PlainText.escaped(#"\e"#))
    }

    @Test("CJK, combining marks, emoji and ordinary punctuation are untouched")
    func untouched() {
        for text in ["张伟 申请融资 ¥500,000", "e\u{301}te\u{301}", "👍🏽 ok", "Zoë | a=b; {c}", "", "ﾊﾝｶｸ"] {
            #expect(PlainText.escaped(text) == text)
            #expect(Array(PlainText.escaped(text).utf8) == Array(text.utf8))
        }
    }

    @Test func escapedLinesKeepsOurLineBreaks() {
        #expect(PlainText.escapedLines("Error: bad '\u{1B}[2J'\nUsage: x") == "Error: bad '\\e[2J'\nUsage: x")
    }
}
