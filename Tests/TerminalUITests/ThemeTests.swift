import Foundation
import Testing
@testable import TerminalUI

/// A temporary directory of theme files, removed when the test ends.
final class ThemeDirectory {
    let path: String

    init(files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("riskdesk-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The repository's `themes/` directory.
let bundledThemes = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes").path

@Suite struct ThemeTests {
    @Test func unknownRolesFallBackToParentRoleThenPlain() {
        let theme = Theme(name: "t", roles: ["grade": Style(bold: true), "grade.E": Style(underline: true)])
        #expect(theme.style("grade.E") == Style(underline: true))
        #expect(theme.style("grade.C") == Style(bold: true))
        #expect(theme.style("nothing.here") == .plain)
    }

    @Test func parsesPaletteHexAndAnsiNames() throws {
        let source = """
        name = "custom"
        [palette]
        red = 196
        sea = "#0087ff"
        [roles]
        "pane.border.focus" = { fg = "red", bg = "default", bold = true }
        "table.selected" = { reverse = true }
        "grade.A" = { fg = "sea" }
        "grade.B" = { fg = "bright-cyan", bg = "black" }
        "grade.C" = { fg = 42, dim = true, underline = true }
        """
        let theme = try ThemeLoader(searchDirectories: []).load(source: source, path: "custom.toml")
        #expect(theme.name == "custom")
        #expect(theme.style("pane.border.focus") == Style(foreground: .indexed(196), background: .default, bold: true))
        #expect(theme.style("table.selected") == Style(reverse: true))
        #expect(theme.style("grade.A").foreground == .indexed(33))
        #expect(theme.style("grade.B") == Style(foreground: .ansi(14), background: .ansi(0)))
        #expect(theme.style("grade.C") == Style(foreground: .indexed(42), underline: true, dim: true))
    }

    @Test func childInheritsAndOverridesParentRolesAndPalette() throws {
        let directory = try ThemeDirectory(files: [
            "base.toml": """
            [palette]
            accent = 39
            [roles]
            "header" = { fg = "accent", bold = true }
            "muted" = { fg = 244 }
            """,
            "child.toml": """
            inherits = "base"
            [palette]
            accent = 208
            [roles]
            "muted" = { dim = true }
            """,
        ])
        let theme = try ThemeLoader(searchDirectories: [directory.path]).load(name: "child")
        #expect(theme.name == "child")
        // The parent's role picks up the child's palette entry.
        #expect(theme.style("header") == Style(foreground: .indexed(208), bold: true))
        // Only the properties the child sets change.
        #expect(theme.style("muted") == Style(foreground: .indexed(244), dim: true))
    }

    @Test func userDirectoryComesBeforeBundledThemes() throws {
        let user = try ThemeDirectory(files: ["dark.toml": "[roles]\n\"header\" = { fg = 1 }\n"])
        let loader = ThemeLoader(bundledDirectory: bundledThemes, environment: ["XDG_CONFIG_HOME": user.path + "/.."])
        #expect(loader.searchDirectories.first == user.path + "/../riskdesk/themes")
        let direct = ThemeLoader(searchDirectories: [user.path, bundledThemes])
        #expect(try direct.load(name: "dark").style("header") == Style(foreground: .indexed(1)))
        #expect(ThemeLoader.userDirectory(environment: ["HOME": "/home/ann"]) == "/home/ann/.config/riskdesk/themes")
    }

    @Test func adaptsTo16ColoursAndUsesMonoWithoutColour() throws {
        let loader = ThemeLoader(searchDirectories: [bundledThemes])
        let full = try loader.load(name: "default")
        #expect(full.style("grade.E").foreground == .indexed(196))
        let sixteen = loader.themeOrFallback(name: "default", colorDepth: .sixteen)
        #expect(sixteen.warning == nil)
        #expect(sixteen.theme.style("grade.E").foreground == .ansi(9))
        for role in Theme.standardRoles {
            let style = sixteen.theme.style(role)
            for color in [style.foreground, style.background] {
                if case .indexed = color { Issue.record("\(role) still uses a 256-colour index") }
            }
        }
        let mono = loader.themeOrFallback(name: "default", colorDepth: .none).theme
        #expect(mono.name == "mono")
        #expect(mono.style("table.selected") == Style(reverse: true))
        #expect(mono.style("grade.E") == Style(bold: true, underline: true))
        for role in Theme.standardRoles {
            #expect(mono.style(role).foreground == .default)
            #expect(mono.style(role).background == .default)
        }
    }

    @Test func brokenThemeErrorNamesFileLineAndKey() throws {
        let directory = try ThemeDirectory(files: ["broken.toml": """
            name = "broken"
            inherits = "default"

            [roles]
            "pane.border" = { fg = "grey" }
            "table.selected" = { reverse = true }
            "grade.A" = { fg = "purplish", bold = true }
            """])
        let loader = ThemeLoader(searchDirectories: [directory.path, bundledThemes])
        let error = #expect(throws: ThemeError.self) { try loader.load(name: "broken") }
        #expect(error?.kind == .unknownColor)
        #expect(error?.line == 7)
        #expect(error?.key == "roles.grade.A.fg")
        #expect(error?.description == "\(directory.path)/broken.toml:7: key \"roles.grade.A.fg\": unknown colour \"purplish\"")
        let fallback = loader.themeOrFallback(name: "broken", colorDepth: .twoFiftySix)
        #expect(fallback.theme.name == "default")
        #expect(fallback.warning?.contains("purplish") == true)
    }

    @Test func syntaxErrorsCarryTOMLLine() throws {
        let directory = try ThemeDirectory(files: ["bad.toml": "name = \"bad\"\n[roles]\n\"header\" = { fg = \n"])
        let error = #expect(throws: ThemeError.self) { try ThemeLoader(searchDirectories: [directory.path]).load(name: "bad") }
        #expect(error?.kind == .syntax)
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("\(directory.path)/bad.toml:3: ") == true)
    }

    @Test func invalidValuesAreReportedWithTheirKey() throws {
        let loader = ThemeLoader(searchDirectories: [])
        let index = #expect(throws: ThemeError.self) {
            try loader.load(source: "[palette]\nhot = 300\n", path: "p.toml")
        }
        #expect(index?.key == "palette.hot")
        #expect(index?.line == 2)
        let attribute = #expect(throws: ThemeError.self) {
            try loader.load(source: "[roles]\n\n\"muted\" = { colour = 3 }\n", path: "p.toml")
        }
        #expect(attribute?.kind == .unknownKey)
        #expect(attribute?.key == "roles.muted.colour")
        #expect(attribute?.line == 3)
        let flag = #expect(throws: ThemeError.self) {
            try loader.load(source: "[roles.header]\nbold = \"yes\"\n", path: "p.toml")
        }
        #expect(flag?.key == "roles.header.bold")
        #expect(flag?.line == 2)
    }

    @Test func detectsInheritanceCyclesAndMissingParents() throws {
        let directory = try ThemeDirectory(files: [
            "a.toml": "inherits = \"b\"\n",
            "b.toml": "# b\ninherits = \"a\"\n",
            "orphan.toml": "name = \"orphan\"\ninherits = \"nowhere\"\n",
        ])
        let loader = ThemeLoader(searchDirectories: [directory.path])
        let cycle = #expect(throws: ThemeError.self) { try loader.load(name: "a") }
        #expect(cycle?.kind == .inheritanceCycle)
        #expect(cycle?.key == "inherits")
        #expect(cycle?.file == directory.path + "/b.toml")
        #expect(cycle?.line == 2)
        #expect(cycle?.message.contains("a → b → a") == true)
        let missing = #expect(throws: ThemeError.self) { try loader.load(name: "orphan") }
        #expect(missing?.kind == .missingParent)
        #expect(missing?.line == 2)
        let notFound = #expect(throws: ThemeError.self) { try loader.load(name: "absent") }
        #expect(notFound?.kind == .notFound)
    }

    @Test func builtInThemesWorkWithoutFiles() throws {
        let loader = ThemeLoader(searchDirectories: ["/nonexistent"])
        let theme = try loader.load(name: "default")
        #expect(theme.style("table.selected").background == .indexed(24))
        #expect(try loader.load(name: "mono").style("table.selected") == Style(reverse: true))
        #expect(loader.availableThemeNames() == ["default", "mono"])
    }

    @Test func builtInSourcesMatchShippedFiles() throws {
        for name in ["default", "mono"] {
            let file = try String(contentsOfFile: bundledThemes + "/\(name).toml", encoding: .utf8)
            #expect(BuiltInThemes.sources[name] == file, "themes/\(name).toml differs from the built-in copy")
        }
    }

    @Test(arguments: ["default", "dark", "light", "amber", "high-contrast", "mono"])
    func shippedThemeIsCompleteAndValid(name: String) throws {
        let loader = ThemeLoader(searchDirectories: [bundledThemes])
        let theme = try loader.load(name: name)
        #expect(theme.name == name)
        for role in Theme.standardRoles {
            #expect(theme.roles[role] != nil, "\(name) lacks \(role)")
        }
        #expect(loader.availableThemeNames().contains(name))
    }

    @Test func highContrastAvoidsRedAndGreen() throws {
        let theme = try ThemeLoader(searchDirectories: [bundledThemes]).load(name: "high-contrast")
        let allowed: Set<TerminalColor> = [.default, .indexed(33), .indexed(19), .indexed(75), .indexed(208), .indexed(16),
                                           .indexed(231), .indexed(250), .indexed(236)]
        for (role, style) in theme.roles {
            #expect(allowed.contains(style.foreground), "\(role) fg \(style.foreground)")
            #expect(allowed.contains(style.background), "\(role) bg \(style.background)")
        }
        #expect(theme.style("grade.A").foreground != theme.style("grade.E").foreground)
    }
}
