import Foundation
import RiskCore

/// Reads an application's flags column in the exact form `FastJSON.flags` writes for plain text
/// (`[{"code":"…","text":"…"},…]`, no escapes), without `JSONSerialization`: every queue row decodes its flags, and on
/// Linux the serializer cost more than the rest of the row. Anything else (escapes, spaces, other keys, another
/// order) is not read here: the caller falls back to the serializer, so the result never differs from it.
enum FastFlagsReader {
    static func flags(_ json: String) -> [Flag]? {
        var copy = json
        return copy.withUTF8 { read($0) }
    }

    private static let objectStart = Array(#"{"code":""#.utf8)
    private static let textKey = Array(#","text":""#.utf8)
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> [Flag]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return nil }
        var i = 1
        var flags: [Flag] = []
        if bytes.count == 2 { return flags }
        func literal(_ expected: [UInt8]) -> Bool {
            guard i + expected.count <= bytes.count else { return false }
            for (offset, byte) in expected.enumerated() where bytes[i + offset] != byte { return false }
            i += expected.count
            return true
        }
        /// The text up to the next quote, which it consumes; nil at a backslash (an escape: not plain).
        func string() -> String? {
            let start = i
            while i < bytes.count {
                let byte = bytes[i]
                if byte == backslash || byte < 0x20 { return nil }  // an escape, or a control character the serializer refuses
                if byte == quote {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return text
                }
                i += 1
            }
            return nil
        }
        while true {
            guard literal(objectStart), let code = string(), literal(textKey), let text = string(),
                  i < bytes.count, bytes[i] == UInt8(ascii: "}") else { return nil }
            i += 1
            flags.append(Flag(code: code, text: text))
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            return bytes[i] == UInt8(ascii: "]") && i == bytes.count - 1 ? flags : nil
        }
    }
}
