/// One role's entry in a theme file: only the properties it sets.
struct RoleSpec: Hashable, Sendable {
    var foreground: ColorSpec?
    var background: ColorSpec?
    var bold: Bool?
    var underline: Bool?
    var reverse: Bool?
    var dim: Bool?

    /// Property names accepted inside a role.
    static let attributeNames: Set<String> = ["fg", "bg", "bold", "underline", "reverse", "dim"]
}
