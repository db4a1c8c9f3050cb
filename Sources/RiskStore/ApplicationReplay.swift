import Foundation
import GRDB
import RiskCore

/// What the audit log says about every application, gathered in one pass over the chain, then compared with
/// the applications and decisions tables: each current stage and version, and each decisions row in order.
struct ApplicationReplay {
    struct History {
        var stage: String?
        var stageSequence: Int64 = 0
        var version: String?
        var versionSequence: Int64 = 0
        var decisions: [(sequence: Int64, trace: DecisionTrace)] = []

        /// Whether the log gives the application a stage or version (so its row can be re-created).
        var hasState: Bool { stage != nil || version != nil }

        mutating func record(sequence: Int64, stage: String?, version: String?, decision: DecisionTrace?) {
            if let stage {
                self.stage = stage
                stageSequence = sequence
            }
            if let version {
                self.version = version
                versionSequence = sequence
            }
            if let decision { decisions.append((sequence, decision)) }
        }
    }

    private var histories: [String: History] = [:]

    init() {}

    /// A replay with room for about `applications` applications, so the table does not grow by rehashing.
    init(capacity applications: Int) {
        histories.reserveCapacity(min(max(0, applications), 50_000_000))
    }

    /// Takes one entry of the chain, in sequence order.
    mutating func observe(_ entry: AuditEntry) {
        let record = entry.record
        // One pricing change re-prices many applications in one entry: each listed one is left at its version.
        for (id, version) in AuditReplay.repricedVersions(record) {
            observe(sequence: entry.sequence, application: id, stage: nil, version: version, decision: nil)
        }
        guard let id = AuditReplay.applicationID(of: record) else { return }
        let (stage, version) = AuditReplay.state(after: record)
        let decision = AuditReplay.recordedDecision(record, encoding: entry.encoding)
        observe(sequence: entry.sequence, application: id, stage: stage, version: version, decision: decision)
    }

    /// Takes what one entry about `application` says: the stage and version it leaves it in, the decisions row it stands for.
    mutating func observe(sequence: Int64, application id: String, stage: String?, version: String?, decision: DecisionTrace?) {
        guard stage != nil || version != nil || decision != nil else { return }
        // Updated in place: no copy of the history per entry.
        histories[id, default: History()].record(sequence: sequence, stage: stage, version: version, decision: decision)
    }

    /// Applications whose stage and version in the table are not what the log last says, in id order, with
    /// what the log says (nil: nothing). The schema-v2 migration records a baseline for each.
    func unreplayed(_ db: Database) throws -> [(id: String, stage: String, version: Int64, logged: History?)] {
        var out: [(id: String, stage: String, version: Int64, logged: History?)] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, stage, version FROM applications ORDER BY id")
        while let row = try cursor.next() {
            let idValue: DatabaseValue = row[0]
            let stageValue: DatabaseValue = row[1]
            let versionValue: DatabaseValue = row[2]
            guard let id = String.fromDatabaseValue(idValue), let stage = String.fromDatabaseValue(stageValue),
                  let version = Int64.fromDatabaseValue(versionValue) else { continue }
            let history = histories[id]
            if history?.stage != stage || history?.version != String(version) {
                out.append((id, stage, version, history))
            }
        }
        return out
    }

    /// The first place where the tables disagree with the log, or nil.
    func check(_ db: Database) throws -> AuditVerification? {
        if let problem = try checkApplications(db) { return problem }
        return try checkDecisions(db)
    }

    private func checkApplications(_ db: Database) throws -> AuditVerification? {
        // Rows come in id order, so counting distinct ids needs only the previous one.
        var matched = 0
        var previousID: String?
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, stage, version FROM applications ORDER BY id")
        while let row = try cursor.next() {
            let idValue: DatabaseValue = row[0]
            let stageValue: DatabaseValue = row[1]
            let versionValue: DatabaseValue = row[2]
            guard let id = String.fromDatabaseValue(idValue) else {
                return .inconsistent(problem: "an application row has an id that is not text (applications table edited)")
            }
            guard let stage = String.fromDatabaseValue(stageValue), let version = Int64.fromDatabaseValue(versionValue) else {
                return .inconsistent(problem: "application \(id) has a malformed stage or version (applications table edited)")
            }
            guard let history = histories[id], history.hasState else {
                return .inconsistent(problem: "application \(id) has no entry in the audit log, so it cannot be re-created from it (inserted outside riskdesk)")
            }
            if history.stage != stage {
                return .broken(sequence: history.stageSequence, problem: "application \(id) is in stage \(stage) in the applications table, "
                               + "but the audit log last puts it in \(history.stage ?? "no stage") (applications table edited)")
            }
            if history.version != String(version) {
                return .broken(sequence: history.versionSequence, problem: "application \(id) is at version \(version) in the applications table, "
                               + "but the audit log last puts it at \(history.version ?? "no version") (applications table edited)")
            }
            if id != previousID { matched += 1 }
            previousID = id
        }
        // Every application in the log has its row unless the log knows more applications than rows matched.
        guard histories.values.count(where: \.hasState) > matched else { return nil }
        let seen = Set(try String.fetchAll(db, sql: "SELECT id FROM applications"))
        let deleted = histories.filter { !seen.contains($0.key) && ($0.value.stage != nil || $0.value.version != nil) }
            .map { (id: $0.key, sequence: max($0.value.stageSequence, $0.value.versionSequence)) }
            .min { $0.sequence < $1.sequence }
        if let deleted {
            return .broken(sequence: deleted.sequence, problem: "application \(deleted.id) is in the audit log but not in the applications table (deleted)")
        }
        return nil
    }

    /// Per application, the decisions rows in id order must match its decision and note entries one to one.
    private func checkDecisions(_ db: Database) throws -> AuditVerification? {
        var withRows = 0
        var current: String?
        var index = 0
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT id, application_id, actor, kind, from_stage, to_stage, line_fen, leverage, reason_code, price_override_bp, note
            FROM decisions ORDER BY application_id, id
            """)
        while let row = try cursor.next() {
            let idValue: DatabaseValue = row[0]
            let appValue: DatabaseValue = row[1]
            guard let rowID = Int64.fromDatabaseValue(idValue), let appID = String.fromDatabaseValue(appValue) else {
                return .inconsistent(problem: "a decisions row has a malformed id or application (decisions table edited)")
            }
            if appID != current {
                if let current, let problem = missingDecision(current, matched: index) { return problem }
                current = appID
                index = 0
                withRows += 1
            }
            guard let trace = Self.trace(row) else {
                return .inconsistent(problem: "decision row \(rowID) of \(appID) has a malformed column (decisions table edited)")
            }
            let expected = histories[appID]?.decisions ?? []
            guard index < expected.count else {
                return .inconsistent(problem: "decision row \(rowID) of \(appID) (\(trace.kind) by \(trace.actor)) has no entry in the audit log "
                                     + "(inserted into the decisions table)")
            }
            let recorded = expected[index]
            let differences = AuditReplay.differences(row: trace, recorded: recorded.trace)
            if !differences.isEmpty {
                return .broken(sequence: recorded.sequence, problem: "decision row \(rowID) of \(appID) does not match this entry: "
                               + differences.joined(separator: "; ") + " (decisions table edited)")
            }
            index += 1
        }
        if let current, let problem = missingDecision(current, matched: index) { return problem }
        // Each application with rows matched all its logged decisions; one whose decisions have no rows at all is
        // left only when the log has more applications with decisions than the table has with rows.
        guard histories.values.count(where: { !$0.decisions.isEmpty }) > withRows else { return nil }
        let applicationsWithRows = Set(try String.fetchAll(db, sql: "SELECT DISTINCT application_id FROM decisions"))
        let firstUnmatched = histories.filter { !$0.value.decisions.isEmpty && !applicationsWithRows.contains($0.key) }
            .min { ($0.value.decisions.first?.sequence ?? 0) < ($1.value.decisions.first?.sequence ?? 0) }
        return firstUnmatched.flatMap { missingDecision($0.key, matched: 0) }
    }

    private func missingDecision(_ id: String, matched: Int) -> AuditVerification? {
        guard let decisions = histories[id]?.decisions, matched < decisions.count else { return nil }
        let missing = decisions[matched]
        return .broken(sequence: missing.sequence, problem: "this \(missing.trace.kind) on \(id) by \(missing.trace.actor) has no row in the decisions table (deleted)")
    }

    private static func trace(_ row: Row) -> DecisionTrace? {
        func text(_ index: Int) -> String? {
            let value: DatabaseValue = row[index]
            return String.fromDatabaseValue(value)
        }
        func optional<T: DatabaseValueConvertible>(_ index: Int, _ type: T.Type) -> T?? {
            let value: DatabaseValue = row[index]
            if value.isNull { return .some(nil) }
            guard let converted = T.fromDatabaseValue(value) else { return nil }
            return .some(converted)
        }
        guard let actor = text(2), let kind = text(3), let from = text(4), let to = text(5), let note = text(10),
              let line = optional(6, Int64.self), let leverage = optional(7, Int.self),
              let reason = optional(8, String.self), let override = optional(9, Int.self) else { return nil }
        return DecisionTrace(row: kind, actor: actor, from: from, to: to, lineFen: line, leverageHundredths: leverage,
                             reasonCode: reason, priceOverrideBP: override, note: note)
    }
}
