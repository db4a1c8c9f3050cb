/// A theme that could not be loaded, with the file, line and key to fix when known.
public struct ThemeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for code that reacts to particular failures.
    public enum Kind: Hashable, Sendable {
        case syntax
        case invalidValue
        case unknownColor
        case unknownKey
        case inheritanceCycle
        case missingParent
        case notFound
        case unreadable
    }

    public var kind: Kind
    public var file: String?
    public var line: Int?
    public var key: String?
    public var message: String

    public init(kind: Kind, file: String? = nil, line: Int? = nil, key: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// For example `themes/broken.toml:7: key "roles.grade.A.fg": unknown colour "purplish"`.
    public var description: String {
        var parts: [String] = []
        if let file {
            parts.append(line.map { "\(file):\($0)" } ?? file)
        }
        if let key {
            parts.append("key \"\(key)\"")
        }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
