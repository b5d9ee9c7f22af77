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
