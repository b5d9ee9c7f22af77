import { p, table, tableCell, tableHeader, tableRow } from '@atlaskit/adf-utils/builders';
import type { CalendarView } from '../../shared/calendar';
import { serverTranslator } from '../../i18n/server-translator';
import { document, linked, para, plain, title, type AdfDoc } from './adf-kit';
import type { PageTranslator } from './release-notes-adf';

const HEADERS = ['pages.calendar.project', 'pages.calendar.version', 'pages.calendar.phase', 'pages.calendar.freeze', 'pages.calendar.releaseDate', 'pages.calendar.announcement'] as const;

/**
 * The "Release calendar" macro for Word/PDF export and page history: the releases of the view's
 * window as a table (project, version, phase, freeze, release date, announcement), the trains
 * below. Text from Jira goes in as text nodes, never as markup.
 */
export function calendarAdf(view: CalendarView, tr: PageTranslator = serverTranslator('en')): AdfDoc {
  const day = (iso: string) => tr.day(iso);
  const heading = title(3, tr.t('pages.calendar.heading', { from: day(view.window.from), to: day(view.window.to) }));
  if (view.releases.length === 0) return document(heading, para(plain(tr.t('pages.calendar.empty'))));
  const names = new Map(view.projects.map((pr) => [pr.key, pr.name]));
  const rows = view.releases.map((r) =>
    tableRow([
      tableCell()(para(plain(names.get(r.projectKey) ? `${names.get(r.projectKey)} (${r.projectKey})` : r.projectKey))),
      tableCell()(r.panelUrl ? para(linked(r.name, r.panelUrl)) : para(plain(r.name))),
      tableCell()(para(plain(r.released ? tr.t('pages.calendar.released', { phase: r.phase.name }) : r.phase.name))),
      tableCell()(para(plain(r.freezeDate ? (r.freezeSource === 'planned' ? tr.t('pages.calendar.planned', { date: day(r.freezeDate) }) : day(r.freezeDate)) : '—'))),
      tableCell()(para(plain(r.releaseDate ? day(r.releaseDate) : '—'))),
      tableCell()(para(plain(r.announcementDate ? day(r.announcementDate) : '—'))),
    ]),
  );
  const trains = view.trains.map((t) =>
    para(plain(tr.t('pages.calendar.train', { name: t.name, start: day(t.start), end: day(t.end), members: tr.list(t.members.map((m) => m.name)) }))),
  );
  return document(heading, table(tableRow(HEADERS.map((h) => tableHeader()(p(tr.t(h))))), ...rows), ...trains);
}
