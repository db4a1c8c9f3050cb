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
}
