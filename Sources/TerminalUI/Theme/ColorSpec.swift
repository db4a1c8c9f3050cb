import Foundation

/// A colour as written in a theme file, before palette names are resolved.
enum ColorSpec: Hashable, Sendable {
    case color(TerminalColor)
    case name(String)

    /// The ANSI colour names accepted in theme files, in palette order.
    static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses an integer palette index.
    static func index(_ value: Int) -> TerminalColor? {
        guard (0...255).contains(value) else { return nil }
        return .indexed(UInt8(value))
    }

    /// Parses "default", an ANSI name, or "#rrggbb"; nil for anything else (perhaps a palette name).
    static func literal(_ text: String) -> TerminalColor? {
        let lowered = text.lowercased()
        if lowered == "default" || lowered == "none" {
            return .default
        }
        let normalized = lowered.replacingOccurrences(of: "_", with: "-")
        if let index = ansiNames.firstIndex(of: normalized) {
            return .ansi(UInt8(index))
        }
        if lowered == "gray" || lowered == "grey" {
            return .ansi(8)
        }
        return hex(lowered)
    }

    /// Parses "#rrggbb" to the nearest entry of the 256-colour palette.
    static func hex(_ text: String) -> TerminalColor? {
        guard text.hasPrefix("#"), text.count == 7, let value = Int(text.dropFirst(), radix: 16) else { return nil }
        let index = ColorPalette.nearestIndex(red: (value >> 16) & 0xFF, green: (value >> 8) & 0xFF, blue: value & 0xFF)
        return .indexed(index)
    }

    /// The colour, looking names up in `palette` first and then among the literals.
    func resolve(in palette: [String: TerminalColor]) -> TerminalColor? {
        switch self {
        case .color(let color):
            return color
        case .name(let name):
            return palette[name] ?? ColorSpec.literal(name)
        }
    }
}
