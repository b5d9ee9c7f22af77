import { isoDay } from '../domain/release-summary';
import type { ReleaseChangeNotice, ReleaseNotification, ReleaseNotifier } from '../ports';
import { sendNotification, type NotifyDeps } from './send-notification';

/**
 * The notifications a saved release change causes: a phase change (advanced or overridden) and the
 * version released from Preflight. Pure.
 */
export function notificationsFor(notice: ReleaseChangeNotice): ReleaseNotification[] {
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
          ...(transition.override && { override: { reason: transition.override.reason, gates: transition.override.failingGateIds.map(gateName) } }),
        },
      });
    } else if (event.type === 'version-released') {
      const releaseDate = event.data?.releaseDate ?? version.releaseDate ?? day;
      // Keyed by the release date, so the daily job finding the version released does not repeat it.
      out.push({ ...base, day: releaseDate, at, event: { kind: 'released', releaseDate } });
    }
  }
  return out;
}

/**
 * The notifier changeRelease calls after a save. It never throws: a person's action has already
 * succeeded, and a webhook's trouble is queued for a retry and shown on the panel instead.
 */
export function releaseNotifier(deps: NotifyDeps): ReleaseNotifier {
  return {
    async afterChange(notice) {
      for (const notification of notificationsFor(notice)) {
        try {
          await sendNotification(deps, notification);
        } catch (error) {
          console.warn('Preflight could not send a release notification', error);
        }
      }
    },
  };
}
