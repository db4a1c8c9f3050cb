import Testing
@testable import TerminalUI

@Suite struct VirtualTerminalTests {
    @Test func keepsLastFrameAndReplaysKeys() {
        let terminal = VirtualTerminal(width: 20, height: 3)
        #expect(terminal.screenText == "")
        var grid = Grid(size: terminal.size)
        grid.put("riskdesk", x: 0, y: 0, style: .plain)
        terminal.present(grid)
        #expect(terminal.screenText == "riskdesk\n\n")
        #expect(terminal.presentCount == 1)
        terminal.enqueue([.down, .character("a")])
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .down)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .character("a"))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func resizeChangesSizeAndQueuesResizeKey() {
        let terminal = VirtualTerminal(width: 80, height: 24)
        terminal.resize(to: Size(width: 100, height: 30))
        #expect(terminal.size == Size(width: 100, height: 30))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .resize)
        terminal.shutdown()
        #expect(terminal.isShutDown)
    }

    @Test func terminalErrorsSpeakToAPerson() {
        #expect(TerminalError.notATerminal.description == "riskdesk needs an interactive terminal: stdin/stdout is not a TTY")
        #expect(TerminalError.notUTF8("ANSI_X3.4-1968").description
            == "riskdesk needs a UTF-8 locale (current codeset: ANSI_X3.4-1968); try LANG=C.UTF-8")
        #expect(TerminalError.unknownTerminal("vt999").description == "unknown terminal type 'vt999'")
        #expect(NCursesTerminal.isUTF8("UTF-8"))
        #expect(NCursesTerminal.isUTF8("utf8"))
        #expect(!NCursesTerminal.isUTF8("ANSI_X3.4-1968"))
    }

    @Test func colourAdaptationMapsDown() {
        #expect(TerminalColor.indexed(196).adapted(to: .sixteen) == .ansi(9))
        #expect(TerminalColor.indexed(21).adapted(to: .sixteen) == .ansi(12) || TerminalColor.indexed(21).adapted(to: .sixteen) == .ansi(4))
        #expect(TerminalColor.indexed(232).adapted(to: .sixteen) == .ansi(0))
        #expect(TerminalColor.indexed(3).adapted(to: .sixteen) == .ansi(3))
        #expect(TerminalColor.ansi(2).adapted(to: .none) == .default)
        #expect(TerminalColor.indexed(100).adapted(to: .twoFiftySix) == .indexed(100))
    }
}
