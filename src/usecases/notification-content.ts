import { serverTranslator, type ServerMessageId } from '../i18n/server-translator';
import type { MessageContent, ReleaseNotification } from '../ports';
import type { ServerTranslator } from './project-language';

export type { MessageContent };

/*
 * What a notification says, independent of the channel: the webhook poster renders it as Block Kit
 * or an Adaptive Card, escaping every field for its format. Pure. Only the version, phase and gate
 * names appear: never issue keys or summaries, because a channel's audience is wider than the Jira
 * project's.
 */

/** The English translator: what a notification says when no language is given (tests, old callers). */
const english = () => serverTranslator('en');

/** Gate names as a short list in the language ("A, B" in English, "A, B und C" in German): names, not a sentence. */
const names = (tr: ServerTranslator, items: readonly string[]) => new Intl.ListFormat(tr.tag, { type: 'unit', style: 'short' }).format(items);

/**
 * The short title of a notification (also what the release panel lists for a failed delivery), in
 * the translator's language (the project's, for the channel's message).
 */
export function notificationTitle(n: ReleaseNotification, tr: ServerTranslator = english()): string {
  const e = n.event;
  const version = n.versionName;
  switch (e.kind) {
    case 'phase-changed':
      // An override is in the title too: a phone's notification shows the title alone.
      if (e.toPhaseId === 'complete') return tr.t(e.override ? 'notifications.title.completeOverridden' : 'notifications.title.complete', { version });
      return tr.t(e.override ? 'notifications.title.movedOverridden' : 'notifications.title.moved', { version, phase: e.to });
    case 'gate-failing':
      return tr.t('notifications.title.gateFailing', { version, count: e.failingGates.length, daysLeft: e.daysLeft });
    case 'overdue':
      return tr.t('notifications.title.overdue', { version, days: e.daysLate });
    case 'released':
      return tr.t('notifications.title.released', { version });
    case 'deployment-failed':
      return tr.t(e.status === 'rolled_back' ? 'notifications.title.deploymentRolledBack' : 'notifications.title.deploymentFailed', { version, build: e.build });
    case 'released-outside':
      return tr.t('notifications.title.releasedOutside', { version });
    case 'scope-added':
      return tr.t('notifications.title.scopeAdded', { version, daysLeft: e.daysLeft });
    case 'incident-opened':
      return tr.t('notifications.title.incident', { version, severity: e.severity });
  }
}

/**
 * What a notification says, in the translator's language: the project's configured language when
 * sent (see send-notification.ts), English by default. Dates through Intl; names as people wrote them.
 */
export function messageContent(n: ReleaseNotification, tr: ServerTranslator = english()): MessageContent {
  const e = n.event;
  const fact = (id: ServerMessageId, value: string) => ({ label: tr.t(id), value });
  const facts: MessageContent['facts'] = [fact('notifications.fact.project', n.projectKey)];
  if (n.releaseDate) facts.push(fact('notifications.fact.releaseDate', tr.day(n.releaseDate)));
  let text: string;
  let tone: MessageContent['tone'] = 'neutral';
  switch (e.kind) {
    case 'phase-changed': {
      // The end of every template is Preflight's own "Complete" phase: named in the project's language.
      const to = e.toPhaseId === 'complete' ? tr.t('notifications.phase.complete') : e.to;
      facts.push(fact('notifications.fact.from', e.from), fact('notifications.fact.to', to));
      text = e.toPhaseId === 'complete' ? tr.t('notifications.text.completed', { from: e.from }) : tr.t('notifications.text.moved', { from: e.from, to });
      if (e.override) {
        tone = 'attention';
        const values = { gates: names(tr, e.override.gates), reason: e.override.reason };
        text += ` ${e.override.by ? tr.t('notifications.text.overriddenBy', { person: e.override.by, ...values }) : tr.t('notifications.text.overridden', values)}`;
        // Who and why stay in the text: Teams reads a FactSet value as Markdown, a TextRun never.
      }
      break;
    }
    case 'gate-failing':
      tone = 'attention';
      facts.push(fact('notifications.fact.phase', e.phase), fact('notifications.fact.failingGates', names(tr, e.failingGates)));
      text = tr.t('notifications.text.gateFailing', { daysLeft: e.daysLeft, phase: e.phase });
      break;
    case 'overdue':
      tone = 'attention';
      facts.push(fact('notifications.fact.phase', e.phase));
      text = tr.t('notifications.text.overdue', { days: e.daysLate });
      break;
    case 'released':
      tone = 'good';
      text = tr.t('notifications.text.released', { date: tr.day(e.releaseDate) });
      break;
    case 'deployment-failed':
      tone = 'attention';
      facts.push(fact('notifications.fact.environment', e.environment), fact('notifications.fact.build', e.build));
      if (e.pipeline) facts.push(fact('notifications.fact.pipeline', e.pipeline));
      // The run's link stays out: a pipeline's URL is CI's text, and notifications carry no links but the panel's.
      text = tr.t(e.status === 'rolled_back' ? 'notifications.text.deploymentRolledBack' : 'notifications.text.deploymentFailed', { build: e.build, environment: e.environment });
      break;
    case 'released-outside': {
      tone = 'attention';
      const to = e.to === 'Complete' ? tr.t('notifications.phase.complete') : e.to;
      facts.push(fact('notifications.fact.blockingGates', names(tr, e.failingGates)), fact('notifications.fact.nowIn', to));
      const values = { date: tr.day(e.releaseDate), to };
      text = e.by ? tr.t('notifications.text.releasedOutsideBy', { person: e.by, ...values }) : tr.t('notifications.text.releasedOutside', values);
      break;
    }
    case 'scope-added':
      tone = 'attention';
      facts.push(fact('notifications.fact.awaitingDecision', tr.number(e.pending)));
      text = tr.t('notifications.text.scopeAdded');
      break;
    case 'incident-opened':
      tone = 'attention';
      facts.push(
        fact('notifications.fact.alert', e.title),
        fact('notifications.fact.severity', tr.number(e.severity)),
        fact('notifications.fact.source', e.tool),
        fact('notifications.fact.started', tr.dateTime(e.startedAt)),
      );
      text = tr.t('notifications.text.incident', { severity: e.severity });
      break;
  }
  return {
    title: notificationTitle(n, tr),
    text,
    facts,
    tone,
    footer: tr.t('notifications.footer'),
    ...(n.panelUrl && { link: { label: tr.t('notifications.link.panel'), url: n.panelUrl } }),
  };
}

/** The dedupe key: one notification per release, event and day (phase changes also per target phase). */
export function dedupeKey(n: ReleaseNotification): string {
  const event =
    n.event.kind === 'phase-changed' ? `phase-changed-${n.event.toPhaseId}` : n.event.kind === 'scope-added' ? `scope-added-${n.event.additionId}` : n.event.kind === 'incident-opened' ? `incident-${n.event.incidentId}` : n.event.kind === 'deployment-failed' ? `deployment-failed-${`${n.event.environment}-${n.event.build}`.replace(/[^A-Za-z0-9._-]/g, '_')}-${n.at}` : n.event.kind;
  return `${n.versionId}:${event}:${n.day}`;
}
