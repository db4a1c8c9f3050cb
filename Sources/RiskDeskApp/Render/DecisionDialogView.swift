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
        Dialog(title: dialog.title, bodyLines: body, fields: dialog.fields,
               focusedFieldIndex: dialog.fields.isEmpty ? nil : dialog.focusedField,
               hint: "Enter confirm · Esc cancel", preferredWidth: 72).draw(into: &grid, area: area, theme: theme)
    }
}
