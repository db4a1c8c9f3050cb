import RiskCore
import TerminalUI

/// An alert lifecycle dialog: the alert in one line, the picker (dispositions or snooze lengths), the note or reason
/// field, a refusal kept inside it, and Enter to confirm / Esc to cancel.
struct AlertDialogView: View {
    var dialog: AlertDialog

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let width = max(20, min(area.width - 6, 90))
        var body = DisplayWidth.wrap(dialog.alertLine, to: width) + [""]
        switch dialog.kind {
        case .resolve: body.append("Disposition (↑↓ to choose):")
        case .snooze: body.append("Snooze for (↑↓ or j/k to choose):")
        case .escalate: body.append("Escalate to the supervisors with a reason.")
        }
        body += dialog.pickerLines
        let failure = dialog.failure.map { DisplayWidth.wrap("✗ " + $0, to: width) + [""] } ?? []
        Dialog(title: dialog.title, bodyLines: body, errorLines: failure, fields: dialog.fields,
               focusedFieldIndex: dialog.fields.isEmpty ? nil : dialog.focusedField,
               hint: "Enter confirm · Esc cancel", preferredWidth: 72).draw(into: &grid, area: area, theme: theme)
    }
}
