import Foundation

/// The head of the audit chain written down outside the database (`SEQ:HASH`). Someone who can rewrite the file
/// can rehash the whole chain consistently or cut its tail and fix the recorded head, but cannot change an
/// anchor kept elsewhere: `audit verify --anchor` finds entry SEQ and compares its hash.
public struct AuditAnchor: Hashable, Sendable {
    public var sequence: Int64
    /// 64 lowercase hexadecimal digits.
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Parses `SEQ:HASH`: a sequence number from 1 and a SHA-256 in hexadecimal (either case); nil otherwise.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let digits = parts[0]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let sequence = Int64(digits), sequence >= 1 else { return nil }
        let hash = parts[1].lowercased()
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            return nil
        }
        self.init(sequence: sequence, hash: hash)
    }

    /// `SEQ:HASH`, the form `audit anchor` prints and `--anchor` reads.
    public var text: String { "\(sequence):\(hash)" }
}
