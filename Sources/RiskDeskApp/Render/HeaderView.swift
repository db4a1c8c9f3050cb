import Foundation
import TerminalUI

/// The top line: product, who is at the keyboard, the database, a training banner, clock and data freshness.
struct HeaderView: View {
    var state: AppState

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let style = theme.style("header")
        grid.fill(area, style: style)
        // The clock and data freshness are laid out first so a long file name can never push them off.
        let age = max(0, Int(state.now.timeIntervalSince(state.lastRefresh)))
        let clock = state.now.formatted(Date.FormatStyle(date: .omitted, time: .standard).locale(Locale(identifier: "en_GB")))
        let right = "data \(age < 2 ? "live" : "\(age)s old") · \(clock) "
        let rightX = area.maxX - DisplayWidth.of(right)
        grid.put(right, x: rightX, y: area.y, style: style)
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
