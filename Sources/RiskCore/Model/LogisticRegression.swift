import Foundation

/// A fitted logistic regression of a bad on the columns: log-odds(bad) = intercept + Σ coefficients·x.
public struct LogisticFit: Hashable, Sendable {
    public var intercept: Double
    public var coefficients: [Double]
    public var iterations: Int
    /// The penalised log-likelihood at the fit.
    public var logLikelihood: Double
}

/// Logistic regression by Newton–IRLS with an optional L2 penalty on the coefficients (not the intercept).
///
/// It maximises Σ [y·η − ln(1 + e^η)] − (λ/2)·Σ β_j², the same objective as scikit-learn's
/// `LogisticRegression(C = 1/λ)` (whose loss is ½‖w‖² + C·Σ log-loss) with the intercept unpenalised; λ = 0 is plain
/// maximum likelihood. Each step solves (XᵀWX + λI′)·δ = Xᵀ(y − p) − λβ′ by Cholesky, halving the step while the
/// objective falls; it stops when no coefficient moves more than `tolerance`.
public enum LogisticRegression {
    /// Fits `x` (one row of `columns` values per observation, row-major) against `y`.
    public static func fit(x: [Double], columns: Int, y: [Bool], l2: Double = 0, maxIterations: Int = 100,
                           tolerance: Double = 1e-10) throws(TrainingError) -> LogisticFit {
        let n = y.count, p = columns + 1
        guard x.count == n * columns else {
            throw .invalidOption("design matrix holds \(x.count) values, expected \(n) × \(columns)")
        }
        guard l2 >= 0, l2.isFinite else { throw .invalidOption("L2 penalty must be ≥ 0 (got \(l2))") }
        let bads = y.lazy.filter { $0 }.count
        guard bads > 0, bads < n else { throw .oneClass(bad: bads == n) }
        var beta = [Double](repeating: 0, count: p)
        beta[0] = log(Double(bads) / Double(n - bads))
        var current = objective(beta, x: x, columns: columns, y: y, l2: l2)
        for iteration in 1...maxIterations {
            var gradient = [Double](repeating: 0, count: p)
            var hessian = [Double](repeating: 0, count: p * p)
            var row = [Double](repeating: 1, count: p)
            for i in 0..<n {
                var eta = beta[0]
                for j in 0..<columns {
                    row[j + 1] = x[i * columns + j]
                    eta += beta[j + 1] * row[j + 1]
                }
                let prob = 1 / (1 + exp(-eta))
                let residual = (y[i] ? 1 : 0) - prob
                let weight = prob * (1 - prob)
                for a in 0..<p {
                    gradient[a] += residual * row[a]
                    let wa = weight * row[a]
                    for b in a..<p { hessian[a * p + b] += wa * row[b] }
                }
            }
            for a in 1..<max(1, p) {
                gradient[a] -= l2 * beta[a]
                hessian[a * p + a] += l2
            }
            for a in 0..<p { for b in 0..<a { hessian[a * p + b] = hessian[b * p + a] } }
            let step: [Double]
            do { step = try solveCholesky(hessian, gradient, size: p) } catch {
                // After the first step a singular Hessian means the fitted probabilities reached 0 or 1.
                guard iteration == 1 else {
                    throw .notConverged(iterations: iteration, "the fitted probabilities reach 0 or 1 (perfect separation?)")
                }
                throw error
            }
            var scale = 1.0
            var next = beta
            var value = current
            for _ in 0..<40 {
                next = zip(beta, step).map { $0 + scale * $1 }
                value = objective(next, x: x, columns: columns, y: y, l2: l2)
                if value.isFinite && value >= current - 1e-12 * max(1, abs(current)) { break }
                scale /= 2
            }
            let moved = zip(next, beta).map { abs($0 - $1) }.max() ?? 0
            beta = next
            current = value
            if beta.contains(where: { !$0.isFinite || abs($0) > 1e6 }) {
                throw .notConverged(iterations: iteration, "a coefficient diverges (perfect separation?)")
            }
            if moved < tolerance {
                return LogisticFit(intercept: beta[0], coefficients: Array(beta.dropFirst()), iterations: iteration,
                                   logLikelihood: current)
            }
        }
        throw .notConverged(iterations: maxIterations, "coefficients still moving (perfect separation?)")
    }

    /// The penalised log-likelihood of `beta` (intercept first).
    static func objective(_ beta: [Double], x: [Double], columns: Int, y: [Bool], l2: Double) -> Double {
        var total = 0.0
        for i in 0..<y.count {
            var eta = beta[0]
            for j in 0..<columns { eta += beta[j + 1] * x[i * columns + j] }
            // ln(1 + e^η) without overflow.
            let softplus = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
            total += (y[i] ? eta : 0) - softplus
        }
        let penalty = beta.dropFirst().reduce(0) { $0 + $1 * $1 }
        return total - l2 / 2 * penalty
    }

    /// Solves `matrix`·x = `vector` for a symmetric positive-definite `matrix` (row-major, size × size).
    public static func solveCholesky(_ matrix: [Double], _ vector: [Double], size: Int) throws(TrainingError) -> [Double] {
        var l = [Double](repeating: 0, count: size * size)
        let scale = (0..<size).map { matrix[$0 * size + $0] }.max() ?? 0
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= l[i * size + k] * l[j * size + k] }
                if i == j {
                    guard sum > 1e-12 * max(scale, 1e-300), sum.isFinite else {
                        throw .singularHessian("column \(i) is constant or a combination of the others")
                    }
                    l[i * size + i] = sqrt(sum)
                } else {
                    l[i * size + j] = sum / l[j * size + j]
                }
            }
        }
        var z = [Double](repeating: 0, count: size)
        for i in 0..<size {
            var sum = vector[i]
            for k in 0..<i { sum -= l[i * size + k] * z[k] }
            z[i] = sum / l[i * size + i]
        }
        var solution = [Double](repeating: 0, count: size)
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = z[i]
            for k in (i + 1)..<size { sum -= l[k * size + i] * solution[k] }
            solution[i] = sum / l[i * size + i]
        }
        return solution
    }
}
