import Foundation

/// Finds theme files by name, parses them with inheritance and palettes, and adapts them to the terminal.
///
/// Search order: the user's directory (`$XDG_CONFIG_HOME/riskdesk/themes` or `~/.config/riskdesk/themes`),
/// then the bundled `themes/` directory, then the built-in `default` and `mono` themes.
public struct ThemeLoader: Sendable {
    /// Directories searched in order for `NAME.toml`.
    public var searchDirectories: [String]

    public init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    /// A loader that searches the user's theme directory, then `bundledDirectory`.
    public init(bundledDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.searchDirectories = [ThemeLoader.userDirectory(environment: environment), bundledDirectory].compactMap { $0 }
    }

    /// The user's theme directory, from `XDG_CONFIG_HOME` or `HOME`.
    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return config + "/riskdesk/themes"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/riskdesk/themes"
        }
        return nil
    }

    /// The names of all themes that can be loaded, sorted, without duplicates.
    public func availableThemeNames() -> [String] {
        var names = Set(BuiltInThemes.sources.keys)
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Loads the theme called `name`, applying its ancestors; colours are left at full depth.
    public func load(name: String) throws(ThemeError) -> Theme {
        try compose(name: name, chain: [])
    }

    /// Loads the theme in the file at `path` (its parents are still found by name).
    public func load(contentsOf path: String) throws(ThemeError) -> Theme {
        let definition = try ThemeLoader.parseFile(at: path)
        return try compose(definition, chain: [definition.name])
    }

    /// Parses a theme from TOML text; `path` is only used in error messages.
    public func load(source: String, path: String) throws(ThemeError) -> Theme {
        let definition = try ThemeParser(path: path, source: source).parse(defaultName: ThemeLoader.stem(of: path))
        return try compose(definition, chain: [definition.name])
    }

    /// The theme to use on a terminal of `colorDepth`, never failing.
    ///
    /// Without colour (or with `NO_COLOR`) this is `mono`. If `name` cannot be loaded the default
    /// theme is used and the warning says why, for the status bar.
    public func themeOrFallback(name: String, colorDepth: ColorDepth) -> (theme: Theme, warning: String?) {
        if colorDepth == .none {
            return ((try? load(name: "mono")) ?? BuiltInThemes.mono, nil)
        }
        do {
            return (try load(name: name).adapted(to: colorDepth), nil)
        } catch {
            let fallback = (try? load(name: "default")) ?? BuiltInThemes.fallback
            return (fallback.adapted(to: colorDepth), "theme \(name): \(error.description); using the default theme")
        }
    }

    // MARK: - Lookup

    private func definition(named name: String) throws(ThemeError) -> ThemeDefinition? {
        guard ThemeLoader.isValidName(name) else {
            throw ThemeError(kind: .notFound, key: nil, message: "invalid theme name \"\(name)\"")
        }
        for directory in searchDirectories {
            let path = directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) {
                return try ThemeLoader.parseFile(at: path)
            }
        }
        if let source = BuiltInThemes.sources[name] {
            return try ThemeParser(path: "<built-in \(name)>", source: source).parse(defaultName: name)
        }
        return nil
    }

    private func compose(name: String, chain: [String]) throws(ThemeError) -> Theme {
        guard let definition = try definition(named: name) else {
            let places = searchDirectories.isEmpty ? "built-in themes" : searchDirectories.joined(separator: ", ")
            throw ThemeError(kind: .notFound, message: "theme \"\(name)\" not found in \(places)")
        }
        return try compose(definition, chain: chain + [name])
    }

    /// Applies `definition` over its ancestors, resolving palette names against the merged palette.
    private func compose(_ definition: ThemeDefinition, chain: [String]) throws(ThemeError) -> Theme {
        let lineage = try ancestors(of: definition, chain: chain) + [definition]
        var palette: [String: TerminalColor] = [:]
        for member in lineage {
            palette.merge(member.palette) { _, new in new }
        }
        var roles: [String: Style] = [:]
        for member in lineage {
            for (role, spec) in member.roles {
                roles[role] = try apply(spec, role: role, over: roles[role] ?? .plain, palette: palette, from: member)
            }
        }
        return Theme(name: definition.name, roles: roles)
    }

    /// The ancestors of `definition`, root first.
    private func ancestors(of definition: ThemeDefinition, chain: [String]) throws(ThemeError) -> [ThemeDefinition] {
        guard let parentName = definition.inherits else { return [] }
        let parser = ThemeParser(path: definition.path, source: definition.source)
        if chain.contains(parentName) {
            let cycle = (chain + [parentName]).joined(separator: " → ")
            throw parser.error(.inheritanceCycle, key: ["inherits"], "inheritance cycle: \(cycle)")
        }
        guard let parent = try self.definition(named: parentName) else {
            throw parser.error(.missingParent, key: ["inherits"], "parent theme \"\(parentName)\" not found")
        }
        return try ancestors(of: parent, chain: chain + [parentName]) + [parent]
    }

    private func apply(
        _ spec: RoleSpec, role: String, over base: Style, palette: [String: TerminalColor], from member: ThemeDefinition
    ) throws(ThemeError) -> Style {
        var style = base
        let parser = ThemeParser(path: member.path, source: member.source)
        func resolve(_ color: ColorSpec, _ attribute: String) throws(ThemeError) -> TerminalColor {
            guard let resolved = color.resolve(in: palette) else {
                var name = ""
                if case .name(let text) = color { name = text }
                throw parser.error(.unknownColor, key: ["roles", role, attribute], "unknown colour \"\(name)\"")
            }
            return resolved
        }
        if let foreground = spec.foreground { style.foreground = try resolve(foreground, "fg") }
        if let background = spec.background { style.background = try resolve(background, "bg") }
        if let bold = spec.bold { style.bold = bold }
        if let underline = spec.underline { style.underline = underline }
        if let reverse = spec.reverse { style.reverse = reverse }
        if let dim = spec.dim { style.dim = dim }
        return style
    }

    // MARK: - Files

    private static func parseFile(at path: String) throws(ThemeError) -> ThemeDefinition {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(kind: .unreadable, file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try ThemeParser(path: path, source: source).parse(defaultName: stem(of: path))
    }

    private static func stem(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
    }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
