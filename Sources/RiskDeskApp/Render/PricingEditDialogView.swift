import RiskCore
import TerminalUI

/// The pricing edit dialog: the parameter list, then the value and reason fields, then the preview — the grade × band
/// table old → new with the changed cells marked `*`, and how many pending quotes move with the largest moves.
struct PricingEditDialogView: View {
    var dialog: PricingEditDialog

    func draw(into grid: inout Grid, area: Rect, theme: Theme) {
        let width = max(20, min(area.width - 6, 90))
        let info = dialog.info
        var body: [String] = []
        var hint = "Enter confirm · Esc cancel"
        switch dialog.step {
        case .pick:
            body.append("Parameter (↑↓ to choose, Enter to edit):")
            let nameWidth = PricingParameterCatalog.all.map { DisplayWidth.of($0.name) }.max() ?? 0
            let all = PricingParameterCatalog.all
            // Keep the picked line on screen when the list is longer than the space.
            let room = max(3, area.height - 10)
            let first = max(0, min(dialog.pickIndex - room / 2, all.count - room))
            for (index, p) in all.enumerated().dropFirst(first).prefix(room) {
                let mark = index == dialog.pickIndex ? "▸" : " "
                body.append("\(mark) \(DisplayWidth.pad(p.name, to: nameWidth)) \(DisplayWidth.pad(dialog.valueText(p.name), to: 9, alignment: .right))  \(p.summary)")
            }
            hint = "Enter edit · Esc cancel"
        case .edit:
            body += DisplayWidth.wrap("\(info.name) is \(dialog.valueText(info.name)) (\(info.rangeText)): \(info.summary)", to: width)
            hint = "Enter preview · Tab next field · Esc cancel"
        case .previewing:
            body.append("\(info.name) \(dialog.valueText(info.name)) → \(dialog.value)")
            body.append("computing the preview: every pending quote is re-priced…")
            hint = "Esc cancel"
        case .preview, .saving:
            if let review = dialog.review {
                body += Self.previewLines(review.preview, width: width)
            }
            hint = dialog.step == .saving ? "saving… · re-pricing the pending quotes" : "Enter re-price and save · b back · Esc cancel"
        }
        let failure = dialog.failure.map { DisplayWidth.wrap("✗ " + $0, to: width) + [""] } ?? []
        let showsFields = dialog.step == .edit
        Dialog(title: "Edit pricing", bodyLines: body, errorLines: failure, fields: showsFields ? dialog.fields : [],
               focusedFieldIndex: showsFields ? dialog.focusedField : nil, hint: hint, preferredWidth: 90)
            .draw(into: &grid, area: area, theme: theme)
    }

    /// The change, the table old → new (a changed cell `4.54→5.00*`), and the pending quotes that move.
    static func previewLines(_ preview: PricingChangePreview, width: Int) -> [String] {
        var lines = [preview.changeText, ""]
        let cell = 14
        lines.append(DisplayWidth.pad("Grade", to: 6) + preview.bandLabels.map { DisplayWidth.pad($0, to: cell, alignment: .right) }.joined())
        for (row, grade) in Grade.allCases.enumerated() {
            let cells = preview.bandLabels.indices.map { column -> String in
                let old = preview.oldTable[row][column], new = preview.newTable[row][column]
                let text = old == new ? Self.rate(old) + " " : "\(Self.rate(old))→\(Self.rate(new))*"
                return DisplayWidth.pad(text, to: cell, alignment: .right)
            }
            lines.append(DisplayWidth.pad(" " + grade.rawValue.uppercased(), to: 6) + cells.joined())
        }
        lines.append(preview.changedCells.isEmpty ? "no cell of the table changes" : "* \(preview.changedCells.count) cells change")
        lines.append("")
        lines += DisplayWidth.wrap(preview.quotesText, to: width)
        return lines
    }

    /// `4.54`: a rate in percent without the sign, to keep the cells narrow.
    static func rate(_ bp: BasisPoints) -> String { String(bp.percentText.dropLast()) }
}
