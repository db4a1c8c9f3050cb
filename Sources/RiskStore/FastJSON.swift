import Foundation
import RiskCore

/// The JSON the store writes for a quote's breakdown and an application's flags, written directly instead of through
/// `JSONEncoder` (whose cost dominated writing a million sample applications): byte for byte what the encoder gives with
/// the same options (checked in FastJSONTests), and the encoder itself for any text that would need escaping.
enum FastJSON {
    /// `JSONEncoder` with `.sortedKeys` of the quote (the `quotes.breakdown` column).
    static func breakdown(_ quote: Quote) throws -> String {
        guard quote.components.allSatisfy({ isPlain($0.name, slashes: false) && isPlain($0.driver, slashes: false) }) else {
            return try encoded(quote, [.sortedKeys])
        }
        var out = "{\"clampAdjustment\":{\"value\":\(quote.clampAdjustment.value)},\"components\":["
        for (index, component) in quote.components.enumerated() {
            if index > 0 { out += "," }
            out += "{\"amount\":{\"value\":\(component.amount.value)},\"driver\":\"" + component.driver + "\",\"name\":\"" + component.name + "\"}"
        }
        out += "],\"fee\":{\"value\":\(quote.fee.value)},\"feeAmount\":{\"fen\":\(quote.feeAmount.fen)},\"rate\":{\"value\":\(quote.rate.value)}"
        return out + ",\"unclamped\":{\"value\":\(quote.unclamped.value)}}"
    }

    /// `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes` of the flags (the `applications.flags` column).
    static func flags(_ flags: [Flag]) throws -> String {
        guard flags.allSatisfy({ isPlain($0.code, slashes: true) && isPlain($0.text, slashes: true) }) else {
            return try encoded(flags, [.sortedKeys, .withoutEscapingSlashes])
        }
        return "[" + flags.map { "{\"code\":\"" + $0.code + "\",\"text\":\"" + $0.text + "\"}" }.joined(separator: ",") + "]"
    }

    /// Text the encoder writes as it is: no quote, backslash, control character or line separator, and no slash
    /// unless slashes are not escaped.
    static func isPlain(_ text: String, slashes: Bool) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && (slashes || scalar != "/") && scalar.value != 0x7F
                && scalar.value != 0x2028 && scalar.value != 0x2029
        }
    }

    private static func encoded<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
