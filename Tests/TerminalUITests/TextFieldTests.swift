import Testing
@testable import TerminalUI

@Suite struct TextFieldTests {
    @Test func insertsAtCursorAndMovesIt() {
        var field = TextField()
        field.insert(contentsOf: "ac")
        field.moveLeft()
        field.insert("b")
        #expect(field.text == "abc")
        #expect(field.cursor == 2)
    }

    @Test func backspaceAndDeleteRemoveAroundCursor() {
        var field = TextField(text: "hello")
        field.deleteBackward()
        #expect(field.text == "hell")
        field.moveToStart()
        field.deleteBackward()
        #expect(field.text == "hell")
        field.deleteForward()
        #expect(field.text == "ell")
        #expect(field.cursor == 0)
    }

    @Test func keysDriveEditing() {
        var field = TextField()
        for key in [Key.character("张"), .character("伟"), .home, .character(">"), .end, .backspace, .left, .right] {
            let handled = field.handle(key)
            #expect(handled)
        }
        #expect(field.text == ">张")
        #expect(field.cursor == 2)
        let enter = field.handle(.enter)
        let escape = field.handle(.escape)
        #expect(!enter)
        #expect(!escape)
    }

    @Test func respectsMaxLengthAndRejectsControlCharacters() {
        var field = TextField(maxLength: 3)
        field.insert(contentsOf: "abcdef")
        #expect(field.text == "abc")
        var other = TextField()
        other.insert("\n")
        other.insert("\u{7}")
        #expect(other.isEmpty)
    }

    @Test func visibleTextScrollsToKeepCursorInView() {
        var field = TextField(text: "abcdefghij")
        let end = field.visibleText(width: 5)
        #expect(end.text == "ghij")
        #expect(end.cursorColumn == 4)
        field.moveToStart()
        let start = field.visibleText(width: 5)
        #expect(start.text == "abcde")
        #expect(start.cursorColumn == 0)
    }

    @Test func pasteBeyondTheLimitIsCutAndTheFieldSaysSo() {
        var field = TextField(maxLength: 5)
        for character in "abcdefgh" { field.handle(.character(character)) }
        #expect(field.text == "abcde")
        #expect(field.count == 5)
        #expect(field.isFull)
        #expect(field.reachedLimit)
        field.handle(.backspace)
        #expect(!field.reachedLimit, "deleting makes room again")
        field.handle(.character("z"))
        #expect(field.text == "abcdz")
        #expect(!field.reachedLimit)
        // Text given at creation is cut too.
        #expect(TextField(text: "0123456789", maxLength: 4).text == "0123")
    }

    @Test func aLongPasteKeepsExactlyTheLimitWithTheCursorAtTheEnd() {
        var field = TextField(maxLength: 2_000)
        let pattern = Array("margin 保证金 ")
        for i in 0..<50_000 { field.insert(pattern[i % pattern.count]) }
        #expect(field.count == 2_000)
        #expect(field.cursor == 2_000)
        #expect(field.text.hasPrefix("margin 保证金 margin"))
        // Inserting in the middle shifts the rest and keeps the count bounded.
        field.moveToStart()
        field.insert(">")
        #expect(field.count == 2_000, "full: the insert was refused")
        field.deleteForward()
        field.insert(">")
        #expect(field.text.hasPrefix(">argin"))
        #expect(field.cursor == 1)
    }

    @Test func combiningMarkJoinsThePreviousCharacter() {
        var field = TextField(maxLength: 2)
        field.insert("e")
        field.insert("\u{301}")
        #expect(field.count == 1)
        #expect(field.text == "é")
        #expect(field.cursor == 1)
        field.insert("x")
        field.insert("y")
        #expect(field.text == "éx")
    }

    @Test func visibleTextCountsWideCharactersAndFollowsTheCursor() {
        var field = TextField(text: "张伟abc李")
        // Width 6: the cursor at the end needs a free column, so 5 columns of text end just before it: "abc李".
        let end = field.visibleText(width: 6)
        #expect(end.text == "abc李")
        #expect(end.cursorColumn == 5)
        field.moveToStart()
        field.moveRight()
        let second = field.visibleText(width: 6)
        #expect(second.text == "张伟ab")
        #expect(second.cursorColumn == 2)
        #expect(field.visibleText(width: 0).text == "")
    }
}
