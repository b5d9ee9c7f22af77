import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatedSite } from '../../local/emulated-site';
import { invokeWebTrigger } from '../../local/runtime/invoke-trigger';

/** A monitoring tool's webhook body from test/fixtures/monitoring, dated `at` (epoch ms). */
export function monitoringFixture(name: string, at: number): Record<string, unknown> {
  const text = readFileSync(join(__dirname, '../fixtures/monitoring', name), 'utf8').replaceAll('__DATE__', String(at)).replaceAll('__ISO__', new Date(at).toISOString());
  return JSON.parse(text) as Record<string, unknown>;
}

/** Posts an alert to the monitoring web trigger as Forge runs it, for PAY and Datadog by default. */
export async function sendAlert(site: EmulatedSite, secret: string, body: unknown, query: { project?: string; tool?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = (await invokeWebTrigger({
    handler: site.handler('monitoring-webhook'),
    moduleKey: 'preflight-monitoring',
    request: {
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': ['application/json'], 'X-Preflight-Secret': [secret] },
      queryParameters: { project: [query.project ?? 'PAY'], tool: [query.tool ?? 'datadog'] },
      body: JSON.stringify(body),
    },
  })) as { statusCode: number; body: string };
  return { status: answer.statusCode, body: JSON.parse(answer.body) as Record<string, unknown> };
}

export const DAY = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The incident both incident tests tell: the release went live yesterday (Jira's release day,
 * 00:00 UTC), an alert opened 2 h 10 min later and recovered 40 min after that. Epoch ms.
 */
export function yesterdaysIncident(now = Date.now()): { today: number; live: number; started: number; resolved: number } {
  const today = Date.parse(`${isoDay(now)}T00:00:00.000Z`);
  const live = today - DAY;
  const started = live + (2 * 60 + 10) * 60_000;
  return { today, live, started, resolved: started + 40 * 60_000 };
}
