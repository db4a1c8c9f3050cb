import RiskCore
import TerminalUI

/// A decision dialog: what will happen in words, the inputs, and Enter to confirm / Esc to cancel.
struct DecisionDialogView: View {
    var dialog: DecisionDialog

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        // The summary can be long (amounts, names, four eyes): wrap it rather than cut it.
        var body = DisplayWidth.wrap(dialog.summary, to: max(20, min(area.width - 6, 90))) + [""]
        if dialog.kind == .reject {
            body.append("Reason code (↑↓ to choose):")
            for (i, reason) in ReasonCode.rejectionReasons.enumerated() {
                body.append("\(i == dialog.reasonIndex ? "▸" : " ") \(reason.code)  \(reason.text)")
            }
        }
        if dialog.kind == .conditions {
            body.append("Lower the line or the leverage (Tab moves between fields).")
        }
        // A refusal or failure after Enter stays inside the dialog, above the inputs that were kept.
        let width = max(20, min(area.width - 6, 90))
        let failure = dialog.failure.map { DisplayWidth.wrap("✗ " + $0, to: width) + [""] } ?? []
        Dialog(title: dialog.title, bodyLines: body, errorLines: failure, fields: dialog.fields,
               focusedFieldIndex: dialog.fields.isEmpty ? nil : dialog.focusedField,
               hint: "Enter confirm · Esc cancel", preferredWidth: 72).draw(into: &grid, area: area, theme: theme)
    }
}
