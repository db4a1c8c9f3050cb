import Foundation

/// How one `pricing.change` audit entry records every application it re-priced, so `audit verify` can replay
/// their versions from the log: `after["repriced"]` is "APP-1@5 APP-2@7", each id with the version it was left at.
public enum PricingChangeAudit {
    public static let action = "pricing.change"
    public static let repricedKey = "repriced"

    /// The `repriced` field for applications and the versions the change left them at.
    public static func repricedField(_ applications: [(id: String, version: Int)]) -> String {
        applications.map { "\($0.id)@\($0.version)" }.joined(separator: " ")
    }

    /// The applications and versions a `repriced` field lists; malformed items are skipped (the replay then finds the
    /// application's version unexplained and says so).
    public static func repriced(_ field: String) -> [(id: String, version: String)] {
        field.split(separator: " ").compactMap { item in
            guard let at = item.lastIndex(of: "@"), at != item.startIndex else { return nil }
            let version = item[item.index(after: at)...]
            guard !version.isEmpty, version.allSatisfy(\.isASCII), Int(version) != nil else { return nil }
            return (String(item[..<at]), String(version))
        }
    }
}

extension AuditReplay {
    /// The applications a `pricing.change` (or a champion switch, `model.promote` / `model.rollback`) entry re-priced,
    /// with the version each was left at (none for other entries).
    public static func repricedVersions(_ record: AuditRecord) -> [(id: String, version: String)] {
        guard record.action == PricingChangeAudit.action || ModelAudit.switchActions.contains(record.action), let field = record.after[PricingChangeAudit.repricedKey] else { return [] }
        return PricingChangeAudit.repriced(field)
    }
}
