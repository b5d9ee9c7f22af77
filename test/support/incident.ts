import type { Incident } from '../../src/domain/incidents';

/** A severity-2 Datadog incident on PAY's version 10, opened 2 Mar 2026 at 02:10 UTC; `over` changes what a test needs. */
export const incident = (over: Partial<Incident>): Incident => ({
  key: 'PAY:datadog:1',
  projectKey: 'PAY',
  versionId: '10',
  tool: 'datadog',
  alertId: '1',
  severity: 2,
  title: 'checkout-api error rate above 5%',
  startedAt: '2026-03-02T02:10:00.000Z',
  updatedAt: '2026-03-02T02:10:00.000Z',
  notifications: 1,
  ...over,
});
