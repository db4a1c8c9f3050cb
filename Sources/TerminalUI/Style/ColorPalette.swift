/// Converts between RGB and the xterm 16- and 256-colour palettes.
enum ColorPalette {
    /// xterm's default RGB values for the 16 ANSI colours.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB value of a 256-colour palette entry.
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        let i = min(max(0, index), 255)
        if i < 16 { return ansiRGB[i] }
        if i >= 232 {
            let level = 8 + (i - 232) * 10
            return (level, level, level)
        }
        let cube = i - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    /// The 256-palette entry (16–255, whose values do not vary between terminals) nearest to an RGB value.
    static func nearestIndex(red: Int, green: Int, blue: Int) -> UInt8 {
        var best = 16
        var bestDistance = Int.max
        for index in 16...255 {
            let d = distance(rgb(ofIndex: index), (red, green, blue))
            if d < bestDistance {
                bestDistance = d
                best = index
            }
        }
        return UInt8(best)
    }

    /// The ANSI colour (0–15) nearest to a 256-palette entry.
    static func nearestANSI(toIndex index: Int) -> UInt8 {
        if index < 16 { return UInt8(max(0, index)) }
        let target = rgb(ofIndex: index)
        var best = 0
        var bestDistance = Int.max
        for (candidate, value) in ansiRGB.enumerated() {
            let d = distance(value, target)
            if d < bestDistance {
                bestDistance = d
                best = candidate
            }
        }
        return UInt8(best)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted Euclidean distance, a cheap approximation of perceived difference.
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
