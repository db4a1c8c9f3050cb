import Foundation
import Testing
@testable import RiskCore

@Suite("Newton–IRLS logistic regression")
struct LogisticRegressionTests {
    static func reference() -> (x: [Double], y: [Bool]) {
        var x: [Double] = [], y: [Bool] = []
        for line in IRLSReference.csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            x += fields.prefix(3).compactMap(Double.init)
            y.append(fields[3] == "1")
        }
        return (x, y)
    }

    @Test("the reference data set reads as 300 rows, 93 bads")
    func referenceData() {
        let (x, y) = Self.reference()
        #expect(y.count == 300)
        #expect(x.count == 900)
        #expect(y.filter { $0 }.count == 93)
    }

    @Test("unpenalised coefficients equal statsmodels' GLM fit within 1e-6")
    func unpenalised() throws {
        let (x, y) = Self.reference()
        let fit = try LogisticRegression.fit(x: x, columns: 3, y: y)
        let mine = [fit.intercept] + fit.coefficients
        for (a, b) in zip(mine, IRLSReference.unpenalised) { #expect(abs(a - b) < 1e-6, "\(a) vs \(b)") }
    }

    @Test("L2 (λ = 2.5, intercept unpenalised) equals scikit-learn's LogisticRegression(C = 1/λ) within 1e-6")
    func penalised() throws {
        let (x, y) = Self.reference()
        let fit = try LogisticRegression.fit(x: x, columns: 3, y: y, l2: IRLSReference.lambda)
        let mine = [fit.intercept] + fit.coefficients
        for (a, b) in zip(mine, IRLSReference.penalised) { #expect(abs(a - b) < 1e-6, "\(a) vs \(b)") }
        // The penalty shrinks every coefficient towards zero.
        for (p, u) in zip(fit.coefficients, IRLSReference.unpenalised.dropFirst()) { #expect(abs(p) < abs(u)) }
    }

    @Test("a duplicated column makes the Hessian singular: a typed error, not a wrong fit")
    func singular() {
        let (x, y) = Self.reference()
        var doubled: [Double] = []
        for i in 0..<y.count { doubled += [x[i * 3], x[i * 3]] }
        #expect(throws: TrainingError.self) { try LogisticRegression.fit(x: doubled, columns: 2, y: y) }
        do {
            _ = try LogisticRegression.fit(x: doubled, columns: 2, y: y)
        } catch {
            guard case .singularHessian = error else { Issue.record("expected singular, got \(error)"); return }
        }
    }

    @Test("perfect separation does not converge and says so; L2 makes it converge")
    func separation() throws {
        let x: [Double] = (0..<40).map { Double($0) }
        let y = (0..<40).map { $0 >= 20 }
        do {
            _ = try LogisticRegression.fit(x: x, columns: 1, y: y)
            Issue.record("a separable set should not converge")
        } catch {
            guard case .notConverged = error else { Issue.record("expected notConverged, got \(error)"); return }
        }
        let fit = try LogisticRegression.fit(x: x, columns: 1, y: y, l2: 1)
        #expect(fit.coefficients[0] > 0)
    }

    @Test("one class is refused")
    func oneClass() {
        #expect(throws: TrainingError.oneClass(bad: false)) {
            try LogisticRegression.fit(x: [1, 2, 3], columns: 1, y: [false, false, false])
        }
        #expect(TrainingError.oneClass(bad: false).description == "target has one class (all 0, no row bad)")
    }
}
