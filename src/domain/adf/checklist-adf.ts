import { bulletList, listItem, status } from '@atlaskit/adf-utils/builders';
import { overrideLine, type GateView, type ReleaseView } from '../../shared/release-panel';
import { bold, document, httpsLinked, para, plain, title, type AdfDoc, type AdfInline } from './adf-kit';

const STATUS_COLOR = { pass: 'green', warning: 'yellow', fail: 'red' } as const;

function gateLine(gate: GateView): AdfInline[][] {
  const badge = [status({ text: gate.status.toUpperCase(), color: STATUS_COLOR[gate.status], localId: `gate-${gate.gateId}` }) as AdfInline];
  const who = gate.ticked
    ? [plain(` · done by ${gate.ticked.by.displayName} on ${gate.ticked.at.slice(0, 10)}`), ...(gate.ticked.link ? [plain(' '), httpsLinked(gate.ticked.link, gate.ticked.link)] : [])]
    : gate.signatures && gate.signatures.length > 0
      ? [plain(` · signed by ${gate.signatures.map((s) => `${s.by.displayName} (${s.role})`).join(', ')}`)]
      : [];
  return [badge, plain(` ${gate.name}: ${gate.reason}`), ...who];
}

/** The project's monitoring dashboards, in the phase that watches bedding-in: https links only. */
function dashboards(incidents: NonNullable<ReleaseView['incidents']>) {
  if (incidents.dashboards.length === 0) return [];
  return [para(plain('Monitoring dashboards: '), ...incidents.dashboards.flatMap((d, i) => [...(i > 0 ? [plain(', ')] : []), httpsLinked(d.label, d.url)]))];
}

/** The release checklist (phases, gates, checklist and sign-offs) as an ADF document, for export. */
export function checklistAdf(release: ReleaseView): AdfDoc {
  const current = release.phases.find((p) => p.id === release.currentPhaseId);
  return document(
    title(2, `Release checklist: ${release.version.name}`),
    para(plain(release.completed ? 'The release is complete.' : `Current phase: ${current?.name ?? release.currentPhaseId}. ${release.issueCounts.done} of ${release.issueCounts.total} issues done.`)),
    ...release.phases.flatMap((phase) => [
      title(3, `${phase.name} (${phase.override ? 'done with an override' : phase.state})`),
      // Text nodes only: the reason is what a person typed, never markup.
      ...(phase.override ? [para(bold('Gates overridden. '), plain(overrideLine(phase.override)))] : []),
      phase.gates.length > 0 ? bulletList(...phase.gates.map((g) => listItem([para(...gateLine(g))]))) : para(plain('No gates.')),
      ...(phase.id === release.incidents?.phaseId ? dashboards(release.incidents) : []),
    ]),
  );
}
