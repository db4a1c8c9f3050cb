/// A stored `before`/`after` column (a flat JSON object of strings) parsed into one reused byte buffer, for the
/// verifier's fast path. It accepts only the plain shape riskdesk writes — string values, ASCII keys, no duplicate
/// key — and answers `false` for anything else, which the caller then reads the slow, exact way
/// (`JSONSerialization`), so an odd but valid column gives the same result as before and a malformed one the same message.
struct AuditFieldBytes {
    /// Where one key and its value lie in `storage`.
    struct Pair {
        var keyStart: Int
        var keyEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    /// The unescaped keys and values, back to back.
    private(set) var storage: [UInt8] = []
    /// In UTF-8 byte order of the keys after `parse`.
    private(set) var pairs: [Pair] = []

    init() {
        storage.reserveCapacity(512)
        pairs.reserveCapacity(16)
    }

    /// The bytes of a key or value.
    func withBytes<T>(_ start: Int, _ end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        storage.withUnsafeBufferPointer { buffer in body(UnsafeBufferPointer(rebasing: buffer[start..<end])) }
    }

    /// The value of an ASCII key, if present.
    func value(of key: StaticString) -> String? {
        let keyBytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        for pair in pairs where pair.keyEnd - pair.keyStart == keyBytes.count {
            let same = withBytes(pair.keyStart, pair.keyEnd) { $0.elementsEqual(keyBytes) }
            if same { return withBytes(pair.valueStart, pair.valueEnd) { String(decoding: $0, as: UTF8.self) } }
        }
        return nil
    }

    /// The pairs of these keys that are present, as a dictionary (for the entries the replay needs as a record).
    func dictionary(keys: [StaticString]) -> [String: String] {
        var out: [String: String] = [:]
        for key in keys {
            if let value = value(of: key) {
                out[String(decoding: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount), as: UTF8.self)] = value
            }
        }
        return out
    }

    /// Parses `json` (already checked to be valid UTF-8 without NUL); false when it is not the plain shape.
    mutating func parse(_ json: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.removeAll(keepingCapacity: true)
        pairs.removeAll(keepingCapacity: true)
        var index = 0
        let end = json.count

        func skipSpace() {
            while index < end {
                switch json[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        skipSpace()
        guard index < end, json[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipSpace()
        if index < end, json[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                let keyStart = storage.count
                guard readString(json, &index, asciiOnly: true) else { return false }
                let keyEnd = storage.count
                skipSpace()
                guard index < end, json[index] == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                let valueStart = storage.count
                guard readString(json, &index, asciiOnly: false) else { return false }
                pairs.append(Pair(keyStart: keyStart, keyEnd: keyEnd, valueStart: valueStart, valueEnd: storage.count))
                skipSpace()
                guard index < end else { return false }
                if json[index] == UInt8(ascii: ",") {
                    index += 1
                    skipSpace()
                    continue
                }
                guard json[index] == UInt8(ascii: "}") else { return false }
                index += 1
                break
            }
        }
        skipSpace()
        guard index == end else { return false }
        return sortKeys()
    }

    /// Insertion sort by key bytes (maps hold a handful of keys); false on a duplicate key.
    private mutating func sortKeys() -> Bool {
        guard pairs.count > 1 else { return true }
        for i in 1..<pairs.count {
            var j = i
            while j > 0 {
                let order = compareKeys(pairs[j - 1], pairs[j])
                if order == 0 { return false }
                if order < 0 { break }
                pairs.swapAt(j - 1, j)
                j -= 1
            }
        }
        return true
    }

    private func compareKeys(_ a: Pair, _ b: Pair) -> Int {
        storage.withUnsafeBufferPointer { buffer in
            let lengthA = a.keyEnd - a.keyStart, lengthB = b.keyEnd - b.keyStart
            for offset in 0..<min(lengthA, lengthB) {
                let x = buffer[a.keyStart + offset], y = buffer[b.keyStart + offset]
                if x != y { return x < y ? -1 : 1 }
            }
            return lengthA == lengthB ? 0 : (lengthA < lengthB ? -1 : 1)
        }
    }

    /// Reads a JSON string at `index` into `storage`, unescaping it; false for anything unusual.
    private mutating func readString(_ json: UnsafeBufferPointer<UInt8>, _ index: inout Int, asciiOnly: Bool) -> Bool {
        let end = json.count
        guard index < end, json[index] == UInt8(ascii: "\"") else { return false }
        index += 1
        while index < end {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return true
            case UInt8(ascii: "\\"):
                guard index + 1 < end else { return false }
                let escaped = json[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): storage.append(escaped)
                case UInt8(ascii: "b"): storage.append(0x08)
                case UInt8(ascii: "f"): storage.append(0x0C)
                case UInt8(ascii: "n"): storage.append(0x0A)
                case UInt8(ascii: "r"): storage.append(0x0D)
                case UInt8(ascii: "t"): storage.append(0x09)
                case UInt8(ascii: "u"):
                    guard let unit = Self.hex4(json, index) else { return false }
                    index += 4
                    var scalarValue = UInt32(unit)
                    if (0xD800...0xDBFF).contains(unit) {
                        guard index + 1 < end, json[index] == UInt8(ascii: "\\"), json[index + 1] == UInt8(ascii: "u"),
                              let low = Self.hex4(json, index + 2), (0xDC00...0xDFFF).contains(low) else { return false }
                        index += 6
                        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    }
                    // A lone low surrogate, or NUL (which a C string would cut), goes the slow way.
                    guard scalarValue != 0, let scalar = Unicode.Scalar(scalarValue) else { return false }
                    if asciiOnly && !scalar.isASCII { return false }
                    guard let encoded = UTF8.encode(scalar) else { return false }
                    storage.append(contentsOf: encoded)
                default:
                    return false
                }
            default:
                // A run of plain bytes up to the next quote or backslash, copied at once.
                let runStart = index
                while index < end {
                    let next = json[index]
                    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") { break }
                    if next < 0x20 || (asciiOnly && next >= 0x80) { return false }
                    index += 1
                }
                storage.append(contentsOf: UnsafeBufferPointer(rebasing: json[runStart..<index]))
            }
        }
        return false
    }

    private static func hex4(_ json: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt16? {
        guard start + 4 <= json.count else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = json[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
