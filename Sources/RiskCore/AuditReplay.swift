import Foundation

/// A decision as a row of the decisions table says it was, or as its audit entry recorded it. Amounts and
/// leverage are kept in the text the audit log uses (fen, `3.0×`), so the two compare as written.
public struct DecisionTrace: Hashable, Sendable {
    public var kind: String
    public var actor: String
    /// nil when the audit entry does not say (a note records no stage).
    public var from: String?
    public var to: String?
    /// The approved line in fen.
    public var line: String?
    /// The approved leverage as `Leverage.text`.
    public var leverage: String?
    public var reasonCode: String?
    /// A change to the quoted rate in bp; zero counts as none.
    public var priceOverride: String?
    public var note: String
    /// Set for an encoding-1 approval that does not record its leverage (the old sample generator left it
    /// out); the row's leverage is then not compared. Every entry the pipeline writes records it.
    public var leverageUnrecorded = false

    public init(kind: String, actor: String, from: String?, to: String?, line: String? = nil, leverage: String? = nil,
                reasonCode: String? = nil, priceOverride: String? = nil, note: String = "") {
        self.kind = kind
        self.actor = actor
        self.from = from
        self.to = to
        self.line = line
        self.leverage = leverage
        self.reasonCode = reasonCode
        self.priceOverride = priceOverride == "0" ? nil : priceOverride
        self.note = note
    }

    /// A row of the decisions table as stored.
    public init(row kind: String, actor: String, from: String, to: String, lineFen: Int64?, leverageHundredths: Int?,
                reasonCode: String?, priceOverrideBP: Int?, note: String) {
        self.init(kind: kind, actor: actor, from: from, to: to, line: lineFen.map { String($0) },
                  leverage: leverageHundredths.map { Leverage(hundredths: $0).text }, reasonCode: reasonCode,
                  priceOverride: priceOverrideBP.map { String($0) }, note: note)
    }
}

/// The rules that re-create the state of applications from the audit log, so `audit verify` can check the
/// tables against it: the log, not the tables, is the record (SEC 17a-4's "re-creatable").
public enum AuditReplay {
    static let applicationPrefix = "application:"

    /// The application an entry is about, if any.
    public static func applicationID(of record: AuditRecord) -> String? {
        guard record.subject.hasPrefix(applicationPrefix) else { return nil }
        let id = String(record.subject.dropFirst(applicationPrefix.count))
        return id.isEmpty ? nil : id
    }

    /// The stage and version an entry leaves its application in (either may be absent: a claim changes neither).
    public static func state(after record: AuditRecord) -> (stage: String?, version: String?) {
        (record.after["stage"], record.after["version"])
    }

    /// The decisions-table row an entry stands for: `decision.KIND` entries and `application.note` entries
    /// have one row each, in the same order; other entries have none.
    public static func recordedDecision(_ record: AuditRecord, encoding: AuditEncoding = .current) -> DecisionTrace? {
        if record.action == "application.note" {
            return DecisionTrace(kind: "note", actor: record.actor, from: nil, to: nil, note: record.reason)
        }
        guard record.action.hasPrefix("decision.") else { return nil }
        let kind = String(record.action.dropFirst("decision.".count))
        var trace = DecisionTrace(kind: kind, actor: record.actor, from: record.before["stage"] ?? "", to: record.after["stage"] ?? "",
                                  line: record.after["line"], leverage: record.after["leverage"],
                                  reasonCode: record.after["reason_code"], priceOverride: record.after["price_override_bp"],
                                  note: record.reason)
        trace.leverageUnrecorded = encoding == .v1 && kind.hasPrefix("approve") && record.after["leverage"] == nil
        return trace
    }

    /// How a decisions row differs from what its audit entry recorded, one phrase per field; empty when they agree.
    /// The note is compared without surrounding white space, which the pipeline trims before auditing.
    public static func differences(row: DecisionTrace, recorded: DecisionTrace) -> [String] {
        var out: [String] = []
        func compare(_ name: String, _ table: String?, _ log: String?) {
            guard table != log else { return }
            out.append("\(name) \(table ?? "none") in the table, \(log ?? "none") in the audit log")
        }
        compare("kind", row.kind, recorded.kind)
        compare("actor", row.actor, recorded.actor)
        if let from = recorded.from { compare("from stage", row.from, from) }
        if let to = recorded.to { compare("to stage", row.to, to) }
        compare("line (fen)", row.line, recorded.line)
        if !recorded.leverageUnrecorded { compare("leverage", row.leverage, recorded.leverage) }
        compare("reason code", row.reasonCode, recorded.reasonCode)
        compare("price override (bp)", row.priceOverride, recorded.priceOverride)
        let whitespace = CharacterSet.whitespacesAndNewlines
        if row.note != recorded.note,
           row.note.trimmingCharacters(in: whitespace) != recorded.note.trimmingCharacters(in: whitespace) {
            out.append("the note differs from the one in the audit log")
        }
        return out
    }
}
