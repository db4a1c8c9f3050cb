import Foundation
import RiskCore
import TerminalUI

/// The rollback or reveal dialog: what Enter will do, the required reason, Enter to confirm / Esc to cancel.
struct ReasonDialogView: View {
    var dialog: ReasonDialog
    var now: Date

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let width = max(20, min(area.width - 6, 76))
        let body = dialog.bodyLines(now: now).flatMap { DisplayWidth.wrap($0, to: width) } + [""]
        let failure = dialog.failure.map { DisplayWidth.wrap("✗ " + $0, to: width) + [""] } ?? []
        Dialog(title: dialog.title, bodyLines: body, errorLines: failure, fields: [dialog.field], focusedFieldIndex: 0,
               hint: "Enter confirm · Esc cancel", preferredWidth: 80).draw(into: &grid, area: area, theme: theme)
    }
}
