import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { runAs } from '../../local/runtime';
import { notifyDeps } from '../../src/composition';
import { INTEGRATION_KEYS, NOTIFICATION_KEYS, type IntegrationsView, type NotificationStatusView } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { retryPending } from '../../src/usecases/send-notification';
import { triggerSite } from './helpers';

// The package's main entry is ES modules without file extensions; its UMD build loads in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl';
const TEAMS = 'https://prod-42.westeurope.logic.azure.com:443/workflows/0a1b2c/triggers/manual/paths/invoke?sig=zzzz';

/**
 * Block Kit limits from Slack's reference, checked at run time (the types only hold at compile
 * time): the blocks Preflight sends and the sizes Slack rejects beyond.
 */
const plain = (max: number) => z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() }).strict();
const mrkdwn = (max: number) => z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) }).strict();
const slackMessageSchema = z
  .object({
    text: z.string().min(1),
    blocks: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('header'), text: plain(150) }).strict(),
          z.object({ type: z.literal('section'), text: mrkdwn(3000).optional(), fields: z.array(mrkdwn(2000)).max(10).optional() }).strict(),
          z.object({ type: z.literal('actions'), elements: z.array(z.object({ type: z.literal('button'), text: plain(75), url: z.string().url().max(3000), action_id: z.string().max(255) }).strict()).max(25) }).strict(),
          z.object({ type: z.literal('context'), elements: z.array(mrkdwn(3000)).max(10) }).strict(),
        ]),
      )
      .min(1)
      .max(50),
  })
  .strict();

/** Parses a Teams message's card with the Adaptive Cards library; returns its parse and validation errors. */
function adaptiveCardProblems(body: unknown): string[] {
  const message = z
    .object({ type: z.literal('message'), attachments: z.array(z.object({ contentType: z.literal('application/vnd.microsoft.card.adaptive'), content: z.record(z.string(), z.unknown()) })).length(1) })
    .parse(body);
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(message.attachments[0]!.content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

const t = triggerSite();
afterEach(() => expect(t.site.violations).toEqual([]));

const delivered = (service: 'slack' | 'teams') => t.sink.messages.filter((m) => m.service === service && m.status < 300);
const titles = () => delivered('slack').map((m) => (m.body as { text: string }).text);

describe('integrations settings', () => {
  it('are saved by project admins only, with URLs checked and never shown back', async () => {
    const viewer = await t.call('viewer', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK });
    expect(viewer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await t.call('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: 'https://evil.example.com/services/x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'slack', message: expect.stringMatching(/^expected a Slack incoming webhook URL/) }] } });

    const view = await t.ok<IntegrationsView>('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK, teams: TEAMS });
    expect(view.webhooks).toEqual({ slack: { configured: true, hint: 'hooks.slack.com/…ijkl' }, teams: { configured: true, hint: 'prod-42.westeurope.logic.azure.com/…zzzz' } });
    expect(JSON.stringify(view)).not.toContain('abcdefghijkl');
    const reminders = await t.ok<IntegrationsView>('release-owner', INTEGRATION_KEYS.saveReminders, { reminderDays: 20 });
    expect(reminders.reminderDays).toBe(20);
    expect((await t.ok<IntegrationsView>('viewer', INTEGRATION_KEYS.get, {})).me).toMatchObject({ canEdit: false });
  });

  it.each([
    ['slack', 'https://user:secret@hooks.slack.com/services/T000/B000/abcdefghijkl'],
    ['slack', 'https://hooks.slack.com@evil.example/services/T000/B000/abcdefghijkl'],
    ['slack', 'https://hooks.slack.com:8443/services/T000/B000/abcdefghijkl'],
    ['slack', 'https://hooks.slack.com:80/services/T000/B000/abcdefghijkl'],
    ['slack', 'https:\\hooks.slack.com\\services/T000/B000/abcdefghijkl'],
    ['teams', 'https://me@prod-42.westeurope.logic.azure.com/workflows/abc'],
    ['teams', 'https://prod-42.westeurope.logic.azure.com:444/workflows/abc'],
  ])('a %s webhook URL with a user name, password, port or backslash is refused, naming the field: %s', async (channel, url) => {
    const answer = await t.call('release-owner', INTEGRATION_KEYS.saveWebhooks, { [channel]: url });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: channel, message: expect.stringContaining('without a user name, password or port') }] } });
  });
});

describe('notifications', () => {
  it('tells Slack and Teams about a phase change, in valid Block Kit and Adaptive Card shapes', async () => {
    const v = t.version('PAY 2.2');
    const before = t.sink.messages.length;
    const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: v.id }, 'preflight-releases');
    await t.ok<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId: v.id, revision: view.revision, override: { reason: 'Scope agreed in the planning meeting, see [notes](https://evil.example)' } }, 'preflight-releases');
    const sent = t.sink.messages.slice(before);
    expect(sent.map((m) => m.service).sort()).toEqual(['slack', 'teams']);

    const slack = sent.find((m) => m.service === 'slack')!;
    const message: { text: string; blocks: KnownBlock[] } = slackMessageSchema.parse(slack.body);
    // An override says so in the title (all a phone shows) and names who overrode, with the reason.
    // The fallback text is mrkdwn too, so its & is sent as Slack's &amp; (shown as "&").
    expect(message.text).toBe('PAY 2.2 moved to Build &amp; test with gates overridden');
    expect(JSON.stringify(message.blocks)).toContain('Rita Owens overrode failing gates');
    expect(JSON.stringify(message.blocks)).toContain('Scope agreed in the planning meeting');
    expect(JSON.stringify(slack.body)).not.toMatch(/PAY-\d+/);

    const teams = sent.find((m) => m.service === 'teams')!;
    expect(adaptiveCardProblems(teams.body)).toEqual([]);
    expect(JSON.stringify(teams.body)).toContain('PAY 2.2 moved to Build & test with gates overridden');
    // The typed reason is a TextRun, which Teams never reads as Markdown: no clickable link appears.
    const body = (teams.body as { attachments: Array<{ content: { body: Array<{ type: string; text?: string; inlines?: Array<{ type: string; text: string }> }> } }> }).attachments[0]!.content.body;
    expect(body.filter((b) => b.type === 'TextBlock').some((b) => b.text?.includes('[notes]'))).toBe(false);
    expect(body.filter((b) => b.type === 'RichTextBlock').map((b) => b.inlines)).toContainEqual([{ type: 'TextRun', text: expect.stringContaining('see [notes](https://evil.example)') }]);
  });

  it('sends each daily reminder once, however often the trigger runs that day', async () => {
    // Preflight reminds about releases someone changed (opening a panel tracks nothing): plan PAY 2.1's first phase.
    for (const name of ['PAY 2.1', 'PAY 2.0']) {
      const versionId = t.version(name).id;
      const opened = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
      if (!opened.completed && !opened.version.released) await t.ok('release-owner', PANEL_KEYS.setDates, { versionId, revision: opened.revision, phaseId: opened.phases[0]!.id, plannedEnd: opened.version.releaseDate }, 'preflight-releases');
    }
    const before = delivered('slack').length;
    const first = await t.reminders();
    expect(first.statusCode).toBe(200);
    // The trigger queues the project (PAY has channels); the queue's consumer sends the reminders.
    expect(JSON.parse(first.body)).toMatchObject({ projects: 1, queued: 1, notQueued: 0 });
    expect(titles().slice(before)).toEqual([]);
    await t.site.queue.drain();
    const afterFirst = titles().slice(before);
    // PAY 2.1's date passed 4 days ago; PAY 2.2 is due in 16 days (within the 20 configured) with gates failing.
    expect(afterFirst).toEqual(expect.arrayContaining(['PAY 2.1 is overdue by 4 days', expect.stringMatching(/^PAY 2\.2: \d+ gates? failing, 16 days to release$/)]));
    expect(afterFirst).toHaveLength(2);
    expect(delivered('teams').slice(-2).every((m) => adaptiveCardProblems(m.body).length === 0)).toBe(true);

    const second = await t.reminders();
    expect(JSON.parse(second.body)).toMatchObject({ queued: 1 });
    expect(await t.site.queue.drain()).toMatchObject({ delivered: 1, dropped: 0 });
    expect(titles().slice(before)).toEqual(afterFirst);
  });

  it('queues a failed webhook, shows it on the release panel and delivers it on a later retry', async () => {
    const v = t.version('PAY 2.2');
    t.sink.failNext(1, 503); // Slack is down for the next call; Teams still gets the message
    const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: v.id }, 'preflight-releases');
    const moved = await t.call<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId: v.id, revision: view.revision, override: { reason: 'Release candidate agreed with QA' } }, 'preflight-releases');
    expect(moved.ok).toBe(true); // the person's change stands

    const status = await t.ok<NotificationStatusView>('viewer', NOTIFICATION_KEYS.status, { versionId: v.id }, 'preflight-releases');
    expect(status.failed).toEqual([expect.objectContaining({ channel: 'slack', title: 'PAY 2.2 moved to Release preparation with gates overridden', attempts: 1, lastError: expect.stringMatching(/answered 503/) })]);
    expect(status.failed[0]!.nextAttemptAt).toBeDefined();

    // The hourly retry only tries once the backoff has passed: an hour later here.
    const later = { now: () => new Date(Date.now() + 2 * 3_600_000) };
    const retried = await runAs(null, () => retryPending({ ...notifyDeps(), clock: later }));
    expect(retried).toEqual({ retried: 1, delivered: 1 });
    expect(titles().at(-1)).toBe('PAY 2.2 moved to Release preparation with gates overridden');
    expect((await t.ok<NotificationStatusView>('viewer', NOTIFICATION_KEYS.status, { versionId: v.id }, 'preflight-releases')).failed).toEqual([]);
  });
});
