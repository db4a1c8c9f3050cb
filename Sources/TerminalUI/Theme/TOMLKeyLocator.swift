/// Finds the line on which a TOML key is written, for error messages about values that parsed fine.
///
/// It understands table headers, dotted and quoted keys, and inline tables on one line; it is a
/// best-effort scan, not a parser.
struct TOMLKeyLocator {
    private struct Entry {
        var path: String
        var line: Int
    }

    private let entries: [Entry]

    init(source: String) {
        var entries: [Entry] = []
        var section: [String] = []
        for (offset, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = TOMLKeyLocator.stripComment(String(rawLine)).trimmingWhitespace()
            guard !line.isEmpty else { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                section = TOMLKeyLocator.components(of: String(inner))
                entries.append(Entry(path: section.joined(separator: "."), line: offset + 1))
            } else if let equals = TOMLKeyLocator.firstUnquoted("=", in: line) {
                let key = TOMLKeyLocator.components(of: String(line[..<equals]))
                entries.append(Entry(path: (section + key).joined(separator: "."), line: offset + 1))
            }
        }
        self.entries = entries
    }

    /// The line (1-based) of `key`, or of the nearest enclosing table or inline table written in the file.
    func line(of key: [String]) -> Int? {
        let target = key.joined(separator: ".")
        var best: Entry?
        for entry in entries {
            if entry.path == target {
                return entry.line
            }
            if target.hasPrefix(entry.path + "."), entry.path.count > (best?.path.count ?? -1) {
                best = entry
            }
        }
        return best?.line
    }

    /// Splits a dotted key into its parts, removing quotes.
    static func components(of key: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in key {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingWhitespace())
        return parts
    }

    private static func firstUnquoted(_ target: Character, in line: String) -> String.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
            index = line.index(after: index)
        }
        return nil
    }

    private static func stripComment(_ line: String) -> String {
        guard let hash = firstUnquoted("#", in: line) else { return line }
        return String(line[..<hash])
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
