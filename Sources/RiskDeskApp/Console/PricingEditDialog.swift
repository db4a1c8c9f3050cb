import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The `E` dialog of the pricing pane: pick a parameter, type the new value (checked as you type) and a reason,
/// see the preview computed off the UI thread, then Enter re-prices the pending quotes (Esc cancels at any step).
public struct PricingEditDialog: Hashable, Sendable {
    public enum Step: Hashable, Sendable { case pick, edit, previewing, preview, saving }

    /// The parameters in force when the dialog opened (the store checks again when it writes).
    public var parameters: PricingParameters
    public var step: Step = .pick
    public var pickIndex = 0
    /// The new value and the reason.
    public var fields: [Dialog.Field] = [
        Dialog.Field(label: "New value", input: TextField(maxLength: 40)),
        Dialog.Field(label: "Reason", input: TextField(maxLength: Note.maximumLength), placeholder: "required: why the price moves"),
    ]
    public var focusedField = 0
    /// The preview of the typed change and the pricing version it was computed at.
    public var review: PricingChangeReview?
    /// Why the last step was refused or failed; the dialog stays open with it.
    public var failure: String?

    public init(parameters: PricingParameters) { self.parameters = parameters }

    public var info: PricingParameterInfo { PricingParameterCatalog.all[min(pickIndex, PricingParameterCatalog.all.count - 1)] }
    var value: String { fields[0].input.text }
    var reason: String { fields[1].input.text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// "250 bp", "45 %", "0.6".
    func valueText(_ name: String) -> String {
        let unit = PricingParameterCatalog.info(named: name)?.unit ?? ""
        return (parameters.fields[name] ?? "?") + (unit == "index" ? "" : " \(unit)")
    }

    /// The typed value checked against the parameters: nil while empty or valid, else the message.
    mutating func checkValue() {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            fields[0].error = nil
            return
        }
        if case let .failure(error) = PricingEdit.make(info.name, to: value, from: parameters) {
            fields[0].error = error.description
        } else {
            fields[0].error = nil
        }
    }

    /// The preview effect when the value and reason are valid; otherwise the fields say what is wrong.
    mutating func previewEffect() -> Effect? {
        checkValue()
        if value.trimmingCharacters(in: .whitespaces).isEmpty { fields[0].error = "type the new value (\(info.rangeText))" }
        fields[1].error = reason.isEmpty ? "a reason is required: the audit log must say why the price moved" : nil
        if fields[1].error == nil, reason.count > Note.maximumLength { fields[1].error = Note.limitReachedMessage }
        guard fields[0].error == nil else { focusedField = 0; return nil }
        guard fields[1].error == nil else { focusedField = 1; return nil }
        return .previewPricingChange(name: info.name, value: value)
    }
}

extension AppState {
    /// Whether `E` can act for this person: supervisors, and trainers on training data; never on `--readonly`.
    var pricingEditAvailability: KeyAvailability {
        if readOnlyFlag { return .unavailable(readOnlyMessage) }
        do throws(DecisionError) {
            try DeskRules.editPricing(by: user, isTrainingData: isTrainingData)
            return .available
        } catch {
            return .unavailable(error.description)
        }
    }

    /// The results of the dialog's effects: opened, previewed, saved or refused.
    mutating func reducePricingEdit(_ action: Action) -> [Effect] {
        switch action {
        case let .pricingEditorOpened(parameters):
            guard dialog == nil, alertDialog == nil else { return [] }
            pricingEditDialog = PricingEditDialog(parameters: parameters)
            return []
        case let .pricingPreviewed(review):
            // A preview for what is still typed and still waited for; an older one is dropped.
            guard var d = pricingEditDialog, d.step == .previewing, review.preview.parameter == d.info.name else { return [] }
            d.review = review
            d.step = .preview
            pricingEditDialog = d
            return []
        case let .pricingChanged(summary):
            pricingEditDialog = nil
            say(summary)
            let detailReload: [Effect] = detail.map { [.loadDetail(applicationID: $0.application.id)] } ?? []
            return [.loadPricing, .loadQueue(.reload)] + detailReload
        case let .pricingEditFailed(message):
            guard var d = pricingEditDialog else {
                say(message, error: true)
                return []
            }
            d.failure = message
            if d.step == .previewing || d.step == .saving { d.step = d.review == nil ? .edit : .preview }
            pricingEditDialog = d
            say(message, error: true)
            return []
        default:
            return []
        }
    }

    mutating func handlePricingEditDialog(_ key: Key) -> [Effect] {
        guard var d = pricingEditDialog.take() else { return [] }
        if key == .escape {
            say("cancelled: pricing unchanged")
            return []
        }
        if key == .control("c") {
            shouldQuit = true
            return []
        }
        defer { pricingEditDialog = d }
        switch d.step {
        case .pick:
            switch key {
            case .down, .character("j"): d.pickIndex = min(d.pickIndex + 1, PricingParameterCatalog.all.count - 1)
            case .up, .character("k"): d.pickIndex = max(d.pickIndex - 1, 0)
            case .enter:
                d.step = .edit
                d.focusedField = 0
                d.failure = nil
            default: break
            }
        case .edit:
            switch key {
            case .enter:
                d.failure = nil
                guard let effect = d.previewEffect() else { return [] }
                d.step = .previewing
                d.review = nil
                return [effect]
            case .tab, .down: d.focusedField = (d.focusedField + 1) % d.fields.count
            case .backTab, .up: d.focusedField = (d.focusedField + d.fields.count - 1) % d.fields.count
            default:
                _ = d.fields[d.focusedField].input.handle(key)
                if d.focusedField == 0 {
                    d.checkValue()
                } else {
                    d.fields[1].error = d.fields[1].input.reachedLimit ? Note.limitReachedMessage : nil
                }
            }
        case .previewing, .saving:
            break  // Esc cancels; other keys wait for the result
        case .preview:
            switch key {
            case .enter:
                guard let review = d.review else { return [] }
                d.failure = nil
                d.step = .saving
                return [.changePricing(name: d.info.name, value: d.value, reason: d.reason, expectedVersion: review.pricingVersion)]
            case .backspace, .character("b"):
                d.step = .edit  // back to change the value or reason
            default: break
            }
        }
        return []
    }
}
