import { table, tableCell, tableHeader, tableRow } from '@atlaskit/adf-utils/builders';
import { HEALTH_COLUMNS, healthCells, healthSummary } from '../health-table';
import type { ReleaseHealthView } from '../../shared/health';
import { document, para, plain, title, type AdfDoc } from './adf-kit';

/**
 * The "Release health" macro as a static document (adfExport: Word/PDF export, page history): the
 * figures over the window as one table, then each release's row. Every value is text, never markup.
 */
export function releaseHealthAdf(heading: string, view: ReleaseHealthView): AdfDoc {
  const cell = (value: string) => tableCell()(para(plain(value)));
  const header = (value: string) => tableHeader()(para(plain(value)));
  const figures = table(
    tableRow([header('Figure'), header('Value'), header('How it was counted')]),
    ...healthSummary(view.aggregates).map((f) => tableRow([cell(f.label), cell(f.value), cell(f.detail)])),
  );
  const intro = para(plain(`Over the last ${view.aggregates.releases} released versions (window ${view.window}), as of ${view.asOf.slice(0, 10)}.`));
  if (view.rows.length === 0) return document(title(2, heading), para(plain('No released versions yet: release health starts with the first release.')));
  const releases = table(tableRow(HEALTH_COLUMNS.map(header)), ...view.rows.map((r) => tableRow(healthCells(r).map(cell))));
  return document(title(2, heading), intro, figures, title(3, 'Per release'), releases);
}
