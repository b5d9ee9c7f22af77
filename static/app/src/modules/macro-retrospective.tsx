import { callResolver } from '../bridge/call-resolver';
import { RouterLink } from '../components/router-link';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { safeHttpsUrl } from '../lib/labels';
import { MACRO_KEYS, type MacroConfig, type RetrospectiveView } from '../../../../src/shared/macros';
import type { IncidentLineView, IncidentsView } from '../../../../src/shared/release-panel';
import { ErrorNote } from './macro-common/error-note';
import { MacroFrame } from './macro-common/macro-frame';
import { PublishBarLater } from './macro-common/publish-bar-later';
import { useLoad } from './macro-common/use-macro';

/** A calendar day in the person's language, from an ISO day or instant; "—" when unknown. */
const dayOf = (t: UiTranslator, iso?: string) => (iso ? t.day(iso.slice(0, 10)) : '—');

function rangeText(t: UiTranslator, from?: string, to?: string): string {
  return from || to ? t.t('macros.retro.range', { from: dayOf(t, from), to: dayOf(t, to) }) : t.t('macros.retro.notSet');
}

function slipText(t: UiTranslator, days?: number): string {
  if (days === undefined) return '—';
  if (days === 0) return t.t('macros.retro.onTime');
  return days > 0 ? t.t('macros.retro.late', { days }) : t.t('macros.retro.early', { days: -days });
}

/** "+2 h 10 min after deployment, still open": when an incident started and whether it was resolved. */
function incidentTimingText(t: UiTranslator, i: IncidentLineView): string {
  const started = i.startedRelative ?? t.t('macros.incident.startedAt', { at: t.dateTime(i.startedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', timeZoneName: 'short' }) });
  return i.resolvedAt ? t.t('macros.incident.resolved', { started, after: i.restoredAfter ?? '?' }) : t.t('macros.incident.open', { started });
}

function List({ items, empty }: { items: string[]; empty: string }) {
  return items.length > 0 ? (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  ) : (
    <p className="muted">{empty}</p>
  );
}

/**
 * A link a person typed when ticking a gate (incidents, a rollback plan, a dashboard): only an https address becomes a link
 * (a stored `javascript:` URL would run in the frame); anything else shows as text.
 */
function TypedLink({ link }: { link: string }) {
  const safe = safeHttpsUrl(link);
  return safe ? <RouterLink href={safe}>{link}</RouterLink> : <>{link}</>;
}

/** Incidents monitoring reported during bedding-in, with their times relative to the deployment; titles are text, links https only. */
function MonitoringIncidents({ monitoring: m }: { monitoring: IncidentsView }) {
  const translator = useT();
  const { t } = translator;
  const cfr = m.changeFailureRate;
  return (
    <>
      {m.incidents.length > 0 ? (
        <ul data-testid="retro-incidents">
          {m.incidents.map((i) => (
            <li key={i.key}>
              <strong>{t('macros.incident.severity', { severity: i.severity })}</strong>
              {` · ${i.toolLabel}: `}
              {safeHttpsUrl(i.link) ? <RouterLink href={safeHttpsUrl(i.link)!}>{i.title}</RouterLink> : i.title}
              {` (${incidentTimingText(translator, i)})`}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="retro-incidents-empty">
          {m.liveSince ? t('macros.incident.none') : t('macros.incident.notLive')}
        </p>
      )}
      {m.timeToRestore && (
        <p data-testid="retro-ttr">{t('macros.incident.timeToRestore', { mean: m.timeToRestore.mean, median: m.timeToRestore.median, restored: m.timeToRestore.restored })}</p>
      )}
      {cfr && (
        <p data-testid="retro-cfr" title={t('macros.incident.cfrMeaning')}>
          {t('macros.incident.changeFailureRate', { percent: translator.number(cfr.percent / 100, { style: 'percent' }), failed: cfr.failed, total: cfr.total })}
        </p>
      )}
    </>
  );
}

function Retrospective({ config }: { config: MacroConfig }) {
  const translator = useT();
  const { t } = translator;
  const day = (iso?: string) => dayOf(translator, iso);
  const { data, error, reload } = useLoad(() => callResolver<RetrospectiveView>(MACRO_KEYS.retrospective, { config }), [JSON.stringify(config)]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('macros.retro.loading')}</p>;
  const s = data.scope;
  return (
    <>
      <h2>{t('macros.retro.heading', { version: data.version.name })}</h2>
      <h3>{t('macros.retro.dates')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('macros.retro.phase')}</th>
            <th>{t('macros.retro.planned')}</th>
            <th>{t('macros.retro.actual')}</th>
            <th>{t('macros.retro.end')}</th>
          </tr>
        </thead>
        <tbody>
          {data.phases.map((p) => (
            <tr key={p.phaseId}>
              <td>{p.name}</td>
              <td>{rangeText(translator, p.plannedStart, p.plannedEnd)}</td>
              <td>{rangeText(translator, p.actualStart, p.actualEnd)}</td>
              <td>{slipText(translator, p.endSlipDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('macros.retro.scope')}</h3>
      <p data-testid="retro-scope">
        {s.atFreeze === undefined
          ? t('macros.retro.neverFrozen', { count: s.atRelease })
          : t('macros.retro.frozen', { date: day(s.frozenAt), atFreeze: s.atFreeze, atRelease: s.atRelease })}
      </p>
      <p>
        <strong>{t('macros.retro.added', { count: s.addedAfterFreeze.length })}</strong>
      </p>
      <List items={s.addedAfterFreeze} empty={t('macros.retro.none')} />
      <p>
        <strong>{t('macros.retro.slipped', { count: s.slipped.length })}</strong>
      </p>
      <List items={s.slipped.map((i) => `${i.issueKey} → ${i.to}`)} empty={t('macros.retro.none')} />
      <h3>{t('macros.retro.overrides', { count: data.overrides.length })}</h3>
      <List
        items={data.overrides.map((o) => t('macros.retro.overrideItem', { from: o.from, to: o.to, date: day(o.at), by: o.by, gates: translator.list(o.gates), reason: o.reason }))}
        empty={t('macros.retro.noOverrides')}
      />
      <h3>{t('macros.retro.rejections', { count: data.qaRejections.length })}</h3>
      <List
        items={data.qaRejections.map((r) =>
          r.build
            ? t('macros.retro.rejectionWithBuild', { issueKey: r.issueKey, build: r.build, date: day(r.at), by: r.by, summary: r.summary })
            : t('macros.retro.rejection', { issueKey: r.issueKey, date: day(r.at), by: r.by, summary: r.summary }),
        )}
        empty={t('macros.retro.noRejections')}
      />
      <h3>{data.monitoring ? t('macros.retro.incidentsCount', { count: data.monitoring.incidents.length }) : t('macros.retro.incidents')}</h3>
      {data.monitoring && <MonitoringIncidents monitoring={data.monitoring} />}
      {data.incidents.logged ? (
        <p>
          {t('macros.retro.incidentsLogged', { by: data.incidents.by ?? '—', date: day(data.incidents.at) })}
          {data.incidents.link && (
            <>
              {': '}
              <TypedLink link={data.incidents.link} />
            </>
          )}
        </p>
      ) : (
        // With monitoring's own list, "not logged yet" would contradict it.
        !data.monitoring && <p className="muted">{t('macros.retro.incidentsNotLogged')}</p>
      )}
      <h3>{t('macros.retro.verified', { count: data.verifiedLinks.length })}</h3>
      {data.verifiedLinks.length > 0 ? (
        <ul data-testid="retro-verified-links">
          {data.verifiedLinks.map((v) => (
            <li key={v.gateId}>
              {t('macros.retro.verifiedItem', { name: v.name, phase: v.phase, by: v.by, date: day(v.at) })}{' '}
              <TypedLink link={v.link} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('macros.retro.noVerified')}</p>
      )}
      {data.sections.map((section) => (
        <section key={section} aria-label={section}>
          <h3>{section}</h3>
          <p className="muted">{t('macros.retro.writeOnPage')}</p>
        </section>
      ))}
      <PublishBarLater config={config} kind="retrospective" onPublished={reload} {...(data.published && { published: data.published })} />
    </>
  );
}

export default function RetrospectiveMacro() {
  return <MacroFrame kind="retrospective">{(config) => <Retrospective config={config} />}</MacroFrame>;
}
