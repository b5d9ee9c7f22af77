import { callResolver } from '../bridge/call-resolver';
import { MACRO_KEYS, type ChecklistMacroView, type MacroConfig } from '../../../../src/shared/macros';
import type { GateView, IncidentsView, PhaseView } from '../../../../src/shared/release-panel';
import { RouterLink } from '../components/router-link';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { gateStatus, roleName, safeHttpsUrl } from '../lib/labels';
import { ErrorNote } from './macro-common/error-note';
import { MacroFrame } from './macro-common/macro-frame';
import { useLoad } from './macro-common/use-macro';

/** "Overridden by Rita Owens on 3 Dec 2026 (failing: QA approval): <reason>", the reason as people wrote it. */
export function overrideText(t: UiTranslator, override: NonNullable<PhaseView['override']>): string {
  const values = { name: override.by.displayName, date: t.day(override.at.slice(0, 10)), reason: override.reason, gates: t.list(override.failingGates) };
  return override.failingGates.length > 0 ? t.t('macros.override.lineWithGates', values) : t.t('macros.override.line', values);
}

/**
 * The link a person gave when ticking a "verified" gate (rollback plan, dashboard): only an https
 * address becomes a link; anything else shows as text, so a stored `javascript:` never runs.
 */
function VerifiedLink({ link }: { link: string }) {
  const safe = safeHttpsUrl(link);
  return safe ? <RouterLink href={safe}>{link}</RouterLink> : <>{link}</>;
}

function Gate({ gate }: { gate: GateView }) {
  const translator = useT();
  const { t, day } = translator;
  return (
    <li data-testid={`gate-${gate.gateId}`}>
      <span className={`status status-${gate.status}`}>{gateStatus(translator, gate.status).label}</span>
      <strong>{gate.name}</strong>
      {`: ${gate.reason}`}
      {gate.ticked && (
        <span className="muted">
          {' · '}
          {t('macros.checklist.doneBy', { name: gate.ticked.by.displayName, date: day(gate.ticked.at.slice(0, 10)) })}
          {gate.ticked.link && (
            <>
              {': '}
              <VerifiedLink link={gate.ticked.link} />
            </>
          )}
        </span>
      )}
      {gate.signatures && gate.signatures.length > 0 && (
        <span className="muted">
          {' · '}
          {t('macros.checklist.signedBy', { people: translator.list(gate.signatures.map((s) => t('macros.checklist.signer', { name: s.by.displayName, role: roleName(translator, s.role) }))) })}
        </span>
      )}
    </li>
  );
}

/** The project's monitoring dashboards, in the phase that watches bedding-in: https links only. */
function Dashboards({ incidents }: { incidents: IncidentsView }) {
  const { t } = useT();
  const links = incidents.dashboards.flatMap((d) => {
    const safe = safeHttpsUrl(d.url);
    return safe ? [{ ...d, url: safe }] : [];
  });
  if (links.length === 0) return null;
  return (
    <p data-testid="checklist-monitoring-links">
      {t('macros.checklist.dashboards')}{' '}
      {links.map((d, i) => (
        <span key={d.tool}>
          {i > 0 && ', '}
          <RouterLink href={d.url}>{t('macros.checklist.openDashboard', { label: d.label })}</RouterLink>
        </span>
      ))}
    </p>
  );
}

/** The release panel's phases and gates, read-only: the macro's resolver offers no writes at all. */
function Checklist({ config }: { config: MacroConfig }) {
  const translator = useT();
  const { t } = translator;
  const { data, error } = useLoad(() => callResolver<ChecklistMacroView>(MACRO_KEYS.checklist, { config }), [JSON.stringify(config)]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('macros.checklist.loading')}</p>;
  const r = data.release;
  const current = r.phases.find((p) => p.id === r.currentPhaseId);
  return (
    <>
      <h2>{t('macros.checklist.heading', { version: r.version.name })}</h2>
      <p className="muted">
        {r.completed ? t('macros.checklist.complete') : t('macros.checklist.currentPhase', { phase: current?.name ?? r.currentPhaseId })}{' '}
        {t('macros.checklist.issuesDone', { done: r.issueCounts.done, total: r.issueCounts.total })}
      </p>
      {r.phases.map((phase) => (
        <section key={phase.id} aria-label={phase.name}>
          <h3>
            {phase.name} <span className="count">{phase.override ? t('macros.phase.overridden') : t(`macros.phase.${phase.state}`)}</span>
          </h3>
          {/* People's text (the reason) as a React text node, never markup. */}
          {phase.override && (
            <p className="override" data-testid={`override-${phase.id}`}>
              <strong>{t('macros.override.title')}</strong> {overrideText(translator, phase.override)}
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
      {r.me.readOnlyReason && <p className="muted">{r.me.readOnlyReason}</p>}
    </>
  );
}

export default function ChecklistMacro() {
  return <MacroFrame kind="checklist">{(config) => <Checklist config={config} />}</MacroFrame>;
}
