import Foundation
import RiskCore
import RiskStore

/// `riskdesk bench --only models`: reading the loan history as a training table and training a card on it, for each
/// desk target (what `riskdesk model train --db` does, without registering), and one monitoring reading of each
/// champion (PSI over the recent scores, CSI, matured AUC; what the feed records every few minutes). Reads only.
enum ModelFigures {
    static func run(_ bed: ConsoleBenchmark.Bed, report: (BenchFigure) -> Void) throws(StoreError) {
        report(.note("— models —"))
        let now = Date()
        for target in ModelTarget.desk {
            var reads: [Double] = []
            var dataset: TrainingDataset?
            for _ in 0..<3 {
                reads.append(try milliseconds { () throws(StoreError) in
                    dataset = try bed.store.trainingDataset(target: target, asOf: nil)
                })
            }
            guard let dataset, dataset.rowCount > 0 else {
                report(.note("  \(target.code): no loan history with matured outcomes to train on"))
                continue
            }
            report(BenchFigure(name: "\(target.code): read the loan history", samples: reads))
            var trainings: [Double] = []
            var trained: TrainedScorecard?
            do throws(TrainingError) {
                for _ in 0..<3 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    trained = try ScorecardTrainer.train(dataset, options: RiskCore.TrainingOptions(),
                                                         benchmark: target == .default12m ? .standard : nil,
                                                         description: "bench", now: now)
                    trainings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
                }
            } catch {
                report(.note("  \(target.code): training refused: \(error)"))
                continue
            }
            report(BenchFigure(name: "\(target.code): train a card", samples: trainings))
            if let report_ = trained?.report {
                report(.note(String(format: "  %@ rows (%@ bads); holdout AUC %.3f, KS %.3f", dataset.rowCount.formatted(),
                                    dataset.badCount.formatted(), report_.auc, report_.ks)
                             + (report_.benchmark.map { String(format: "; %@ AUC %.3f", $0.version, $0.auc) } ?? "")))
            }
        }
        for target in ModelTarget.desk {
            guard let champion = try bed.store.champion(target: target.code), champion.card != nil else { continue }
            var readings: [Double] = []
            for _ in 0..<5 {
                readings.append(try milliseconds { () throws(StoreError) in
                    _ = try bed.store.modelMonitoringReading(version: champion.summary.version, at: now)
                })
            }
            report(BenchFigure(name: "\(target.code): monitoring reading", samples: readings))
        }
    }
}
