import { bodyText } from '../runtime/product-call';

/**
 * Records what Slack and Teams would have received from the app, for the local site's
 * "Webhooks" page and for tests. It answers like the real services (Slack: 200 "ok"; Teams
 * workflows: 202), and can be told to fail the next calls to show retries.
 */
export interface WebhookMessage {
  seq: number;
  at: string;
  service: 'slack' | 'teams' | 'other';
  url: string;
  status: number;
  body: unknown;
}

export interface WebhookSink {
  messages: WebhookMessage[];
  /** The next `count` calls answer `status` (default 503) instead of succeeding. */
  failNext(count: number, status?: number): void;
  handle(url: URL, init: RequestInit | undefined): Promise<Response>;
  clear(): void;
}

/** Which service a webhook host belongs to. */
export function serviceOf(host: string): WebhookMessage['service'] {
  if (host === 'hooks.slack.com') return 'slack';
  if (/\.(webhook\.office\.com|logic\.azure\.com|api\.powerplatform\.com)$/.test(host)) return 'teams';
  return 'other';
}

/** Keeps at most this many messages in memory, newest last. */
const MAX_MESSAGES = 500;

export function createWebhookSink(opts: { onMessage?: (message: WebhookMessage) => void } = {}): WebhookSink {
  const messages: WebhookMessage[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let seq = 0;
  return {
    messages,
    failNext(count, status = 503) {
      failures = { count, status };
    },
    clear() {
      messages.length = 0;
    },
    async handle(url, init) {
      const service = serviceOf(url.hostname);
      const text = bodyText(init?.body) ?? '';
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: kept as text, which the page shows as it is.
      }
      const status = failures.count > 0 ? failures.status : service === 'teams' ? 202 : 200;
      if (failures.count > 0) failures = { ...failures, count: failures.count - 1 };
      const message: WebhookMessage = { seq: ++seq, at: new Date().toISOString(), service, url: url.href, status, body };
      messages.push(message);
      if (messages.length > MAX_MESSAGES) messages.shift();
      opts.onMessage?.(message);
      const answer = status >= 400 ? (service === 'slack' ? 'service_unavailable' : '{"error":"unavailable"}') : service === 'slack' ? 'ok' : '';
      return new Response(status === 202 ? null : answer, { status });
    },
  };
}
