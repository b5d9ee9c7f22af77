import type { MessageContent, ReleaseNotification } from '../ports';

export type { MessageContent };

/*
 * What a notification says, independent of the channel: the webhook poster renders it as Block Kit
 * or an Adaptive Card, escaping every field for its format. Pure. Only the version, phase and gate
 * names appear: never issue keys or summaries, because a channel's audience is wider than the Jira
 * project's.
 */

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The short title of a notification (also what the release panel lists for a failed delivery). */
export function notificationTitle(n: ReleaseNotification): string {
  const e = n.event;
  switch (e.kind) {
    case 'phase-changed':
      // An override is in the title too: a phone's notification shows the title alone.
      return `${e.toPhaseId === 'complete' ? `${n.versionName} is complete` : `${n.versionName} moved to ${e.to}`}${e.override ? ' with gates overridden' : ''}`;
    case 'gate-failing':
      return `${n.versionName}: ${e.failingGates.length} gate${e.failingGates.length === 1 ? '' : 's'} failing, ${e.daysLeft === 0 ? 'release is today' : `${days(e.daysLeft)} to release`}`;
    case 'overdue':
      return `${n.versionName} is overdue by ${days(e.daysLate)}`;
    case 'released':
      return `${n.versionName} is released`;
    case 'deployment-failed':
      return `${n.versionName}: the production deployment of ${e.build} ${e.status === 'rolled_back' ? 'was rolled back' : 'failed'}`;
    case 'released-outside':
      return `${n.versionName} was released in Jira outside Preflight while gates blocked`;
    case 'scope-added':
      return `${n.versionName}: an issue was added after scope froze, ${e.daysLeft === 0 ? 'release is today' : `${days(e.daysLeft)} to release`}`;
    case 'incident-opened':
      return `${n.versionName}: severity ${e.severity} incident during bedding-in`;
  }
}

export function messageContent(n: ReleaseNotification): MessageContent {
  const e = n.event;
  const facts: MessageContent['facts'] = [{ label: 'Project', value: n.projectKey }];
  if (n.releaseDate) facts.push({ label: 'Release date', value: n.releaseDate });
  let text: string;
  let tone: MessageContent['tone'] = 'neutral';
  switch (e.kind) {
    case 'phase-changed':
      facts.push({ label: 'From', value: e.from }, { label: 'To', value: e.to });
      text = e.toPhaseId === 'complete' ? `The release completed ${e.from}.` : `The release left ${e.from} and is now in ${e.to}.`;
      if (e.override) {
        tone = 'attention';
        const who = e.override.by ? `${e.override.by} overrode failing gates` : 'Failing gates were overridden';
        text += ` ${who} (${e.override.gates.join(', ')}). Reason: ${e.override.reason}`;
        // Who and why stay in the text: Teams reads a FactSet value as Markdown, a TextRun never.
      }
      break;
    case 'gate-failing':
      tone = 'attention';
      facts.push({ label: 'Phase', value: e.phase }, { label: 'Failing gates', value: e.failingGates.join(', ') });
      text = `${e.daysLeft === 0 ? 'The release date is today' : `The release date is ${days(e.daysLeft)} away`} and ${e.phase} still has gates that block.`;
      break;
    case 'overdue':
      tone = 'attention';
      facts.push({ label: 'Phase', value: e.phase });
      text = `The release date passed ${days(e.daysLate)} ago and the version is not released yet. Move the date in Jira or finish the release.`;
      break;
    case 'released':
      tone = 'good';
      text = `The Jira version was released on ${e.releaseDate}.`;
      break;
    case 'deployment-failed':
      tone = 'attention';
      facts.push({ label: 'Environment', value: e.environment }, { label: 'Build', value: e.build });
      if (e.pipeline) facts.push({ label: 'Pipeline run', value: e.pipeline });
      // The run's link stays out: a pipeline's URL is CI's text, and notifications carry no links but the panel's.
      text = `CI reported the deployment of ${e.build} to ${e.environment} as ${e.status === 'rolled_back' ? 'rolled back' : 'failed'}. The Deployment gate is red until a deployment of the build under test succeeds.`;
      break;
    case 'released-outside':
      tone = 'attention';
      facts.push({ label: 'Blocking gates', value: e.failingGates.join(', ') }, { label: 'Now in', value: e.to });
      text = `${e.by ?? 'Someone'} released the version in Jira on ${e.releaseDate} without going through Preflight, while gates still blocked. The release moved on to ${e.to}; the gate snapshot is in its audit trail.`;
      break;
    case 'scope-added':
      tone = 'attention';
      facts.push({ label: 'Awaiting a decision', value: String(e.pending) });
      text = `An issue was added to the version in Jira after scope froze. The release owner accepts or removes it in the release panel.`;
      break;
    case 'incident-opened':
      tone = 'attention';
      facts.push({ label: 'Alert', value: e.title }, { label: 'Severity', value: String(e.severity) }, { label: 'From', value: e.tool }, { label: 'Started', value: e.startedAt });
      text = `A monitoring alert opened a severity ${e.severity} incident while the release is bedding in. The Post-release gate stays red until it is resolved.`;
      break;
  }
  return {
    title: notificationTitle(n),
    text,
    facts,
    tone,
    ...(n.panelUrl && { link: { label: 'Open the release panel', url: n.panelUrl } }),
  };
}

/** The dedupe key: one notification per release, event and day (phase changes also per target phase). */
export function dedupeKey(n: ReleaseNotification): string {
  const event =
    n.event.kind === 'phase-changed' ? `phase-changed-${n.event.toPhaseId}` : n.event.kind === 'scope-added' ? `scope-added-${n.event.additionId}` : n.event.kind === 'incident-opened' ? `incident-${n.event.incidentId}` : n.event.kind === 'deployment-failed' ? `deployment-failed-${`${n.event.environment}-${n.event.build}`.replace(/[^A-Za-z0-9._-]/g, '_')}-${n.at}` : n.event.kind;
  return `${n.versionId}:${event}:${n.day}`;
}
