/// Maps semantic roles such as "table.selected" or "grade.E" to styles.
///
/// A role that the theme does not define falls back to its parent role ("grade.C" → "grade"),
/// and finally to the plain style.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// The styles the theme defines, by role.
    public private(set) var roles: [String: Style]

    public init(name: String, roles: [String: Style]) {
        self.name = name
        self.roles = roles
    }

    /// The style for `role`, or for its nearest defined parent role.
    public func style(_ role: String) -> Style {
        var candidate = Substring(role)
        while true {
            if let style = roles[String(candidate)] {
                return style
            }
            guard let dot = candidate.lastIndex(of: ".") else { return .plain }
            candidate = candidate[..<dot]
        }
    }

    /// Defines or replaces the style of one role.
    public mutating func setStyle(_ style: Style, for role: String) {
        roles[role] = style
    }

    /// The theme with every colour adapted to what a terminal of `depth` can show.
    public func adapted(to depth: ColorDepth) -> Theme {
        Theme(name: name, roles: roles.mapValues { $0.adapted(to: depth) })
    }

    /// The roles every theme shipped with riskdesk defines.
    public static let standardRoles: [String] = [
        "pane.border", "pane.title", "pane.border.focus", "pane.title.focus", "pane.counter",
        "table.header", "table.selected", "table.row",
        "grade.A", "grade.B", "grade.C", "grade.D", "grade.E",
        "severity.info", "severity.warning", "severity.critical",
        "status.info", "status.error",
        "dialog", "dialog.border", "dialog.title", "dialog.field", "dialog.error", "dialog.hint",
        "header", "footer", "footer.key", "footer.disabled", "training.banner", "muted", "highlight",
        "cursor", "sparkline", "help", "help.key", "help.section",
    ]
}
