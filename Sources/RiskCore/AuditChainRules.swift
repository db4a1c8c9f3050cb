import Foundation

/// What an audit chain must satisfy besides each entry's hash: the order of encodings and an anchor kept elsewhere. Each rule returns the problem for a person, or nil when it holds.
public enum AuditChainRules {
    /// An entry's encoding where it stands: encoding 1 only before the first encoding-2 entry (a relabelled
    /// entry would bring the old ambiguity back), and never with a login, which encoding 1 does not cover.
    public static func encodingProblem(_ encoding: AuditEncoding, login: String, firstVersion2: Int64?) -> String? {
        guard encoding == .v1 else { return nil }
        if let firstVersion2 {
            return "it claims encoding 1 after entry \(firstVersion2) switched to encoding 2 (relabelled to exploit the old encoding)"
        }
        if !login.isEmpty { return "it has a login, which encoding 1 does not cover (edited)" }
        return nil
    }

    /// Entry `anchor.sequence` as the walk meets it: its hash must be the anchored one.
    public static func anchorProblem(_ anchor: AuditAnchor, entry: AuditAnchor) -> String? {
        guard anchor.sequence == entry.sequence, anchor.hash != entry.hash else { return nil }
        return "its hash \(entry.hash.prefix(12))… differs from the anchor \(anchor.hash.prefix(12))… (the chain was rewritten)"
    }

    /// After the walk: a chain that ends before the anchored entry lost its tail.
    public static func anchorProblem(_ anchor: AuditAnchor, chainEnd: Int64) -> (sequence: Int64, problem: String)? {
        guard anchor.sequence > chainEnd else { return nil }
        return (chainEnd + 1, "the chain ends at \(chainEnd) but the anchor is entry \(anchor.sequence) (entries removed from the end)")
    }
}
