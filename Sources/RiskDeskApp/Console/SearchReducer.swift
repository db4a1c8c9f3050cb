import Foundation
import RiskCore
import RiskStore

/// The `/` filter's results as the text is typed: the newest search's page and count; older ones are ignored.
extension AppState {
    mutating func reduceSearch(_ action: Action) -> [Effect] {
        switch action {
        case let .queueSearched(generation, rows):
            guard generation == queue.searchGeneration else { return [] }  // a later keystroke superseded it
            queue.shownSearchGeneration = generation
            let previousID = queue.selectedRow?.application.id
            queue.rows = rows
            queue.position = 0
            queue.selected = 0
            queue.total = queue.matchCount?.count ?? rows.count
            lastRefresh = now
            guard let id = queue.selectedRow?.application.id else {
                detail = nil
                return []
            }
            return id == previousID && detail?.application.id == id ? [] : [.loadDetail(applicationID: id)]
        case let .queueMatchesCounted(generation, count):
            guard generation == queue.searchGeneration else { return [] }
            queue.matchCount = count
            queue.total = count.count
            return []
        default:
            return []
        }
    }
}
