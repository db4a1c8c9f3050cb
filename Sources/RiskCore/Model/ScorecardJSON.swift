import Crypto
import Foundation

/// A card's JSON form (export, import, the database's `model_versions.card`) and its content hash.
extension Scorecard {
    /// The version a trained card carries: "sc-" and the first 12 hex digits of the SHA-256 of its JSON with the
    /// version left empty, so the same content always has the same version and any edit changes it.
    public var contentVersion: String {
        var blank = self
        blank.version = ""
        let digest = SHA256.hash(data: blank.canonicalJSON())
        return "sc-" + digest.prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `version` has the form of a content hash (hand-written cards have names such as `sc-2026.1`).
    public var hasContentVersion: Bool {
        version.count == 15 && version.hasPrefix("sc-") && version.dropFirst(3).allSatisfy(\.isHexDigit)
    }

    /// Sorted keys, dates as seconds since 1970: the bytes the content hash is taken over.
    public func canonicalJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        // Encoding plain value types with finite numbers cannot fail; an empty result would fail the hash check.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The card as a person-readable JSON file.
    public func exportedJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Reads a card exported by `exportedJSON`, refusing one that is not a card, has no characteristics or bins, has
    /// a non-finite number, or whose content no longer matches its content-hash version.
    public static func imported(from data: Data) throws(ScorecardFormatError) -> Scorecard {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let card: Scorecard
        do { card = try decoder.decode(Scorecard.self, from: data) } catch {
            throw ScorecardFormatError("not a scorecard file: \(error)")
        }
        guard !card.characteristics.isEmpty else { throw ScorecardFormatError("the card has no characteristics") }
        for c in card.characteristics where c.bins.isEmpty {
            throw ScorecardFormatError("characteristic \(c.feature) has no bins")
        }
        var numbers: [Double] = [card.scaling.anchorPoints, card.scaling.anchorOdds, card.scaling.pointsToDoubleOdds,
                                 card.intercept ?? 0]
        for c in card.characteristics {
            numbers.append(c.coefficient ?? 0)
            numbers += c.bins.compactMap(\.woe)
        }
        guard numbers.allSatisfy(\.isFinite), card.scaling.anchorOdds > 0, card.scaling.pointsToDoubleOdds > 0 else {
            throw ScorecardFormatError("the card holds a number that is not finite or a scaling that is not positive")
        }
        if card.hasContentVersion && card.contentVersion != card.version {
            throw ScorecardFormatError("the card's content does not match its version \(card.version) "
                                       + "(it hashes to \(card.contentVersion)): edited after training?")
        }
        return card
    }
}

/// Why a card file was refused, for a person.
public struct ScorecardFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
