import { bulletList, listItem, p, table, tableCell, tableHeader, tableRow } from '@atlaskit/adf-utils/builders';
import type { RetrospectiveView } from '../../shared/macros';
import { changeFailureText, incidentTimingText, timeToRestoreText } from '../incident-wording';
import { bold, document, httpsLinked, para, plain, title, type AdfDoc } from './adf-kit';
import { serverTranslator } from '../../i18n/server-translator';
import { ownedBlock } from './owned-blocks';
import type { PageTranslator } from './release-notes-adf';

/** The marker of the owned block that holds the retrospective's facts. */
export const RETRO_FACTS_BLOCK = 'retrospective-facts';

/** The page's words and dates in the project's language (dates through Intl, a calendar day each). */
function wording(tr: PageTranslator) {
  const day = (iso?: string) => (iso ? tr.day(iso.slice(0, 10)) : '—');
  return {
    day,
    range: (from?: string, to?: string) => (from || to ? tr.t('pages.retro.range', { from: day(from), to: day(to) }) : tr.t('pages.retro.notSet')),
    slip: (days: number | undefined) => (days === undefined ? '—' : days === 0 ? tr.t('pages.retro.onTime') : days > 0 ? tr.t('pages.retro.late', { days }) : tr.t('pages.retro.early', { days: -days })),
  };
}

function list(items: string[], empty: string) {
  return items.length > 0 ? bulletList(...items.map((i) => listItem([para(plain(i))]))) : para(plain(empty));
}

/** Each verified gate with its link: a link mark for an https address, text for anything else. */
function verified(items: Omit<RetrospectiveView, 'canPublish' | 'published'>['verifiedLinks'], tr: PageTranslator) {
  if (items.length === 0) return para(plain(tr.t('pages.retro.noVerified')));
  const { day } = wording(tr);
  return bulletList(...items.map((v) => listItem([para(plain(tr.t('pages.retro.verifiedItem', { name: v.name, phase: v.phase, person: v.by, date: day(v.at) })), httpsLinked(v.link, v.link))])));
}

/**
 * The incidents monitoring reported during bedding-in, their time to restore and the project's change
 * failure rate, with the durations worded from the view's minutes in the page's language.
 */
function monitoringBlocks(m: RetrospectiveView['monitoring'], tr: PageTranslator) {
  if (!m) return [];
  const incidents =
    m.incidents.length > 0
      ? bulletList(
          ...m.incidents.map((i) =>
            listItem([para(bold(tr.t('pages.retro.severity', { severity: i.severity })), plain(` · ${i.toolLabel}: `), i.link ? httpsLinked(i.title, i.link) : plain(i.title), plain(` (${incidentTimingText(i, tr)})`))]),
          ),
        )
      : para(plain(tr.t(m.liveSince ? 'pages.retro.noIncident' : 'pages.retro.notLive')));
  return [
    incidents,
    ...(m.timeToRestore ? [para(plain(timeToRestoreText(m.timeToRestore, tr)))] : []),
    ...(m.changeFailureRate ? [para(plain(changeFailureText(m.changeFailureRate, tr)))] : []),
  ];
}

/**
 * A retrospective as an ADF document: the facts (dates per phase, scope, overrides, QA
 * rejections, incidents) in one Preflight-owned block, then the discussion sections with an empty
 * bullet to write in. The sections are the team's: a new page starts with them, and publishing
 * again replaces only the facts block.
 */
export function retrospectiveAdf(heading: string, retro: Omit<RetrospectiveView, 'canPublish' | 'published'>, tr: PageTranslator = serverTranslator('en')): AdfDoc {
  const { day, range, slip } = wording(tr);
  const cell = (value: string) => tableCell()(para(plain(value)));
  const header = (id: 'pages.retro.phase' | 'pages.retro.planned' | 'pages.retro.actual' | 'pages.retro.end') => tableHeader()(para(plain(tr.t(id))));
  const phaseTable = table(
    tableRow([header('pages.retro.phase'), header('pages.retro.planned'), header('pages.retro.actual'), header('pages.retro.end')]),
    ...retro.phases.map((ph) =>
      tableRow([cell(ph.name), cell(range(ph.plannedStart, ph.plannedEnd)), cell(range(ph.actualStart, ph.actualEnd)), cell(slip(ph.endSlipDays))]),
    ),
  );
  const s = retro.scope;
  const scope = [
    para(
      plain(
        s.atFreeze === undefined
          ? tr.t('pages.retro.neverFrozen', { count: s.atRelease })
          : tr.t('pages.retro.frozen', { date: day(s.frozenAt), atFreeze: s.atFreeze, atRelease: s.atRelease }),
      ),
    ),
    para(bold(tr.t('pages.retro.addedAfterFreeze', { count: s.addedAfterFreeze.length }))),
    list(s.addedAfterFreeze, tr.t('pages.retro.none')),
    para(bold(tr.t('pages.retro.slipped', { count: s.slipped.length }))),
    list(s.slipped.map((i) => `${i.issueKey} → ${i.to}`), tr.t('pages.retro.none')),
  ];
  const incidents = retro.incidents.logged
    ? para(plain(tr.t('pages.retro.incidentsLogged', { person: retro.incidents.by ?? tr.t('pages.retro.someone'), date: day(retro.incidents.at) })), ...(retro.incidents.link ? [plain(': '), httpsLinked(retro.incidents.link, retro.incidents.link)] : []))
    : para(plain(tr.t('pages.retro.notLogged')));
  return document(
    ownedBlock(
      RETRO_FACTS_BLOCK,
      heading,
      title(2, heading),
      title(3, tr.t('pages.retro.dates')),
      phaseTable,
      title(3, tr.t('pages.retro.scope')),
      ...scope,
      title(3, tr.t('pages.retro.overrides', { count: retro.overrides.length })),
      list(
        retro.overrides.map((o) => tr.t('pages.retro.override', { from: o.from, to: o.to, date: day(o.at), person: o.by, gates: o.gates.join(', '), reason: o.reason })),
        tr.t('pages.retro.noOverride'),
      ),
      title(3, tr.t('pages.retro.qaRejections', { count: retro.qaRejections.length })),
      list(
        retro.qaRejections.map((r) => {
          const values = { issue: r.issueKey, date: day(r.at), person: r.by, summary: r.summary };
          return r.build ? tr.t('pages.retro.qaRejectionBuild', { ...values, build: r.build }) : tr.t('pages.retro.qaRejection', values);
        }),
        tr.t('pages.retro.noQaRejection'),
      ),
      title(3, retro.monitoring ? tr.t('pages.retro.incidentsCount', { count: retro.monitoring.incidents.length }) : tr.t('pages.retro.incidents')),
      ...monitoringBlocks(retro.monitoring, tr),
      // With monitoring's own list, "not logged yet" would contradict it: only a logged tick adds a line.
      ...(retro.monitoring && !retro.incidents.logged ? [] : [incidents]),
      title(3, tr.t('pages.retro.verified', { count: retro.verifiedLinks.length })),
      verified(retro.verifiedLinks, tr),
    ),
    ...retro.sections.flatMap((section) => [title(3, section), bulletList(listItem([p()]))]),
  );
}
