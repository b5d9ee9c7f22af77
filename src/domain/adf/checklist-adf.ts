import { bulletList, listItem, status } from '@atlaskit/adf-utils/builders';
import { overrideLine, type GateView, type ReleaseView } from '../../shared/release-panel';
import { serverTranslator } from '../../i18n/server-translator';
import { bold, document, httpsLinked, para, plain, title, type AdfDoc, type AdfInline } from './adf-kit';
import type { PageTranslator } from './release-notes-adf';

const STATUS_COLOR = { pass: 'green', warning: 'yellow', fail: 'red' } as const;

const ROLE_IDS = { 'release-owner': 'pages.role.release-owner', 'engineering-lead': 'pages.role.engineering-lead', qa: 'pages.role.qa' } as const;

/** A role by its name in the page's language; a role Preflight does not know keeps its id. */
const roleName = (tr: PageTranslator, role: string) => (role in ROLE_IDS ? tr.t(ROLE_IDS[role as keyof typeof ROLE_IDS]) : role);

function gateLine(gate: GateView, tr: PageTranslator): AdfInline[][] {
  const badge = [status({ text: tr.t(`pages.status.${gate.status}`), color: STATUS_COLOR[gate.status], localId: `gate-${gate.gateId}` }) as AdfInline];
  const who = gate.ticked
    ? [
        plain(tr.t('pages.checklist.doneBy', { person: gate.ticked.by.displayName, date: tr.day(gate.ticked.at.slice(0, 10)) })),
        ...(gate.ticked.link ? [plain(' '), httpsLinked(gate.ticked.link, gate.ticked.link)] : []),
      ]
    : gate.signatures && gate.signatures.length > 0
      ? [plain(tr.t('pages.checklist.signedBy', { signers: gate.signatures.map((s) => tr.t('pages.checklist.signer', { person: s.by.displayName, role: roleName(tr, s.role) })).join(', ') }))]
      : [];
  return [badge, plain(` ${gate.name}: ${gate.reason}`), ...who];
}

/** The project's monitoring dashboards, in the phase that watches bedding-in: https links only. */
function dashboards(incidents: NonNullable<ReleaseView['incidents']>, tr: PageTranslator) {
  if (incidents.dashboards.length === 0) return [];
  return [para(plain(tr.t('pages.checklist.dashboards')), ...incidents.dashboards.flatMap((d, i) => [...(i > 0 ? [plain(', ')] : []), httpsLinked(d.label, d.url)]))];
}

const PHASE_STATE = { done: 'pages.checklist.phaseDone', current: 'pages.checklist.phaseCurrent', upcoming: 'pages.checklist.phaseUpcoming' } as const;

/** The release checklist (phases, gates, checklist and sign-offs) as an ADF document, for export, in the translator's language. */
export function checklistAdf(release: ReleaseView, tr: PageTranslator = serverTranslator('en')): AdfDoc {
  const current = release.phases.find((p) => p.id === release.currentPhaseId);
  return document(
    title(2, tr.t('pages.title.checklist', { version: release.version.name })),
    para(
      plain(
        release.completed
          ? tr.t('pages.checklist.complete')
          : tr.t('pages.checklist.current', { phase: current?.name ?? release.currentPhaseId, done: release.issueCounts.done, total: release.issueCounts.total }),
      ),
    ),
    ...release.phases.flatMap((phase) => [
      title(3, tr.t(phase.override ? 'pages.checklist.phaseOverridden' : PHASE_STATE[phase.state], { phase: phase.name })),
      // Text nodes only: the reason is what a person typed, never markup.
      ...(phase.override ? [para(bold(tr.t('pages.checklist.overridden')), plain(overrideLine(phase.override)))] : []),
      phase.gates.length > 0 ? bulletList(...phase.gates.map((g) => listItem([para(...gateLine(g, tr))]))) : para(plain(tr.t('pages.checklist.noGates'))),
      ...(phase.id === release.incidents?.phaseId ? dashboards(release.incidents, tr) : []),
    ]),
  );
}
