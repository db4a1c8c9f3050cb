#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TerminalUI

/// Drives the real ncurses terminal on /dev/null and a pipe; ncurses is global state, so this suite is serialized.
@Suite(.serialized) struct NCursesHeadlessTests {
    /// An ncurses terminal whose output goes to /dev/null and whose input comes from a pipe we write to.
    final class Harness {
        let terminal: NCursesTerminal
        private let output: UnsafeMutablePointer<FILE>
        private let input: UnsafeMutablePointer<FILE>
        private let writeEnd: Int32

        init() throws {
            setlocale(LC_ALL, "C.UTF-8")
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            output = try #require(fopen("/dev/null", "w"))
            input = try #require(fdopen(fds[0], "r"))
            writeEnd = fds[1]
            terminal = try NCursesTerminal(terminalType: "xterm-256color", output: output, input: input)
        }

        func type(_ bytes: String) {
            var data = Array(bytes.utf8)
            _ = write(writeEnd, &data, data.count)
        }

        deinit {
            terminal.shutdown()
            close(writeEnd)
            fclose(input)
            fclose(output)
        }
    }

    @Test func presentsWideTextWithStylesAndReadsKeys() throws {
        let harness = try Harness()
        let terminal = harness.terminal
        terminal.resize(to: Size(width: 40, height: 10))
        #expect(terminal.readKey(timeoutMilliseconds: 200) == .resize)
        #expect(terminal.size == Size(width: 40, height: 10))

        var grid = Grid(width: 40, height: 10)
        grid.put("张伟 ok", x: 2, y: 1, style: Style(foreground: .indexed(196), bold: true))
        grid.put("plain", x: 0, y: 9, style: .plain)
        terminal.present(grid)
        #expect(terminal.screenCell(x: 2, y: 1)?.text == "张")
        #expect(terminal.screenCell(x: 4, y: 1)?.text == "伟")
        #expect(terminal.screenCell(x: 7, y: 1)?.text == "o")
        #expect(terminal.screenCell(x: 2, y: 1)?.bold == true)
        #expect(terminal.screenCell(x: 0, y: 9)?.bold == false)
        #expect(terminal.screenCell(x: 0, y: 9)?.pair == 0)
        if getenv("NO_COLOR") == nil {
            #expect(terminal.colorDepth == .twoFiftySix)
            #expect((terminal.screenCell(x: 2, y: 1)?.pair ?? 0) > 0)
        }

        // A second frame changes one word; the rest of the screen is kept.
        grid.put("OK", x: 7, y: 1, style: .plain)
        terminal.present(grid)
        #expect(terminal.screenCell(x: 7, y: 1)?.text == "O")
        #expect(terminal.screenCell(x: 2, y: 1)?.text == "张")
        #expect(terminal.screenCell(x: 0, y: 9)?.text == "p")

        // xterm in keypad-transmit mode sends ESC O B for the down arrow.
        harness.type("\u{1b}OBa\r\u{7f}\u{3}张")
        #expect(terminal.readKey(timeoutMilliseconds: 500) == .down)
        #expect(terminal.readKey(timeoutMilliseconds: 500) == .character("a"))
        #expect(terminal.readKey(timeoutMilliseconds: 500) == .enter)
        #expect(terminal.readKey(timeoutMilliseconds: 500) == .backspace)
        #expect(terminal.readKey(timeoutMilliseconds: 500) == .control("c"))
        #expect(terminal.readKey(timeoutMilliseconds: 500) == .character("张"))
        #expect(terminal.readKey(timeoutMilliseconds: 30) == nil)

        terminal.shutdown()
        terminal.shutdown()
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
    }
}
