import { Suspense, lazy, useState } from 'react';
import { HEALTH_COLUMNS, healthCells, healthCsv, healthSummary } from '../../../../src/domain/health-table';
import { HEALTH_WINDOWS, type HealthWindow, type ReleaseHealthView } from '../../../../src/shared/health';
import './health.css';

// The chart library comes with this chunk only when a health view shows charts.
const HealthCharts = lazy(() => import('./health-charts'));

/** The window choice: how many of the latest releases count. A group of toggle buttons. */
export function WindowChoice({ value, onChange }: { value: HealthWindow; onChange: (next: HealthWindow) => void }) {
  return (
    <div className="health-window" role="group" aria-label="Releases counted">
      <span className="muted">Last</span>
      {HEALTH_WINDOWS.map((n) => (
        <button key={n} type="button" aria-pressed={n === value} onClick={() => onChange(n)}>
          {n}
        </button>
      ))}
      <span className="muted">releases</span>
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
  const [copied, setCopied] = useState<string>();
  const csv = () => healthCsv(view.rows);
  const copy = () => {
    navigator.clipboard.writeText(csv()).then(
      () => setCopied('Table copied as CSV.'),
      () => setCopied('Copying is blocked here; use Download CSV.'),
    );
  };
  return (
    <div className="health" data-testid="health-report">
      {window && <WindowChoice value={window.value} onChange={window.onChange} />}
      {view.hiddenMembers !== undefined && (
        <p className="muted">
          {view.hiddenMembers} {view.hiddenMembers === 1 ? 'member is' : 'members are'} in projects you cannot see: left out of every figure.
        </p>
      )}
      {view.rows.length === 0 ? (
        <p className="muted">No released versions yet: release health starts with the first release.</p>
      ) : (
        <>
          <dl className="health-summary" aria-label={`Figures over the last ${view.aggregates.releases} releases`}>
            {healthSummary(view.aggregates).map((f) => (
              <div key={f.label} data-testid="health-figure">
                <dt>{f.label}</dt>
                <dd>
                  {f.value}
                  <small>{f.detail}</small>
                </dd>
              </div>
            ))}
          </dl>
          <Suspense fallback={<p className="muted">Loading charts…</p>}>
            <HealthCharts rows={view.rows} />
          </Suspense>
          <div className="health-table-wrap">
            <table data-testid="health-table">
              <caption>Per release, oldest first ({view.aggregates.tracked} of {view.aggregates.releases} tracked in Preflight)</caption>
              <thead>
                <tr>
                  {HEALTH_COLUMNS.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => (
                  <tr key={r.versionId}>
                    {healthCells(r).map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row">
                          {onOpen ? (
                            <button type="button" className="health-open" aria-label={`Open release ${cell}`} onClick={() => onOpen(r.versionId)}>
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
              Download CSV
            </button>
            <button type="button" onClick={copy}>
              Copy table
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
