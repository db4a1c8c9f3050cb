import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// The console's conditions dialog on the numbers that used to trap the process through `Int(...)`:
/// each is a field error, the dialog stays open, and nothing is written.
@Suite("Decision dialog: crashing numbers")
struct CrashingInputDialogTests {
    @Test("a leverage of 1e17 or 99999999999999999999 and a line of Int64.max are field errors, not a crash")
    func hugeNumbersAreFieldErrors() throws {
        let desk = try DeskHarness()
        let row = try desk.freeManualReviewRow { $0 >= Money(yuan: 200_000) && $0 <= Money(yuan: 1_000_000) }
        let id = row.application.id
        desk.goTo(id)
        desk.press(.character("c"))
        let audit = try desk.auditCount()
        try #require(desk.state.dialog?.kind == .conditions)

        for leverage in ["1e17", "99999999999999999999", "nan", "-9223372036854775808"] {
            desk.press(.tab)                       // the leverage field
            desk.press(.control("u"))
            desk.type(leverage)
            desk.press(.enter)
            #expect(desk.state.dialog != nil, "\(leverage): an invalid dialog stays open")
            #expect(desk.state.dialog?.fields[1].error != nil, "\(leverage): no field error")
            #expect(desk.screen.contains("?×") || desk.screen.contains("at ?"), "\(leverage): the summary shows no leverage")
            desk.press(.backTab)
        }
        desk.press(.control("u"))
        desk.type("9223372036854775807")
        desk.press(.enter)
        #expect(desk.state.dialog?.fields[0].error != nil)
        #expect(try desk.auditCount() == audit)
        #expect(try desk.store.application(id)?.version == row.application.version)
    }
}
