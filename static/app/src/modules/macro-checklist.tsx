import { callResolver } from '../bridge/call-resolver';
import { MACRO_KEYS, type ChecklistMacroView, type MacroConfig } from '../../../../src/shared/macros';
import { overrideLine, type GateView, type IncidentsView } from '../../../../src/shared/release-panel';
import { RouterLink } from '../components/router-link';
import { safeHttpsUrl } from '../lib/labels';
import { ErrorNote } from './macro-common/error-note';
import { MacroFrame } from './macro-common/macro-frame';
import { useLoad } from './macro-common/use-macro';

const STATUS_TEXT = { pass: 'PASS', warning: 'WARNING', fail: 'FAIL' } as const;

/**
 * The link a person gave when ticking a "verified" gate (rollback plan, dashboard): only an https
 * address becomes a link; anything else shows as text, so a stored `javascript:` never runs.
 */
function VerifiedLink({ link }: { link: string }) {
  const safe = safeHttpsUrl(link);
  return safe ? <RouterLink href={safe}>{link}</RouterLink> : <>{link}</>;
}

function Gate({ gate }: { gate: GateView }) {
  return (
    <li data-testid={`gate-${gate.gateId}`}>
      <span className={`status status-${gate.status}`}>{STATUS_TEXT[gate.status]}</span>
      <strong>{gate.name}</strong>: {gate.reason}
      {gate.ticked && (
        <span className="muted">
          {' '}
          · done by {gate.ticked.by.displayName} on {gate.ticked.at.slice(0, 10)}
          {gate.ticked.link && (
            <>
              {': '}
              <VerifiedLink link={gate.ticked.link} />
            </>
          )}
        </span>
      )}
      {gate.signatures && gate.signatures.length > 0 && <span className="muted"> · signed by {gate.signatures.map((s) => `${s.by.displayName} (${s.role})`).join(', ')}</span>}
    </li>
  );
}

/** The project's monitoring dashboards, in the phase that watches bedding-in: https links only. */
function Dashboards({ incidents }: { incidents: IncidentsView }) {
  const links = incidents.dashboards.flatMap((d) => {
    const safe = safeHttpsUrl(d.url);
    return safe ? [{ ...d, url: safe }] : [];
  });
  if (links.length === 0) return null;
  return (
    <p data-testid="checklist-monitoring-links">
      Monitoring dashboards:{' '}
      {links.map((d, i) => (
        <span key={d.tool}>
          {i > 0 && ', '}
          <RouterLink href={d.url}>{`Open ${d.label} dashboard`}</RouterLink>
        </span>
      ))}
    </p>
  );
}

/** The release panel's phases and gates, read-only: the macro's resolver offers no writes at all. */
function Checklist({ config }: { config: MacroConfig }) {
  const { data, error } = useLoad(() => callResolver<ChecklistMacroView>(MACRO_KEYS.checklist, { config }), [JSON.stringify(config)]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading the release checklist…</p>;
  const r = data.release;
  const current = r.phases.find((p) => p.id === r.currentPhaseId);
  return (
    <>
      <h2>Release checklist: {r.version.name}</h2>
      <p className="muted">
        {r.completed ? 'The release is complete.' : `Current phase: ${current?.name ?? r.currentPhaseId}.`} {r.issueCounts.done} of {r.issueCounts.total} issues done.
      </p>
      {r.phases.map((phase) => (
        <section key={phase.id} aria-label={phase.name}>
          <h3>
            {phase.name} <span className="count">({phase.override ? 'done with an override' : phase.state})</span>
          </h3>
          {/* People's text (the reason) as a React text node, never markup. */}
          {phase.override && (
            <p className="override" data-testid={`override-${phase.id}`}>
              <strong>Gates overridden.</strong> {overrideLine(phase.override)}
            </p>
          )}
          <ul>
            {phase.gates.map((g) => (
              <Gate key={g.gateId} gate={g} />
            ))}
          </ul>
          {r.incidents && phase.id === r.incidents.phaseId && <Dashboards incidents={r.incidents} />}
        </section>
      ))}
      <p className="muted">{r.me.readOnlyReason}</p>
    </>
  );
}

export default function ChecklistMacro() {
  return (
    <MacroFrame what="release checklist" showNotesOptions={false}>
      {(config) => <Checklist config={config} />}
    </MacroFrame>
  );
}
