/// An editable single line of text with a cursor, for dialogs and filters.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// The cursor position in characters, from 0 (before the first) to `text.count` (after the last).
    public private(set) var cursor: Int
    /// The most characters the field accepts, if limited.
    public var maxLength: Int?

    /// A field holding `text` with the cursor at its end.
    public init(text: String = "", maxLength: Int? = nil) {
        self.text = text
        self.cursor = text.count
        self.maxLength = maxLength
    }

    /// Whether the field holds no text.
    public var isEmpty: Bool { text.isEmpty }

    /// Inserts a character at the cursor, unless it is a control character or the field is full.
    public mutating func insert(_ character: Character) {
        guard !character.isNewline, character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return }
        if let maxLength, text.count >= maxLength { return }
        text.insert(character, at: index(at: cursor))
        cursor += 1
    }

    /// Inserts each character of `string` at the cursor.
    public mutating func insert(contentsOf string: String) {
        for character in string {
            insert(character)
        }
    }

    /// Deletes the character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: index(at: cursor - 1))
        cursor -= 1
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index(at: cursor))
    }

    /// Deletes everything before the cursor.
    public mutating func deleteToStart() {
        text.removeSubrange(text.startIndex..<index(at: cursor))
        cursor = 0
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }

    /// Replaces the whole text and puts the cursor at its end.
    public mutating func setText(_ newText: String) {
        text = ""
        cursor = 0
        insert(contentsOf: newText)
    }

    /// Applies an editing key; returns false for keys the field does not use (Enter, Esc, Tab, …).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character): insert(character)
        case .backspace: deleteBackward()
        case .delete, .control("d"): deleteForward()
        case .left, .control("b"): moveLeft()
        case .right, .control("f"): moveRight()
        case .home, .control("a"): moveToStart()
        case .end, .control("e"): moveToEnd()
        case .control("u"): deleteToStart()
        default: return false
        }
        return true
    }

    /// The part of the text to show in `width` columns, scrolled so the cursor is visible, and the
    /// cursor's column within it.
    public func visibleText(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let characters = Array(text)
        var start = 0
        var beforeCursor = characters[0..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        // Keep one column free for the cursor itself.
        while beforeCursor > width - 1, start < cursor {
            beforeCursor -= DisplayWidth.of(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for character in characters[start...] {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            shown.append(character)
            used += w
        }
        return (shown, beforeCursor)
    }

    private func index(at offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: min(max(0, offset), text.count))
    }
}
