import { Suspense, lazy, useState } from 'react';
import { healthCsv } from '../../../../src/domain/health-table';
import { HEALTH_WINDOWS, type HealthWindow, type ReleaseHealthView } from '../../../../src/shared/health';
import { useT } from '../i18n/use-t';
import { HEALTH_TABLE_COLUMNS, healthCellsText, healthSummaryText } from './health-text';
import './health.css';

// The chart library comes with this chunk only when a health view shows charts.
const HealthCharts = lazy(() => import('./health-charts'));

/** The window choice: how many of the latest releases count. A group of toggle buttons. */
export function WindowChoice({ value, onChange }: { value: HealthWindow; onChange: (next: HealthWindow) => void }) {
  const { t, number } = useT();
  return (
    <div className="health-window" role="group" aria-label={t('portfolio.health.window.label')}>
      <span className="muted">{t('portfolio.health.window.last')}</span>
      {HEALTH_WINDOWS.map((n) => (
        <button key={n} type="button" aria-pressed={n === value} onClick={() => onChange(n)}>
          {number(n)}
        </button>
      ))}
      <span className="muted">{t('portfolio.health.window.releases')}</span>
    </div>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Release health as one report: the figures over the window, the trend charts and, for screen
 * readers and export, the table of every release (the same numbers the charts draw). Every value is
 * React text: a version name is shown as its characters, never as markup.
 */
export function HealthReport({
  view,
  fileName,
  window,
  onOpen,
}: {
  view: ReleaseHealthView;
  fileName: string;
  window?: { value: HealthWindow; onChange: (next: HealthWindow) => void };
  /** Where a release's name leads (its release panel on the project page); plain text without it. */
  onOpen?: (versionId: string) => void;
}) {
  const tr = useT();
  const { t } = tr;
  const [copied, setCopied] = useState<string>();
  // The CSV keeps the domain's English column names and raw values: a file for spreadsheets and scripts.
  const csv = () => healthCsv(view.rows);
  const copy = () => {
    navigator.clipboard.writeText(csv()).then(
      () => setCopied(t('portfolio.health.copied')),
      () => setCopied(t('portfolio.health.copyBlocked')),
    );
  };
  return (
    <div className="health" data-testid="health-report">
      {window && <WindowChoice value={window.value} onChange={window.onChange} />}
      {view.hiddenMembers !== undefined && (
        <p className="muted">{t('portfolio.health.hiddenMembers', { count: view.hiddenMembers })}</p>
      )}
      {view.rows.length === 0 ? (
        <p className="muted">{t('portfolio.health.empty')}</p>
      ) : (
        <>
          <dl className="health-summary" aria-label={t('portfolio.health.figures', { count: view.aggregates.releases })}>
            {healthSummaryText(tr, view.aggregates).map((f) => (
              <div key={f.key} data-testid="health-figure">
                <dt>{f.label}</dt>
                <dd>
                  {f.value}
                  <small>{f.detail}</small>
                </dd>
              </div>
            ))}
          </dl>
          <Suspense fallback={<p className="muted">{t('portfolio.health.loadingCharts')}</p>}>
            <HealthCharts rows={view.rows} />
          </Suspense>
          <div className="health-table-wrap">
            <table data-testid="health-table">
              <caption>{t('portfolio.health.caption', { tracked: view.aggregates.tracked, releases: view.aggregates.releases })}</caption>
              <thead>
                <tr>
                  {HEALTH_TABLE_COLUMNS.map((c) => (
                    <th key={c} scope="col">
                      {t(`portfolio.health.column.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => (
                  <tr key={r.versionId}>
                    {healthCellsText(tr, r).map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row">
                          {onOpen ? (
                            <button type="button" className="health-open" aria-label={t('releases.table.open', { name: cell })} onClick={() => onOpen(r.versionId)}>
                              {cell}
                            </button>
                          ) : (
                            cell
                          )}
                        </th>
                      ) : (
                        <td key={i}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="health-actions">
            <button type="button" onClick={() => download(fileName, csv())}>
              {t('portfolio.health.download')}
            </button>
            <button type="button" onClick={copy}>
              {t('portfolio.health.copy')}
            </button>
            {copied && (
              <span className="muted" role="status">
                {copied}
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
