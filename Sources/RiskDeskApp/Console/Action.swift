import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// Everything that can happen to the console: keys, time, store changes and the results of effects.
public enum Action: Sendable {
    case key(Key)
    case tick(Date)
    case resize(Size)
    case storeChanged
    /// The change feed was read and nothing changed: what is on screen is current.
    case dataConfirmed
    case queueLoaded(rows: [QueueRow], position: Int, total: Int, selected: Int)
    case detailLoaded(ApplicationDetail?)
    case alertsLoaded(rows: [AlertRow], position: Int, counts: [Severity: Int], selected: Int)
    /// The grade × band rates, with the leverage cap the stored financing margin ratio allows (it sets the bands).
    case pricingLoaded([[BasisPoints]], maximumLeverage: Leverage)
    case dialogOpened(DecisionDialog)
    case decided(summary: String)
    case failed(String)
    /// The store refused or failed a decision or note from the open dialog: the dialog stays open with the message.
    case decisionFailed(String)
    case info(String)
    case userSwitched(User)
    case themeChanged(String)
    /// The desk settings were read: open the `:settings` view.
    case settingsLoaded([SettingEntry])
}
