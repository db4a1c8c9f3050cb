import Testing
@testable import TerminalUI

@Suite struct KeyTests {
    @Test func displayNamesReadLikeHelpText() {
        #expect(Key.tab.displayName == "Tab")
        #expect(Key.backTab.displayName == "Shift-Tab")
        #expect(Key.pageUp.displayName == "PgUp")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.enter.displayName == "Enter")
        #expect(Key.escape.displayName == "Esc")
        #expect(Key.up.displayName == "↑")
        #expect(Key.control("c").displayName == "Ctrl-C")
        #expect(Key.character("a").displayName == "a")
        #expect(Key.character(" ").displayName == "Space")
        #expect(Key.function(5).displayName == "F5")
    }

    @Test func controlBytesMapToLetters() {
        #expect(Key.control(byte: 3) == .control("c"))
        #expect(Key.control(byte: 1) == .control("a"))
        #expect(Key.control(byte: 26) == .control("z"))
        #expect(Key.control(byte: 27) == nil)
    }

    @Test func ncursesCharacterCodesMapToKeys() {
        #expect(NCursesKeyMap.key(forCharacter: 13) == .enter)
        #expect(NCursesKeyMap.key(forCharacter: 10) == .enter)
        #expect(NCursesKeyMap.key(forCharacter: 27) == .escape)
        #expect(NCursesKeyMap.key(forCharacter: 9) == .tab)
        #expect(NCursesKeyMap.key(forCharacter: 127) == .backspace)
        #expect(NCursesKeyMap.key(forCharacter: 3) == .control("c"))
        #expect(NCursesKeyMap.key(forCharacter: 0x5F20) == .character("张"))
    }
}
