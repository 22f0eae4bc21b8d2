// The test run's PERIOD_ACCELERATION (README, "Procedures"): many tests publish tenders that close
// seconds after publication, with questions closing half a second before, because they wait for
// real deadlines in real time (until the clock control lets them move time instead). At 10^7 the
// longest minimum submission period (35 days, international) lasts 0.3 s, the domestic one (18 days)
// 0.16 s, the 3-working-day clarification cut-off 26 ms and the 10-day amendment period 86 ms, so a
// test whose publication waits seconds under load still publishes.
// Files that check the law's own numbers start their cloud with PERIOD_ACCELERATION=1.
export const testPeriodAcceleration = '10000000';
