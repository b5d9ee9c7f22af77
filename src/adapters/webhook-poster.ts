import type { MessageContent, NotificationChannel, WebhookPoster } from '../ports';
import { slackWebhookUrlSchema, teamsWebhookUrlSchema } from '../shared/notifications';
import { slackMessage } from './slack-message';
import { teamsMessage } from './teams-card';

/** A webhook that does not answer within this is counted as failed and retried by the daily job. */
const TIMEOUT_MS = 5_000;

/** The body a channel's webhook takes: the content rendered, with its text made safe, for that channel. */
export function channelPayload(channel: NotificationChannel, content: MessageContent): unknown {
  return channel === 'slack' ? slackMessage(content) : teamsMessage(content);
}

/**
 * Renders a notification for Slack or Teams and POSTs it as JSON. Egress is limited by the manifest (permissions.external.fetch.backend)
 * to their hosts; Forge's runtime enforces that on the global fetch, so this uses it directly.
 * Never throws: callers queue a failure for a retry and show it on the release panel.
 */
export function fetchWebhookPoster(): WebhookPoster {
  return {
    async post(channel, url, content) {
      const body = channelPayload(channel, content);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        // Drain the body so the connection is released; its content is only useful on failure.
        const text = await response.text().catch(() => '');
        if (response.ok) return { ok: true };
        if (response.status === 403) return { ok: false, final: true, error: refusedMessage(url) };
        return { ok: false, error: `The webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : error instanceof Error ? error.message : String(error);
        return { ok: false, error: `The webhook could not be reached (${reason})` };
      }
    },
  };
}

/**
 * A 403 is final: Forge's egress proxy answers it for a host the manifest does not declare, and
 * Slack and Teams answer it for a webhook they no longer accept; neither changes on a retry. The
 * message names the host only: the refusal's body may echo the URL, whose path is the secret.
 */
function refusedMessage(url: string): string {
  const host = hostOf(url);
  if (!slackWebhookUrlSchema.safeParse(url).success && !teamsWebhookUrlSchema.safeParse(url).success) {
    return `${host} is not an allowed destination: Preflight can only post to Slack and Teams webhooks. Not retried.`;
  }
  return `${host} refused the message (403 Forbidden): the webhook no longer accepts posts, or Preflight may not reach it. Not retried; check the webhook in the project's integrations.`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'The webhook address';
  }
}
