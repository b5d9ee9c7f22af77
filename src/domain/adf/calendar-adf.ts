import { p, table, tableCell, tableHeader, tableRow } from '@atlaskit/adf-utils/builders';
import type { CalendarView } from '../../shared/calendar';
import { document, linked, para, plain, title, type AdfDoc } from './adf-kit';

const HEADERS = ['Project', 'Version', 'Phase', 'Freeze', 'Release date', 'Announcement'];

/**
 * The "Release calendar" macro for Word/PDF export and page history: the releases of the view's
 * window as a table (project, version, phase, freeze, release date, announcement), the trains
 * below. Text from Jira goes in as text nodes, never as markup.
 */
export function calendarAdf(view: CalendarView): AdfDoc {
  const heading = title(3, `Release calendar, ${view.window.from} to ${view.window.to}`);
  if (view.releases.length === 0) return document(heading, para(plain('No release of these projects falls in this period.')));
  const names = new Map(view.projects.map((pr) => [pr.key, pr.name]));
  const rows = view.releases.map((r) =>
    tableRow([
      tableCell()(para(plain(names.get(r.projectKey) ? `${names.get(r.projectKey)} (${r.projectKey})` : r.projectKey))),
      tableCell()(r.panelUrl ? para(linked(r.name, r.panelUrl)) : para(plain(r.name))),
      tableCell()(para(plain(`${r.phase.name}${r.released ? ' (released)' : ''}`))),
      tableCell()(para(plain(r.freezeDate ? `${r.freezeDate}${r.freezeSource === 'planned' ? ' (planned)' : ''}` : '—'))),
      tableCell()(para(plain(r.releaseDate ?? '—'))),
      tableCell()(para(plain(r.announcementDate ?? '—'))),
    ]),
  );
  const trains = view.trains.map((t) =>
    para(plain(`Release train ${t.name}: ${t.start} to ${t.end}, members ${t.members.map((m) => m.name).join(', ')}.`)),
  );
  return document(heading, table(tableRow(HEADERS.map((h) => tableHeader()(p(h)))), ...rows), ...trains);
}
