import { isoDay } from '../domain/release-summary';
import { safeDeep } from '../domain/safe-text';
import type { People, ReleaseChangeNotice, ReleaseNotification, ReleaseNotifier } from '../ports';
import { sendNotification, type NotifyDeps } from './send-notification';

/**
 * The notifications a saved release change causes: a phase change (advanced or overridden) and the
 * version released from Preflight. Pure; `nameOf` gives the display name of whoever overrode gates.
 */
export function notificationsFor(notice: ReleaseChangeNotice, nameOf: (accountId: string) => string | undefined = () => undefined): ReleaseNotification[] {
  const { record, events, version } = notice;
  const base = {
    projectKey: notice.projectKey,
    versionId: version.id,
    versionName: version.name,
    ...(version.releaseDate && { releaseDate: version.releaseDate }),
    ...(notice.panelUrl && { panelUrl: notice.panelUrl }),
  };
  const phaseName = (id: string) => (id === 'complete' ? 'Complete' : (record.phases.find((p) => p.id === id)?.name ?? id));
  const out: ReleaseNotification[] = [];
  for (const event of events) {
    const at = event.at;
    const day = isoDay(new Date(at));
    if (event.type === 'phase-advanced' || event.type === 'phase-overridden') {
      const transition = [...record.transitions].reverse().find((t) => t.at === at) ?? record.transitions.at(-1);
      if (!transition) continue;
      const gateName = (id: string) => transition.snapshot.find((g) => g.gateId === id)?.name ?? id;
      out.push({
        ...base,
        day,
        at,
        event: {
          kind: 'phase-changed',
          from: phaseName(transition.from),
          to: phaseName(transition.to),
          toPhaseId: transition.to,
          ...(transition.override && { override: overrideOf(transition.override, transition.override.failingGateIds.map(gateName), nameOf(transition.by)) }),
        },
      });
    } else if (event.type === 'released-outside') {
      const transition = [...record.transitions].reverse().find((t) => t.at === at && t.releasedOutside);
      const releaseDate = event.data?.releaseDate ?? version.releaseDate ?? day;
      const failingGates = (transition?.releasedOutside?.failingGateIds ?? []).map((id) => transition?.snapshot.find((g) => g.gateId === id)?.name ?? id);
      const by = nameOf(event.by);
      out.push({ ...base, day: releaseDate, at, event: { kind: 'released-outside', releaseDate, failingGates, to: phaseName(transition?.to ?? record.currentPhaseId), ...(by && { by }) } });
    } else if (event.type === 'version-released') {
      const releaseDate = event.data?.releaseDate ?? version.releaseDate ?? day;
      // Keyed by the release date, so the daily job finding the version released does not repeat it.
      out.push({ ...base, day: releaseDate, at, event: { kind: 'released', releaseDate } });
    }
  }
  // Built from already-safe text: a bidi control in the version name, a phase or gate name or the
  // override reason must not reorder the message's own words, whatever the channel renders.
  return out.map(safeDeep);
}

function overrideOf(override: { reason: string }, gates: string[], by: string | undefined) {
  return { reason: override.reason, gates, ...(by && { by }) };
}

/** Display names of the people who overrode gates in this change; none when the lookup fails (the message says "a release owner"). */
async function overriderNames(people: People | undefined, notice: ReleaseChangeNotice): Promise<Map<string, string>> {
  const ids = [...new Set(notice.record.transitions.filter((t) => (t.override || t.releasedOutside) && notice.events.some((e) => e.at === t.at)).map((t) => t.by))];
  if (!people || ids.length === 0) return new Map();
  try {
    return await people.names(ids);
  } catch {
    return new Map();
  }
}

/**
 * The notifier changeRelease calls after a save. It never throws: a person's action has already
 * succeeded, and a webhook's trouble is queued for a retry and shown on the panel instead.
 */
export function releaseNotifier(deps: NotifyDeps & { people?: People }): ReleaseNotifier {
  return {
    async afterChange(notice) {
      const names = await overriderNames(deps.people, notice);
      for (const notification of notificationsFor(notice, (id) => names.get(id))) {
        try {
          await sendNotification(deps, notification);
        } catch (error) {
          console.warn('Preflight could not send a release notification', error);
        }
      }
    },
  };
}
