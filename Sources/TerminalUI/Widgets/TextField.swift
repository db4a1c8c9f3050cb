/// An editable single line of text with a cursor, for dialogs and filters.
///
/// The text is kept as an array of characters with the cursor as an index into it, so typing or pasting
/// at the cursor costs O(1) amortised per character (no walk from the start of a `String`), and drawing
/// looks only at the characters around the cursor that fit on screen. A field with a `maxLength` refuses
/// what would go beyond it and remembers that it did (`reachedLimit`), so a dialog can say so.
public struct TextField: Hashable, Sendable {
    private var characters: [Character]
    /// The cursor position in characters, from 0 (before the first) to `count` (after the last).
    public private(set) var cursor: Int
    /// The most characters the field accepts, if limited.
    public var maxLength: Int?
    /// True once a character was refused because the field was full; cleared by any deletion.
    public private(set) var reachedLimit = false

    /// A field holding `text` (cut to `maxLength`, control characters dropped) with the cursor at its end.
    public init(text: String = "", maxLength: Int? = nil) {
        self.characters = []
        self.cursor = 0
        self.maxLength = maxLength.map { max(0, $0) }
        insert(contentsOf: text)
    }

    /// The text as a string (built on demand: O(length)).
    public var text: String { String(characters) }

    /// The number of characters held.
    public var count: Int { characters.count }

    /// Whether the field holds no text.
    public var isEmpty: Bool { characters.isEmpty }

    /// Whether the field holds as many characters as it accepts.
    public var isFull: Bool { maxLength.map { characters.count >= $0 } ?? false }

    /// Inserts a character at the cursor, unless it is a control character or the field is full.
    /// A combining mark joins the character before the cursor, as it would in a `String`.
    public mutating func insert(_ character: Character) {
        guard !character.isNewline, character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return }
        // Only a zero-width character (a combining mark, a joiner) can join the one before it.
        if cursor > 0, DisplayWidth.of(character) == 0 {
            var joined = String(characters[cursor - 1])
            joined.append(character)
            if joined.count == 1, let merged = joined.first {
                characters[cursor - 1] = merged
                return
            }
        }
        if isFull {
            reachedLimit = true
            return
        }
        if cursor == characters.count {
            characters.append(character)
        } else {
            characters.insert(character, at: cursor)
        }
        cursor += 1
    }

    /// Inserts each character of `string` at the cursor, up to the limit.
    public mutating func insert(contentsOf string: String) {
        for character in string {
            insert(character)
            if reachedLimit { return }
        }
    }

    /// Deletes the character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
        reachedLimit = false
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        reachedLimit = false
    }

    /// Deletes everything before the cursor.
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
        reachedLimit = false
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    /// Replaces the whole text and puts the cursor at its end.
    public mutating func setText(_ newText: String) {
        characters = []
        cursor = 0
        reachedLimit = false
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
    /// cursor's column within it. Looks only at the characters that can be on screen: O(width).
    public func visibleText(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        // Walk back from the cursor while the characters fit, keeping one column free for the cursor itself.
        var start = cursor
        var beforeCursor = 0
        while start > 0 {
            let w = DisplayWidth.of(characters[start - 1])
            if beforeCursor + w > width - 1 { break }
            beforeCursor += w
            start -= 1
        }
        var shown = ""
        var used = 0
        var index = start
        while index < characters.count {
            let w = DisplayWidth.of(characters[index])
            if used + w > width { break }
            shown.append(characters[index])
            used += w
            index += 1
        }
        return (shown, beforeCursor)
    }
}
