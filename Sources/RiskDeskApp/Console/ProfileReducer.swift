import Foundation
import RiskCore
import TerminalUI

/// The customer profile pane's reducer: the selected application's detail and the pane's scrolling.
extension AppState {
    mutating func reduceProfile(_ action: Action) -> [Effect] {
        guard case let .detailLoaded(newDetail) = action else { return [] }
        if newDetail?.application.id != detail?.application.id { profileScroll = 0 }
        maskUnlessShowing(newDetail?.customer.id)
        detail = newDetail
        if let grade = newDetail?.application.grade, let g = Grade.allCases.firstIndex(of: grade) {
            pricingGradeCursor = g
        }
        return []
    }

    mutating func profileCommand(_ command: Command) -> [Effect] {
        switch command {
        case .moveDown: profileScroll = min(max(0, profileScroll + 1), maxProfileScroll)
        case .moveUp: profileScroll = min(max(0, profileScroll - 1), maxProfileScroll)
        case .pageDown: profileScroll = min(max(0, profileScroll + 10), maxProfileScroll)
        case .pageUp: profileScroll = min(max(0, profileScroll - 10), maxProfileScroll)
        case .top: profileScroll = 0
        case .bottom: profileScroll = maxProfileScroll
        case .detail: focus = .profile
        default: break
        }
        return []
    }

    /// The furthest the profile can scroll: its lines less the pane's inner height.
    var maxProfileScroll: Int {
        guard let detail, let rect = Layout(self).panes[.profile] else { return 0 }
        return max(0, ProfilePaneView.lines(for: detail, now: now, proposal: proposals[detail.application.id], revealed: revealed).count - (rect.height - 2))
    }
}
