import Foundation
import RiskCore
import RiskStore

/// The daily margin-call record (FINRA 4220's record of calls) and call events as text or JSON, for `riskdesk calls`
/// and `riskdesk call …`.
public enum MarginCallReport {
    /// "met 2026-11-27 10:05+08 by top-up", "extended ×1 by zhao.min (reason)", "closed out …", "open", "overdue".
    public static func outcome(_ call: MarginCall) -> String {
        var parts: [String] = []
        switch call.state {
        case .open: parts.append("open")
        case .overdue: parts.append("overdue")
        case .met: parts.append("met \(call.metAt.map(time) ?? "?") by \(call.metHow.map(how) ?? "?")")
        case .closedOut: parts.append("close-out instruction \(call.closedOutAt.map(time) ?? "?")")
        }
        if call.extensions > 0 {
            parts.append("extended ×\(call.extensions) by \(call.extendedBy ?? "?") (\(call.extensionReason ?? ""))")
        }
        return parts.joined(separator: "; ")
    }

    static func how(_ how: MarginCallMet) -> String {
        switch how {
        case .topUp: "top-up"
        case .reduction: "reduction"
        case .recovered: "price recovery"
        }
    }

    /// Exchange time (UTC+8), minutes: "2026-11-27 10:05+08".
    public static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = MarginCallDeadline.exchangeTimeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d+08", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    public static func table(_ calls: [MarginCall], day: String) -> String {
        guard !calls.isEmpty else { return "no margin calls on \(PlainText.escaped(day))" }
        var table = TextTable(columns: [.init("CALL", .right), .init("ACCOUNT"), .init("OPENED"), .init("RATIO", .right),
                                        .init("AMOUNT", .right), .init("DUE NOW", .right), .init("DEADLINE"), .init("OUTCOME")])
        for call in calls {
            // TextTable escapes each cell: names and reasons people typed neither act on the terminal nor forge a line.
            table.append([call.id.map(String.init) ?? "", call.accountID, time(call.openedAt), call.ratioAtOpen.percentText,
                          call.amountAtOpen.formatted, call.topUp.formatted, time(call.deadline), outcome(call)])
        }
        return "margin-call record of \(PlainText.escaped(day)) (exchange time, UTC+8)\n" + table.render()
    }

    /// One JSON object per call: id, account, opened_at, ratio_at_open_bp, amount_fen, due_fen, reduction_fen, deadline,
    /// state, met_at, met_how, extensions, extended_by, extension_reason, closed_out_at (ISO 8601 times).
    public static func jsonLines(_ calls: [MarginCall]) -> String {
        calls.map { JSON.line(object($0)) }.joined(separator: "\n")
    }

    public static func object(_ call: MarginCall) -> [String: Any] {
        var object: [String: Any] = [
            "id": call.id ?? 0, "account": call.accountID, "opened_at": iso(call.openedAt),
            "ratio_at_open_bp": call.ratioAtOpen.value, "amount_fen": call.amountAtOpen.fen, "due_fen": call.topUp.fen,
            "ratio_bp": call.ratio.value, "deadline": iso(call.deadline), "state": call.state.rawValue, "extensions": call.extensions,
        ]
        if let reduction = call.reduction { object["reduction_fen"] = reduction.fen }
        if let at = call.metAt { object["met_at"] = iso(at) }
        if let how = call.metHow { object["met_how"] = how.rawValue }
        if let by = call.extendedBy { object["extended_by"] = by }
        if let reason = call.extensionReason { object["extension_reason"] = reason }
        if let at = call.closedOutAt { object["closed_out_at"] = iso(at) }
        return object
    }

    /// One line per event (escaped for a terminal): "call 3 ACC00012: margin_call.open — ratio 140.00%, top-up ¥200,000.00 by 2026-11-30 15:00+08".
    public static func eventLine(_ event: MarginCallEvent) -> String {
        let call = event.call
        return PlainText.escaped("call \(call.id.map(String.init) ?? "?") \(call.accountID): \(event.action) — ratio \(call.ratio.percentText), "
            + (call.state.isLive ? "top-up \(call.topUp.formatted) by \(time(call.deadline))" : outcome(call)))
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
