/// The version-2 canonical encoding (see `AuditEncoding`) written as UTF-8 bytes into one reused buffer, so a
/// verifier can hash a long chain without building a `String` per entry. It produces exactly the bytes of
/// `AuditRecord.canonicalEncoding(sequence:timestamp:encoding: .v2)`.
public struct AuditCanonicalBytes: Sendable {
    /// The encoding built so far.
    public private(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(1_024) }

    /// Empties the buffer (keeping its memory) and writes the version-2 tag and the sequence number.
    public mutating func startVersion2(sequence: Int64) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: AuditEncoding.version2Tag.utf8)
        appendDecimal(Self.decimalLength(sequence))
        bytes.append(UInt8(ascii: ":"))
        Self.appendDecimal(sequence, to: &bytes)
    }

    /// One text field as `<byte count>:<bytes>`.
    public mutating func appendField(_ text: UnsafeBufferPointer<UInt8>) {
        appendDecimal(text.count)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: text)
    }

    /// The start of a map: `<pair count>#`. Its keys and values follow with `appendField`, keys in UTF-8 byte order.
    public mutating func startMap(count: Int) {
        appendDecimal(count)
        bytes.append(UInt8(ascii: "#"))
    }

    private mutating func appendDecimal(_ value: Int) {
        Self.appendDecimal(Int64(value), to: &bytes)
    }

    /// `String(value).utf8.count`.
    static func decimalLength(_ value: Int64) -> Int {
        var magnitude = value.magnitude
        var length = value < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            length += 1
        }
        return length
    }

    /// Appends `String(value)`'s bytes without making the String: digits written backwards, then reversed in place.
    static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if (0..<10).contains(value) {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var magnitude = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }
}
