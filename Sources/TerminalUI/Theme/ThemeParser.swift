import TOMLKit

/// Turns the TOML text of a theme file into a `ThemeDefinition`, checking types and colour syntax.
struct ThemeParser {
    let path: String
    let source: String
    private let locator: TOMLKeyLocator

    init(path: String, source: String) {
        self.path = path
        self.source = source
        self.locator = TOMLKeyLocator(source: source)
    }

    /// Parses the whole file; `defaultName` is used when the file has no `name` key.
    func parse(defaultName: String) throws(ThemeError) -> ThemeDefinition {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ThemeError(kind: .syntax, file: path, line: error.source.begin.line, message: error.description)
        } catch {
            throw ThemeError(kind: .syntax, file: path, message: "\(error)")
        }

        var definition = ThemeDefinition(
            name: defaultName, inherits: nil, palette: [:], roles: [:], path: path, source: source
        )
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            switch key {
            case "name":
                definition.name = try string(value, key: ["name"])
            case "inherits":
                definition.inherits = try string(value, key: ["inherits"])
            case "palette":
                definition.palette = try palette(value)
            case "roles":
                try parseRoles(value, path: [], into: &definition.roles)
            default:
                throw error(.unknownKey, key: [key], "unknown key (expected name, inherits, palette or roles)")
            }
        }
        return definition
    }

    /// Builds the error for `key`, finding its line in the source.
    func error(_ kind: ThemeError.Kind, key: [String], _ message: String) -> ThemeError {
        ThemeError(kind: kind, file: path, line: locator.line(of: key), key: key.joined(separator: "."), message: message)
    }

    // MARK: - Sections

    private func palette(_ value: TOMLValueConvertible) throws(ThemeError) -> [String: TerminalColor] {
        guard let table = value.table else {
            throw error(.invalidValue, key: ["palette"], "expected a table of named colours")
        }
        var palette: [String: TerminalColor] = [:]
        for name in table.keys.sorted() {
            guard let entry = table[name] else { continue }
            let key = ["palette", name]
            if let index = entry.int {
                guard let color = ColorSpec.index(index) else {
                    throw error(.invalidValue, key: key, "colour index \(index) is outside 0–255")
                }
                palette[name] = color
            } else if let text = entry.string {
                guard let color = ColorSpec.literal(text) else {
                    throw error(.unknownColor, key: key, "unknown colour \"\(text)\"")
                }
                palette[name] = color
            } else {
                throw error(.invalidValue, key: key, "expected a colour index 0–255, \"#rrggbb\" or a colour name")
            }
        }
        return palette
    }

    /// Reads `[roles]`, where a role is a table of attributes and nested tables are sub-roles.
    private func parseRoles(_ value: TOMLValueConvertible, path rolePath: [String], into roles: inout [String: RoleSpec]) throws(ThemeError) {
        guard let table = value.table else {
            throw error(.invalidValue, key: ["roles"] + rolePath, "expected a table")
        }
        var spec = RoleSpec()
        var hasAttributes = false
        for name in table.keys.sorted() {
            guard let entry = table[name] else { continue }
            if let nested = entry.table {
                try parseRoles(nested, path: rolePath + [name], into: &roles)
                continue
            }
            let role = rolePath.joined(separator: ".")
            let key = ["roles", role, name]
            guard !rolePath.isEmpty else {
                throw error(.invalidValue, key: ["roles", name], "expected a table such as { fg = \"red\", bold = true }")
            }
            hasAttributes = true
            switch name {
            case "fg":
                spec.foreground = try color(entry, key: key)
            case "bg":
                spec.background = try color(entry, key: key)
            case "bold":
                spec.bold = try bool(entry, key: key)
            case "underline":
                spec.underline = try bool(entry, key: key)
            case "reverse":
                spec.reverse = try bool(entry, key: key)
            case "dim":
                spec.dim = try bool(entry, key: key)
            default:
                throw error(.unknownKey, key: key, "unknown attribute (expected fg, bg, bold, underline, reverse or dim)")
            }
        }
        if hasAttributes || (table.isEmpty && !rolePath.isEmpty) {
            roles[rolePath.joined(separator: ".")] = spec
        }
    }

    // MARK: - Values

    private func color(_ value: TOMLValueConvertible, key: [String]) throws(ThemeError) -> ColorSpec {
        if let index = value.int {
            guard let color = ColorSpec.index(index) else {
                throw error(.invalidValue, key: key, "colour index \(index) is outside 0–255")
            }
            return .color(color)
        }
        guard let text = value.string else {
            throw error(.invalidValue, key: key, "expected a colour index 0–255, \"#rrggbb\" or a colour name")
        }
        if text.hasPrefix("#") {
            guard let color = ColorSpec.hex(text.lowercased()) else {
                throw error(.invalidValue, key: key, "\"\(text)\" is not a #rrggbb colour")
            }
            return .color(color)
        }
        return .name(text)
    }

    private func bool(_ value: TOMLValueConvertible, key: [String]) throws(ThemeError) -> Bool {
        guard let flag = value.bool else {
            throw error(.invalidValue, key: key, "expected true or false")
        }
        return flag
    }

    private func string(_ value: TOMLValueConvertible, key: [String]) throws(ThemeError) -> String {
        guard let text = value.string else {
            throw error(.invalidValue, key: key, "expected a string")
        }
        return text
    }
}
