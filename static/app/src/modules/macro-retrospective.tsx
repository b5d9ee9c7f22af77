import { callResolver } from '../bridge/call-resolver';
import { RouterLink } from '../components/router-link';
import { plural, safeHttpsUrl } from '../lib/labels';
import { MACRO_KEYS, type MacroConfig, type RetrospectiveView } from '../../../../src/shared/macros';
import { CHANGE_FAILURE_MEANING, changeFailureLine, incidentTiming, timeToRestoreLine, type IncidentsView } from '../../../../src/shared/release-panel';
import { ErrorNote } from './macro-common/error-note';
import { MacroFrame } from './macro-common/macro-frame';
import { PublishBar } from './macro-common/publish-bar';
import { useLoad } from './macro-common/use-macro';

const day = (iso?: string) => (iso ? iso.slice(0, 10) : '—');
const range = (from?: string, to?: string) => (from || to ? `${day(from)} to ${day(to)}` : 'not set');
function slip(days?: number): string {
  if (days === undefined) return '—';
  if (days === 0) return 'on time';
  return days > 0 ? `${days} ${days === 1 ? 'day' : 'days'} late` : `${-days} ${days === -1 ? 'day' : 'days'} early`;
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
  return (
    <>
      {m.incidents.length > 0 ? (
        <ul data-testid="retro-incidents">
          {m.incidents.map((i) => (
            <li key={i.key}>
              <strong>{`Severity ${i.severity}`}</strong>
              {` · ${i.toolLabel}: `}
              {safeHttpsUrl(i.link) ? <RouterLink href={safeHttpsUrl(i.link)!}>{i.title}</RouterLink> : i.title}
              {` (${incidentTiming(i)})`}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="retro-incidents-empty">
          {m.liveSince ? 'Monitoring reported no incident during bedding-in.' : 'The release has not gone live yet: no bedding-in to report.'}
        </p>
      )}
      {m.timeToRestore && <p data-testid="retro-ttr">{timeToRestoreLine(m.timeToRestore)}</p>}
      {m.changeFailureRate && (
        <p data-testid="retro-cfr" title={CHANGE_FAILURE_MEANING}>
          {changeFailureLine(m.changeFailureRate)}
        </p>
      )}
    </>
  );
}

function Retrospective({ config }: { config: MacroConfig }) {
  const { data, error, reload } = useLoad(() => callResolver<RetrospectiveView>(MACRO_KEYS.retrospective, { config }), [JSON.stringify(config)]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading the retrospective…</p>;
  const s = data.scope;
  return (
    <>
      <h2>Retrospective: {data.version.name}</h2>
      <h3>Planned and actual dates</h3>
      <table>
        <thead>
          <tr>
            <th>Phase</th>
            <th>Planned</th>
            <th>Actual</th>
            <th>End</th>
          </tr>
        </thead>
        <tbody>
          {data.phases.map((p) => (
            <tr key={p.phaseId}>
              <td>{p.name}</td>
              <td>{range(p.plannedStart, p.plannedEnd)}</td>
              <td>{range(p.actualStart, p.actualEnd)}</td>
              <td>{slip(p.endSlipDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Scope</h3>
      <p data-testid="retro-scope">
        {s.atFreeze === undefined ? `Scope was never frozen. ${s.atRelease === 1 ? '1 issue is' : `${s.atRelease} issues are`} in the version.` : `At the freeze (${day(s.frozenAt)}): ${plural(s.atFreeze, 'issue')}. At release: ${plural(s.atRelease, 'issue')}.`}
      </p>
      <p>
        <strong>Added after the freeze ({s.addedAfterFreeze.length})</strong>
      </p>
      <List items={s.addedAfterFreeze} empty="None." />
      <p>
        <strong>Slipped to another version ({s.slipped.length})</strong>
      </p>
      <List items={s.slipped.map((i) => `${i.issueKey} → ${i.to}`)} empty="None." />
      <h3>Overrides ({data.overrides.length})</h3>
      <List items={data.overrides.map((o) => `${o.from} → ${o.to} on ${day(o.at)} by ${o.by}, past ${o.gates.join(', ')}: ${o.reason}`)} empty="No gate was overridden." />
      <h3>QA rejections ({data.qaRejections.length})</h3>
      <List items={data.qaRejections.map((r) => `${r.issueKey}${r.build ? ` (build ${r.build})` : ''} on ${day(r.at)} by ${r.by}: ${r.summary}`)} empty="QA rejected nothing." />
      <h3>{data.monitoring ? `Incidents (${data.monitoring.incidents.length})` : 'Incidents'}</h3>
      {data.monitoring && <MonitoringIncidents monitoring={data.monitoring} />}
      {data.incidents.logged ? (
        <p>
          Incidents logged by {data.incidents.by} on {day(data.incidents.at)}
          {data.incidents.link && (
            <>
              {': '}
              <TypedLink link={data.incidents.link} />
            </>
          )}
        </p>
      ) : (
        // With monitoring's own list, "not logged yet" would contradict it.
        !data.monitoring && <p className="muted">Incidents are not logged yet.</p>
      )}
      <h3>Verified, with links ({data.verifiedLinks.length})</h3>
      {data.verifiedLinks.length > 0 ? (
        <ul data-testid="retro-verified-links">
          {data.verifiedLinks.map((v) => (
            <li key={v.gateId}>
              {`${v.name} (${v.phase}), by ${v.by} on ${day(v.at)}: `}
              <TypedLink link={v.link} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No checklist item was ticked with a link.</p>
      )}
      {data.sections.map((section) => (
        <section key={section} aria-label={section}>
          <h3>{section}</h3>
          <p className="muted">Write this on the published page.</p>
        </section>
      ))}
      <PublishBar config={config} kind="retrospective" onPublished={reload} {...(data.published && { published: data.published })} />
    </>
  );
}

export default function RetrospectiveMacro() {
  return (
    <MacroFrame what="retrospective" showNotesOptions={false}>
      {(config) => <Retrospective config={config} />}
    </MacroFrame>
  );
}
