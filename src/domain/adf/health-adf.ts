import { table, tableCell, tableHeader, tableRow } from '@atlaskit/adf-utils/builders';
import { healthCellWords, healthColumnWords, healthSummaryWords } from '../health-wording';
import type { ReleaseHealthView } from '../../shared/health';
import { serverTranslator } from '../../i18n/server-translator';
import { document, para, plain, title, type AdfDoc } from './adf-kit';
import type { PageTranslator } from './release-notes-adf';

/**
 * The "Release health" macro as a static document (adfExport: Word/PDF export, page history): the
 * figures over the window as one table, then each release's row. Every value is text, never markup.
 * Worded in `tr`'s language (the project's); in English the table's words are the CSV's.
 */
export function releaseHealthAdf(heading: string, view: ReleaseHealthView, tr: PageTranslator = serverTranslator('en')): AdfDoc {
  const cell = (value: string) => tableCell()(para(plain(value)));
  const header = (value: string) => tableHeader()(para(plain(value)));
  const figures = table(
    tableRow([header(tr.t('pages.health.figure')), header(tr.t('pages.health.value')), header(tr.t('pages.health.how'))]),
    ...healthSummaryWords(view.aggregates, tr).map((f) => tableRow([cell(f.label), cell(f.value), cell(f.detail)])),
  );
  const intro = para(plain(tr.t('pages.health.intro', { count: view.aggregates.releases, window: String(view.window), date: tr.day(view.asOf.slice(0, 10)) })));
  if (view.rows.length === 0) return document(title(2, heading), para(plain(tr.t('pages.health.empty'))));
  const releases = table(tableRow(healthColumnWords(tr).map(header)), ...view.rows.map((r) => tableRow(healthCellWords(r, tr).map(cell))));
  return document(title(2, heading), intro, figures, title(3, tr.t('pages.health.perRelease')), releases);
}
