import Foundation
import Testing
@testable import RiskCore

/// Each desk metric on a crafted history whose answers are worked out by hand.
@Suite struct DeskMetricsTests {
    /// The window: 4 buckets of 10 minutes ending at `end` → (end−40m, end−30m], …, (end−10m, end].
    let end = Fixture.now
    var window: MetricsWindow { MetricsWindow(end: end, bucket: 600, count: 4) }
    func at(_ minutesBeforeEnd: Double) -> Date { end.addingTimeInterval(-minutesBeforeEnd * 60) }

    @Test func bucketsAreHalfOpenAtTheStartAndClosedAtTheEnd() {
        #expect(window.index(of: at(40)) == nil)        // the window's start belongs to the bucket before it
        #expect(window.index(of: at(39.9)) == 0)
        #expect(window.index(of: at(30)) == 0)          // a bucket's end is in it
        #expect(window.index(of: at(29.9)) == 1)
        #expect(window.index(of: end) == 3)
        #expect(window.index(of: end.addingTimeInterval(1)) == nil)
        #expect(MetricsWindow.lastHour(at: end).count == 60 && MetricsWindow.lastDay(at: end).bucket == 3_600)
    }

    @Test func alertsPerMinuteCountsEachBucketAndAveragesTheWindow() {
        // 5 alerts in bucket 0, none in 1 and 2, 3 in bucket 3, one before the window (ignored).
        let raised = [39, 38, 35, 33, 31, 9, 5, 0, 45].map(at)
        let report = DeskMetrics.report(DeskHistory(alertsRaised: raised), window: window)
        let series = report[.alertsPerMinute]
        #expect(series?.values == [0.5, 0, 0, 0.3])     // per 10-minute bucket: 5/10, 0, 0, 3/10
        #expect(series?.current == 0.2)                  // 8 alerts in 40 minutes
    }

    @Test func straightThroughRateIsAmongRoutedApplicationsOnly() {
        let subs: [DeskHistory.Submission] = [
            .init(at: at(35), route: .straightThrough), .init(at: at(34), route: .person), .init(at: at(33), route: .person),
            .init(at: at(32), route: nil),  // stopped at the prescreen: not counted
            .init(at: at(5), route: .straightThrough), .init(at: at(4), route: .straightThrough),
        ]
        let report = DeskMetrics.report(DeskHistory(submissions: subs), window: window, reviewMinutes: 20)
        #expect(report[.straightThroughRate]?.values == [1.0 / 3, nil, nil, 1])
        #expect(report[.straightThroughRate]?.current == 0.6)  // 3 of 5 routed
        // Review time saved: 3 straight-through × 20 minutes; per bucket 1 and 2 of them.
        #expect(report[.reviewMinutesSaved]?.values == [20, 0, 0, 40])
        #expect(report[.reviewMinutesSaved]?.current == 60)
    }

    @Test func routeOfAnApplicationFollowsItsStageAndWhetherAPersonDecidedIt() {
        typealias S = DeskHistory.Submission
        #expect(S.route(stage: .compliance, decidedByPerson: false) == .straightThrough)
        #expect(S.route(stage: .active, decidedByPerson: false) == .straightThrough)
        #expect(S.route(stage: .active, decidedByPerson: true) == .person)
        #expect(S.route(stage: .manualReview, decidedByPerson: false) == .person)
        #expect(S.route(stage: .rejected, decidedByPerson: false) == nil)   // prescreen rejection
        #expect(S.route(stage: .rejected, decidedByPerson: true) == .person)
        #expect(S.route(stage: .assessment, decidedByPerson: false) == nil)
    }

    @Test func queueDepthIsReconstructedBackFromTheDepthNow() {
        // Now 10 wait. In bucket 3: one routed to a person (+1) and two decided out (−2): net −1 → 11 at the end of
        // bucket 2. In bucket 1: an escalation (person → person, no change) and a compliance → manual review (+1):
        // 10 at the end of bucket 0.
        let sub = DeskHistory.Submission(at: at(8), route: .person)
        let decisions = [
            DeskHistory.Decision(at: at(7), kind: "approve", from: .manualReview, to: .compliance, submittedAt: at(100)),
            DeskHistory.Decision(at: at(6), kind: "reject", from: .escalated, to: .rejected, submittedAt: at(60)),
            DeskHistory.Decision(at: at(25), kind: "escalate", from: .manualReview, to: .escalated, submittedAt: at(50)),
            DeskHistory.Decision(at: at(24), kind: "approve", from: .compliance, to: .manualReview, submittedAt: at(50)),
        ]
        let history = DeskHistory(submissions: [sub], decisions: decisions, queueDepthNow: 10)
        let series = DeskMetrics.report(history, window: window)[.queueDepth]
        #expect(series?.values == [10, 11, 11, 10])
        #expect(series?.current == 10)
    }

    @Test func medianTimeToDecisionIsOverDecisionsThatLeaveThePersonStages() {
        // Exits in bucket 3 after 100 and 60 minutes (median 80); in bucket 0 after 30, 90 and 45 (median 45).
        // The escalation does not leave the person stages: not a decision for this figure.
        let decisions = [
            DeskHistory.Decision(at: at(7), kind: "approve", from: .manualReview, to: .compliance, submittedAt: at(107)),
            DeskHistory.Decision(at: at(6), kind: "reject", from: .manualReview, to: .rejected, submittedAt: at(66)),
            DeskHistory.Decision(at: at(35), kind: "approve", from: .awaitingSecondApproval, to: .compliance, submittedAt: at(65)),
            DeskHistory.Decision(at: at(34), kind: "reject", from: .manualReview, to: .rejected, submittedAt: at(124)),
            DeskHistory.Decision(at: at(33), kind: "request-info", from: .manualReview, to: .infoRequested, submittedAt: at(78)),
            DeskHistory.Decision(at: at(32), kind: "escalate", from: .manualReview, to: .escalated, submittedAt: at(1_000)),
        ]
        let series = DeskMetrics.report(DeskHistory(decisions: decisions), window: window)[.medianDecisionMinutes]
        #expect(series?.values == [45, nil, nil, 80])
        #expect(series?.current == 60)   // 30, 45, 60, 90, 100 → 60
    }

    @Test func overrideRateIsTheShareOfApprovalsWithChangedTermsOrAPriceOverride() {
        let decisions = [
            DeskHistory.Decision(at: at(35), kind: "approve", from: .manualReview, to: .compliance, submittedAt: at(90)),
            DeskHistory.Decision(at: at(34), kind: "approve-with", from: .manualReview, to: .compliance, submittedAt: at(90)),
            DeskHistory.Decision(at: at(33), kind: "approve", from: .manualReview, to: .awaitingSecondApproval, priceOverride: -25,
                                 submittedAt: at(90)),
            DeskHistory.Decision(at: at(32), kind: "approve", from: .manualReview, to: .compliance, priceOverride: 0, submittedAt: at(90)),
            DeskHistory.Decision(at: at(31), kind: "reject", from: .manualReview, to: .rejected, submittedAt: at(90)),  // not an approval
            DeskHistory.Decision(at: at(5), kind: "approve", from: .manualReview, to: .compliance, submittedAt: at(90)),
        ]
        let series = DeskMetrics.report(DeskHistory(decisions: decisions), window: window)[.overrideRate]
        #expect(series?.values == [0.5, nil, nil, 0])   // 2 of 4, then 0 of 1
        #expect(series?.current == 0.4)                   // 2 of 5
    }

    @Test func marginCallsOpenAtEachBucketEndAndMetPerBucket() {
        let calls = [
            DeskHistory.Call(openedAt: at(100)),                                  // live throughout
            DeskHistory.Call(openedAt: at(100), metAt: at(25)),                   // met in bucket 1
            DeskHistory.Call(openedAt: at(35), closedOutAt: at(15)),              // opened in 0, closed out in 2
            DeskHistory.Call(openedAt: at(12), metAt: at(2)),                     // opened in 2, met in 3
        ]
        let report = DeskMetrics.report(DeskHistory(calls: calls), window: window)
        // Open at end−30m: 1st, 2nd, 3rd = 3; at end−20m: 1st, 3rd = 2; at end−10m: 1st, 4th = 2; at the end: 1st = 1.
        #expect(report[.callsOpen]?.values == [3, 2, 2, 1])
        #expect(report[.callsOpen]?.current == 1)
        #expect(report[.callsMet]?.values == [0, 1, 0, 1])
        #expect(report[.callsMet]?.current == 2)
    }

    @Test func windowsSinceAStartUseRoundBuckets() {
        let hour = MetricsWindow.since(at(60), until: end)
        #expect(hour.bucket == 60 && hour.count == 60)
        let day = MetricsWindow.since(end.addingTimeInterval(-86_400), until: end)
        #expect(day.bucket == 3_600 && day.count == 24)
        let week = MetricsWindow.since(end.addingTimeInterval(-7 * 86_400), until: end)
        #expect(week.bucket == 14_400 && week.count == 42)
    }

    @Test func figuresReadForAPerson() {
        #expect(DeskMetric.medianDecisionMinutes.text(190) == "3h10m")
        #expect(DeskMetric.reviewMinutesSaved.text(3_000) == "2d2h")
        #expect(DeskMetric.straightThroughRate.text(0.714) == "71%")
        #expect(DeskMetric.alertsPerMinute.text(1.25) == "1.25")
        #expect(DeskMetric.alertsPerMinute.text(3.0 / 1_440) == "0.002")
        #expect(DeskMetric.alertsPerMinute.text(0) == "0.00")
        #expect(DeskMetric.queueDepth.text(nil) == "–")
    }
}

/// `riskdesk metrics --since`: durations and dates, and the refusals.
@Suite struct MetricsSinceTests {
    let now = Fixture.now

    @Test func durationsCountBackFromNow() throws {
        #expect(try MetricsSince.start("1h", now: now) == now.addingTimeInterval(-3_600))
        #expect(try MetricsSince.start("24h", now: now) == now.addingTimeInterval(-86_400))
        #expect(try MetricsSince.start("7d", now: now) == now.addingTimeInterval(-7 * 86_400))
        #expect(try MetricsSince.start("90m", now: now) == now.addingTimeInterval(-5_400))
    }

    @Test func isoDatesAreMidnightUTCAndTimesAreExact() throws {
        #expect(try MetricsSince.start("2025-12-31", now: now) == now.addingTimeInterval(-86_400))
        #expect(try MetricsSince.start("2025-12-31T12:00:00Z", now: now) == now.addingTimeInterval(-43_200))
    }

    @Test func nonsenseIsRefusedWithWhatIsAccepted() {
        for text in ["", "abc", "0h", "-1h", "1y", "400d", "2025-02-30", "2026-01-02", "1.5h", String(repeating: "9", count: 60) + "h"] {
            #expect(throws: InputError.self, "\(text)") { try MetricsSince.start(text, now: now) }
        }
        do {
            _ = try MetricsSince.start("soon", now: now)
        } catch {
            #expect(error.message.contains("30m, 1h, 24h, 7d"))
        }
    }
}
