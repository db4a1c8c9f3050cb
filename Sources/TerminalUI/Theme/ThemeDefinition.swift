/// A parsed theme file: what it declares itself, before inheritance is applied.
struct ThemeDefinition: Sendable {
    var name: String
    var inherits: String?
    var palette: [String: TerminalColor]
    var roles: [String: RoleSpec]
    /// Where the definition came from, for error messages ("<built-in default>" for compiled-in themes).
    var path: String
    /// The source text, kept to find the line of a key when reporting semantic errors.
    var source: String
}
