/// The `default` and `mono` themes compiled into the binary, so riskdesk runs without any theme files.
///
/// The text is the same as `themes/default.toml` and `themes/mono.toml`; a test keeps them in step.
enum BuiltInThemes {
    static let sources: [String: String] = ["default": defaultSource, "mono": monoSource]

    /// The built-in mono theme, or the minimal fallback if its text were ever broken.
    static var mono: Theme {
        (try? ThemeLoader(searchDirectories: []).load(name: "mono")) ?? fallback
    }

    /// A last-resort theme that needs no parsing: selection in reverse video, headers bold.
    static let fallback = Theme(name: "fallback", roles: [
        "table.selected": Style(reverse: true),
        "table.header": Style(bold: true, underline: true),
        "pane.border.focus": Style(bold: true),
        "pane.title.focus": Style(bold: true, reverse: true),
        "status.error": Style(bold: true, reverse: true),
        "status.info": Style(reverse: true),
        "header": Style(bold: true, reverse: true),
        "footer": Style(reverse: true),
        "footer.disabled": Style(reverse: true, dim: true),
        "cursor": Style(reverse: true),
    ])

    static let defaultSource = """
# riskdesk default theme: 256 colours on the terminal's own background.
# The same text is compiled into riskdesk, so the app works without this file.
name = "default"

[palette]
accent = 39        # bright blue
accent-dark = 24   # deep blue
good = 34          # green
fair = 142         # olive
watch = 178        # gold
poor = 208         # orange
bad = 196          # red
grey = 244
panel-bg = 235
bar-bg = 236
field-bg = 238
text = 252

[roles]
"pane.border" = { fg = "grey" }
"pane.title" = { fg = "text", bold = true }
"pane.border.focus" = { fg = "accent", bold = true }
"pane.title.focus" = { fg = "bright-white", bg = "accent-dark", bold = true }
"pane.counter" = { fg = "grey" }
"table.header" = { fg = "text", bold = true, underline = true }
"table.row" = {}
"table.selected" = { fg = "bright-white", bg = "accent-dark", bold = true }
"grade.A" = { fg = "good", bold = true }
"grade.B" = { fg = "fair" }
"grade.C" = { fg = "watch" }
"grade.D" = { fg = "poor" }
"grade.E" = { fg = "bad", bold = true }
"severity.info" = { fg = "accent" }
"severity.warning" = { fg = "poor", bold = true }
"severity.critical" = { fg = "bright-white", bg = 160, bold = true }
"status.info" = { fg = "text", bg = "bar-bg" }
"status.error" = { fg = "bright-white", bg = 124, bold = true }
"dialog" = { fg = "text", bg = "panel-bg" }
"dialog.border" = { fg = "accent", bg = "panel-bg", bold = true }
"dialog.title" = { fg = "bright-white", bg = "panel-bg", bold = true }
"dialog.field" = { fg = "bright-white", bg = "field-bg" }
"dialog.error" = { fg = 203, bg = "panel-bg", bold = true }
"dialog.hint" = { fg = "grey", bg = "panel-bg" }
"header" = { fg = "bright-white", bg = "accent-dark", bold = true }
"footer" = { fg = "text", bg = "bar-bg" }
"footer.key" = { fg = 214, bg = "bar-bg", bold = true }
"footer.disabled" = { fg = "grey", bg = "bar-bg" }
"training.banner" = { fg = "black", bg = 214, bold = true }
"alert.new" = { bold = true }
"header.stale" = { bold = true, reverse = true }
"muted" = { fg = "grey" }
"highlight" = { fg = 220, bold = true }
"cursor" = { reverse = true }
"sparkline" = { fg = "accent" }
"sparkline.day" = { fg = "fair" }
"metrics.title" = { fg = "text", bold = true }
"metrics.figure" = { fg = "bright-white", bold = true }
"header.policy.tight" = { fg = "black", bg = "watch", bold = true }
"help" = { fg = "text", bg = "panel-bg" }
"help.key" = { fg = 214, bg = "panel-bg", bold = true }
"help.section" = { fg = "bright-white", bg = "panel-bg", bold = true, underline = true }
"model.status.champion" = { fg = "good", bold = true }
"model.status.challenger" = { fg = "accent", bold = true }
"model.status.candidate" = { fg = "text" }
"model.status.retired" = { fg = "grey" }
"model.psi.stable" = { fg = "good" }
"model.psi.watch" = { fg = "watch", bold = true }
"model.psi.critical" = { fg = "bad", bold = true, reverse = true }
"model.mark" = { fg = "poor", bold = true }
"model.better" = { fg = "good" }
"chart.roc" = { fg = "accent", bold = true }
"chart.diagonal" = { fg = "grey" }
"chart.good" = { fg = "accent" }
"chart.bad" = { fg = "poor" }

"""

    static let monoSource = """
# riskdesk mono theme: attributes only, for terminals without colour and for NO_COLOR.
# The same text is compiled into riskdesk, so the app works without this file.
name = "mono"

[roles]
"pane.border" = {}
"pane.title" = { bold = true }
"pane.border.focus" = { bold = true }
"pane.title.focus" = { bold = true, reverse = true }
"pane.counter" = {}
"table.header" = { bold = true, underline = true }
"table.row" = {}
"table.selected" = { reverse = true }
"grade.A" = {}
"grade.B" = {}
"grade.C" = {}
"grade.D" = { bold = true }
"grade.E" = { bold = true, underline = true }
"severity.info" = {}
"severity.warning" = { bold = true }
"severity.critical" = { bold = true, reverse = true }
"status.info" = { reverse = true }
"status.error" = { bold = true, reverse = true }
"dialog" = {}
"dialog.border" = { bold = true }
"dialog.title" = { bold = true }
"dialog.field" = { underline = true }
"dialog.error" = { bold = true }
"dialog.hint" = {}
"header" = { bold = true, reverse = true }
"footer" = { reverse = true }
"footer.key" = { bold = true, reverse = true }
"footer.disabled" = { reverse = true, dim = true }
"training.banner" = { bold = true, reverse = true }
"alert.new" = { bold = true }
"header.stale" = { bold = true, reverse = true }
"muted" = { dim = true }
"highlight" = { bold = true }
"cursor" = { reverse = true }
"sparkline" = {}
"metrics.title" = { bold = true }
"metrics.figure" = { bold = true }
"header.policy.tight" = { reverse = true, bold = true }
"help" = {}
"help.key" = { bold = true }
"help.section" = { bold = true, underline = true }
"model.status.champion" = { bold = true }
"model.status.challenger" = { underline = true }
"model.status.candidate" = {}
"model.status.retired" = { dim = true }
"model.psi.stable" = {}
"model.psi.watch" = { bold = true }
"model.psi.critical" = { bold = true, reverse = true }
"model.mark" = { bold = true }
"model.better" = {}
"chart.roc" = { bold = true }
"chart.diagonal" = { dim = true }
"chart.good" = {}
"chart.bad" = { dim = true }

"""
}
