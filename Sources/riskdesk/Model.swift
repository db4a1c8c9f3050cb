import ArgumentParser

/// `riskdesk model …`: train, validate, register, promote, monitor and roll back scorecards. Each subcommand lives
/// in its own ModelX.swift file.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Scorecards: train one from the loan book or a CSV, report on it, and take it through the registry (candidate → challenger → champion, four eyes) and its monitoring.",
        subcommands: [ModelTrain.self, ModelList.self, ModelShow.self, ModelReport.self, ModelExport.self, ModelImport.self,
                      ModelChallenge.self, ModelPropose.self, ModelRollback.self, ModelApprove.self, ModelWithdraw.self,
                      ModelMonitor.self])
}
