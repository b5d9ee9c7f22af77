import { bulletList, listItem, p, table, tableCell, tableHeader, tableRow } from '@atlaskit/adf-utils/builders';
import type { RetrospectiveView } from '../../shared/macros';
import { changeFailureLine, incidentTiming, timeToRestoreLine } from '../../shared/release-panel';
import { bold, document, httpsLinked, para, plain, title, type AdfDoc } from './adf-kit';
import { ownedBlock } from './owned-blocks';

/** The marker of the owned block that holds the retrospective's facts. */
export const RETRO_FACTS_BLOCK = 'retrospective-facts';

const day = (iso?: string) => (iso ? iso.slice(0, 10) : '—');
const range = (from?: string, to?: string) => (from || to ? `${day(from)} to ${day(to)}` : 'not set');

function slip(days: number | undefined): string {
  if (days === undefined) return '—';
  if (days === 0) return 'on time';
  return days > 0 ? `${days} ${days === 1 ? 'day' : 'days'} late` : `${-days} ${days === -1 ? 'day' : 'days'} early`;
}

function list(items: string[], empty: string) {
  return items.length > 0 ? bulletList(...items.map((i) => listItem([para(plain(i))]))) : para(plain(empty));
}

/** Each verified gate with its link: a link mark for an https address, text for anything else. */
function verified(items: Omit<RetrospectiveView, 'canPublish' | 'published'>['verifiedLinks']) {
  if (items.length === 0) return para(plain('No checklist item was ticked with a link.'));
  return bulletList(...items.map((v) => listItem([para(plain(`${v.name} (${v.phase}), by ${v.by} on ${day(v.at)}: `), httpsLinked(v.link, v.link))])));
}

/** The incidents monitoring reported during bedding-in, their time to restore and the project's change failure rate. */
function monitoringBlocks(m: RetrospectiveView['monitoring']) {
  if (!m) return [];
  const incidents =
    m.incidents.length > 0
      ? bulletList(
          ...m.incidents.map((i) =>
            listItem([para(bold(`Severity ${i.severity}`), plain(` · ${i.toolLabel}: `), i.link ? httpsLinked(i.title, i.link) : plain(i.title), plain(` (${incidentTiming(i)})`))]),
          ),
        )
      : para(plain(m.liveSince ? 'Monitoring reported no incident during bedding-in.' : 'The release has not gone live yet: no bedding-in to report.'));
  return [
    incidents,
    ...(m.timeToRestore ? [para(plain(timeToRestoreLine(m.timeToRestore)))] : []),
    ...(m.changeFailureRate ? [para(plain(changeFailureLine(m.changeFailureRate)))] : []),
  ];
}

/**
 * A retrospective as an ADF document: the facts (dates per phase, scope, overrides, QA
 * rejections, incidents) in one Preflight-owned block, then the discussion sections with an empty
 * bullet to write in. The sections are the team's: a new page starts with them, and publishing
 * again replaces only the facts block.
 */
export function retrospectiveAdf(heading: string, retro: Omit<RetrospectiveView, 'canPublish' | 'published'>): AdfDoc {
  const cell = (value: string) => tableCell()(para(plain(value)));
  const phaseTable = table(
    tableRow([tableHeader()(para(plain('Phase'))), tableHeader()(para(plain('Planned'))), tableHeader()(para(plain('Actual'))), tableHeader()(para(plain('End')))]),
    ...retro.phases.map((ph) =>
      tableRow([cell(ph.name), cell(range(ph.plannedStart, ph.plannedEnd)), cell(range(ph.actualStart, ph.actualEnd)), cell(slip(ph.endSlipDays))]),
    ),
  );
  const s = retro.scope;
  const scope = [
    para(
      plain(
        s.atFreeze === undefined
          ? `Scope was never frozen. ${s.atRelease} issues are in the version.`
          : `At the freeze (${day(s.frozenAt)}): ${s.atFreeze} issues. At release: ${s.atRelease} issues.`,
      ),
    ),
    para(bold(`Added after the freeze (${s.addedAfterFreeze.length})`)),
    list(s.addedAfterFreeze, 'None.'),
    para(bold(`Slipped to another version (${s.slipped.length})`)),
    list(s.slipped.map((i) => `${i.issueKey} → ${i.to}`), 'None.'),
  ];
  const incidents = retro.incidents.logged
    ? para(plain(`Incidents logged by ${retro.incidents.by ?? 'someone'} on ${day(retro.incidents.at)}`), ...(retro.incidents.link ? [plain(': '), httpsLinked(retro.incidents.link, retro.incidents.link)] : []))
    : para(plain('Incidents are not logged yet.'));
  return document(
    ownedBlock(
      RETRO_FACTS_BLOCK,
      heading,
      title(2, heading),
      title(3, 'Planned and actual dates'),
      phaseTable,
      title(3, 'Scope'),
      ...scope,
      title(3, `Overrides (${retro.overrides.length})`),
      list(retro.overrides.map((o) => `${o.from} → ${o.to} on ${day(o.at)} by ${o.by}, past ${o.gates.join(', ')}: ${o.reason}`), 'No gate was overridden.'),
      title(3, `QA rejections (${retro.qaRejections.length})`),
      list(retro.qaRejections.map((r) => `${r.issueKey}${r.build ? ` (build ${r.build})` : ''} on ${day(r.at)} by ${r.by}: ${r.summary}`), 'QA rejected nothing.'),
      title(3, retro.monitoring ? `Incidents (${retro.monitoring.incidents.length})` : 'Incidents'),
      ...monitoringBlocks(retro.monitoring),
      // With monitoring's own list, "not logged yet" would contradict it: only a logged tick adds a line.
      ...(retro.monitoring && !retro.incidents.logged ? [] : [incidents]),
      title(3, `Verified, with links (${retro.verifiedLinks.length})`),
      verified(retro.verifiedLinks),
    ),
    ...retro.sections.flatMap((section) => [title(3, section), bulletList(listItem([p()]))]),
  );
}
