import Foundation
import Testing
import RiskCore
@testable import RiskStore

@Suite("fast flags reader")
struct FastFlagsReaderTests {
    /// What the serializer makes of the column (the reader's reference).
    static func serialized(_ json: String) -> [Flag] {
        guard let array = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else { return [] }
        return array.compactMap { item in (item["code"] as? String).map { Flag(code: $0, text: item["text"] as? String ?? "") } }
    }

    @Test("the writer's plain form reads back to the same flags, as the serializer reads it")
    func plainRoundTrip() throws {
        let cases: [[Flag]] = [
            [],
            [Flag(code: "RATIO", text: "margin ratio below 150%")],
            [Flag(code: "PEP", text: "政治公众人物 (PEP)"), Flag(code: "KYC", text: "KYC 证件将于 20 天后到期 / expires"), Flag(code: "", text: "")],
        ]
        for flags in cases {
            let json = try FastJSON.flags(flags)
            #expect(FastFlagsReader.flags(json) == flags)
            #expect(Self.serialized(json) == flags)
            #expect(Rows.flags(json) == flags)
        }
    }

    @Test("anything but the plain form is left to the serializer, so the column reads the same either way")
    func otherFormsFallBack() throws {
        let escaped = try FastJSON.flags([Flag(code: "Q", text: "a \"quoted\" word\nand a line")])
        let others = [
            escaped,
            #"[ {"code":"A","text":"x"} ]"#,            // spaces
            #"[{"text":"x","code":"A"}]"#,              // keys in another order
            #"[{"code":"A","text":"x","extra":"y"}]"#,  // another key
            #"[{"code":"A","text":"x"}"#,               // cut short
            #"[{"code":"A","text":"x"}]]"#,             // trailing bytes
            #"[{"code":"A","text":"x"},]"#,             // trailing comma
            "[{\"code\":\"A\",\"text\":\"x\u{01}\"}]",  // a raw control character (invalid JSON)
            #"{"code":"A"}"#, "", "null",
        ]
        for json in others {
            #expect(FastFlagsReader.flags(json) == nil, "\(json)")
            #expect(Rows.flags(json) == Self.serialized(json), "\(json)")
        }
        #expect(Rows.flags(escaped) == [Flag(code: "Q", text: "a \"quoted\" word\nand a line")])
    }
}
