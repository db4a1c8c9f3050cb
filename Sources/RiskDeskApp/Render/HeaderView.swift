import Foundation
import TerminalUI

/// The top line: product, who is at the keyboard, the database, a training banner, the market feed's age (STALE
/// when silent too long), clock and data freshness.
struct HeaderView: View {
    var state: AppState
    static let stale = " STALE "

    /// `+0.35`, `−0.72` (a true minus sign), `0.00`.
    static func signed(_ value: Double) -> String {
        let text = String(format: "%.2f", abs(value))
        if text == "0.00" { return text }
        return (value < 0 ? "−" : "+") + text
    }

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let style = theme.style("header")
        grid.fill(area, style: style)
        // The clock and data freshness are laid out first so a long file name can never push them off.
        let age = max(0, Int(state.now.timeIntervalSince(state.lastRefresh)))
        let clock = state.now.formatted(Date.FormatStyle(date: .omitted, time: .standard).locale(Locale(identifier: "en_GB")))
        let right = "data \(age < 2 ? "live" : "\(age)s old") · \(clock) "
        var rightX = area.maxX - DisplayWidth.of(right)
        grid.put(right, x: rightX, y: area.y, style: style)
        if let marketAge = state.live.marketAge(at: state.now) {
            // The feed's last batch: its age, and STALE in its own role (text, not colour alone) once too old.
            let market = "market \(Durations.seconds(marketAge)) · "
            rightX -= DisplayWidth.of(market)
            grid.put(market, x: rightX, y: area.y, style: style)
            if state.live.isStale(at: state.now) {
                var staleStyle = theme.style("header.stale")
                if staleStyle == .plain || staleStyle == style { staleStyle = style; staleStyle.reverse = true; staleStyle.bold = true }
                rightX -= DisplayWidth.of(Self.stale) + 1
                grid.put(Self.stale, x: rightX, y: area.y, style: staleStyle)
            }
        }
        if let sentiment = state.sentiment {
            // The sentiment index and the policy in force: the policy's word in its own role when tightened.
            let policy = " \(sentiment.policy.label) "
            var policyStyle = theme.style(sentiment.policy.isTightened ? "header.policy.tight" : "header.policy")
            if sentiment.policy.isTightened, policyStyle == .plain || policyStyle == style {
                policyStyle = style
                policyStyle.reverse = true
                policyStyle.bold = true
            }
            let index = "sent \(Self.signed(sentiment.index))"
            rightX -= DisplayWidth.of(policy) + 2
            grid.put(policy, x: rightX, y: area.y, style: policyStyle)
            grid.put("· ", x: rightX + DisplayWidth.of(policy), y: area.y, style: style)
            rightX -= DisplayWidth.of(index)
            grid.put(index, x: rightX, y: area.y, style: style)
        }
        var x = area.x + 1
        var titleStyle = style
        titleStyle.bold = true
        x += grid.put("riskdesk │ ", x: x, y: area.y, style: titleStyle)
        let name = state.user.displayName == state.user.name ? "" : "\(state.user.displayName) · "
        let who = "\(name)\(state.user.name) (\(state.user.role.rawValue))\(state.isReadOnly ? " · read-only" : "") │ "
        x += grid.put(who, x: x, y: area.y, maxWidth: max(0, rightX - x - 1), style: style)
        let banner = state.isTrainingData ? " TRAINING DATA " : ""
        let room = max(0, rightX - x - DisplayWidth.of(banner) - 2)
        x += grid.put(DisplayWidth.truncate(state.databaseName, to: room) + " ", x: x, y: area.y, maxWidth: room + 1, style: style)
        if state.isTrainingData {
            var bannerStyle = theme.style("training.banner")
            if bannerStyle == .plain { bannerStyle.reverse = true }
            grid.put(banner, x: x, y: area.y, maxWidth: max(0, rightX - x - 1), style: bannerStyle)
        }
    }
}

/// The bottom line: the keys of the focused pane this person can use; keys disabled by the selection are dimmed.
struct FooterView: View {
    var hints: [FooterHint]

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let style = theme.style("footer")
        grid.fill(area, style: style)
        var keyStyle = theme.style("footer.key")
        if keyStyle == .plain { keyStyle.bold = true }
        var disabledStyle = theme.style("footer.disabled")
        if disabledStyle == style { disabledStyle.dim = true }
        var x = area.x + 1
        for hint in hints {
            let need = DisplayWidth.of(hint.key) + DisplayWidth.of(hint.text) + 3
            guard x + need <= area.maxX else { break }
            x += grid.put(hint.key, x: x, y: area.y, style: hint.isDisabled ? disabledStyle : keyStyle)
            x += grid.put(" " + hint.text + "  ", x: x, y: area.y, style: hint.isDisabled ? disabledStyle : style)
        }
    }
}
