import { AppError } from '../errors';
import { text } from '../i18n/server-translator';
import type { IntegrationStore, MessageContent, ProjectAccess, WebhookPoster } from '../ports';
import type { Channel, TestMessageResult } from '../shared/notifications';
import type { Actor } from './release-deps';

export interface TestMessageDeps {
  access: Pick<ProjectAccess, 'isProjectAdmin'>;
  integrations: Pick<IntegrationStore, 'webhooks'>;
  poster: WebhookPoster;
}

/**
 * Posts a short message to one of the project's webhooks, through the same poster (and egress
 * rules) as real notifications, so an admin sees at once whether the URL works. Nothing is queued
 * or retried: the answer is shown where the admin clicked. Project admins only, like the rest of
 * the integration settings.
 * @throws AppError FORBIDDEN for others; NOT_FOUND when the channel has no webhook.
 */
export async function sendTestMessage(deps: TestMessageDeps, actor: Actor, channel: Channel): Promise<TestMessageResult> {
  const key = actor.project.key;
  if (!(await deps.access.isProjectAdmin(key))) throw new AppError('FORBIDDEN', text('errors.integrations.notAdmin'));
  const url = (await deps.integrations.webhooks(key))[channel];
  if (!url) throw new AppError('NOT_FOUND', text('errors.integrations.noWebhook', { channel, project: key }));
  const content = testMessageContent(key);
  const result = await deps.poster.post(channel, url, content);
  return result.ok ? { channel, ok: true } : { channel, ok: false, error: result.error };
}

/**
 * What the test message says. TODO(i18n, SERVER helper): word it in the project's language through
 * the notifications catalogue (ids notifications.test.title / notifications.test.text) once that
 * catalogue is committed; the product name and project key read the same in every language.
 */
export function testMessageContent(projectKey: string): MessageContent {
  return {
    title: `Preflight test message for ${projectKey}`,
    text: `This webhook works: Preflight's release notifications for ${projectKey} will arrive here.`,
    facts: [{ label: 'Project', value: projectKey }],
    tone: 'good',
  };
}
