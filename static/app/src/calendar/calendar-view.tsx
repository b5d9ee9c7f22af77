import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { shiftMonth } from '../../../../src/domain/calendar';
import type { CalendarBar, CalendarRelease, CalendarTrain, CalendarView, CalendarWindow, CalendarZoom } from '../../../../src/shared/calendar';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { RouterLink } from '../components/router-link';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import './calendar.css';

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const KNOWN_PHASES = new Set(['planning', 'build-test', 'release-prep', 'deployment', 'post-release']);

export type CalendarState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: CalendarView };

/** Loads a calendar; only the answer to the latest question is kept (a slow older answer is dropped). */
export function useCalendar(functionKey: string, payload: Record<string, unknown> | undefined): { state: CalendarState; reload: () => void } {
  const [state, setState] = useState<CalendarState>({ kind: 'loading' });
  const key = payload === undefined ? undefined : JSON.stringify(payload);
  const generation = useRef(0);
  const load = useCallback(() => {
    if (key === undefined) return;
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    callResolver<CalendarView>(functionKey, JSON.parse(key) as Record<string, unknown>).then(
      (view) => mine === generation.current && setState({ kind: 'loaded', view }),
      (error: unknown) => mine === generation.current && setState({ kind: 'error', message: errorMessage(error) }),
    );
  }, [functionKey, key]);
  useEffect(load, [load]);
  return { state, reload: load };
}

/** How a bar opens its release: the project page's panel in place, or a link to the project page. */
export type OpenRelease = { kind: 'button'; onOpen: (versionId: string) => void } | { kind: 'link'; newTab: boolean };

const monthName = (tr: UiTranslator, month: string, withYear = true) => tr.day(`${month}-01`, withYear ? { month: 'long', year: 'numeric' } : { month: 'long' });

/** "November 2026" or "October to December 2026": what the window shows, in the person's language. */
export function periodLabel(tr: UiTranslator, window: Pick<CalendarWindow, 'zoom' | 'month' | 'from' | 'to'>): string {
  if (window.zoom === 'month') return monthName(tr, window.month);
  const [from, to] = [window.from.slice(0, 7), window.to.slice(0, 7)];
  return tr.t('portfolio.calendar.range', { from: monthName(tr, from, from.slice(0, 4) !== to.slice(0, 4)), to: monthName(tr, to) });
}

/** "12 Nov" (or "12 Nov 2027" outside `year`), through Intl in the person's language. */
export function shortDay(tr: UiTranslator, iso: string, year?: string): string {
  return tr.day(iso, year !== undefined && iso.slice(0, 4) !== year ? { day: 'numeric', month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' });
}

/** What a bar says to a screen reader and on hover: "PAY 2.2: Build & test, 12 Nov to 3 Dec". */
export function barLabel(tr: UiTranslator, versionName: string, bar: Pick<CalendarBar, 'phaseName' | 'start' | 'end'>, year?: string): string {
  return bar.start === bar.end
    ? tr.t('portfolio.calendar.barDay', { version: versionName, phase: bar.phaseName, day: shortDay(tr, bar.start, year) })
    : tr.t('portfolio.calendar.bar', { version: versionName, phase: bar.phaseName, start: shortDay(tr, bar.start, year), end: shortDay(tr, bar.end, year) });
}

/**
 * Zoom (month / quarter), Previous / This month / Next, and the timeline or table switch. Plain
 * buttons with visible labels that are their accessible names; the pressed zoom says so.
 */
export function CalendarNav({ window, table, onChange }: { window?: CalendarWindow; table: boolean; onChange: (next: { zoom?: CalendarZoom; month?: string | undefined; table?: boolean }) => void }) {
  const tr = useT();
  const { t } = tr;
  const step = window?.zoom === 'month' ? 1 : 3;
  return (
    <div className="cal-nav" role="group" aria-label={t('portfolio.calendar.period')}>
      {(['month', 'quarter'] as const).map((z) => (
        <button key={z} type="button" className="cal-btn" aria-pressed={window?.zoom === z} onClick={() => onChange({ zoom: z })}>
          {t(z === 'month' ? 'portfolio.calendar.zoom.month' : 'portfolio.calendar.zoom.quarter')}
        </button>
      ))}
      <button type="button" className="cal-btn" disabled={!window} onClick={() => window && onChange({ month: shiftMonth(window.month, -step) })}>
        {t('portfolio.calendar.previous')}
      </button>
      <button type="button" className="cal-btn" onClick={() => onChange({ month: undefined })}>
        {t('portfolio.calendar.today')}
      </button>
      <button type="button" className="cal-btn" disabled={!window} onClick={() => window && onChange({ month: shiftMonth(window.month, step) })}>
        {t('portfolio.calendar.next')}
      </button>
      <span className="cal-period" aria-live="polite">
        {window ? periodLabel(tr, window) : ''}
      </span>
      <button type="button" className="cal-btn" aria-pressed={table} onClick={() => onChange({ table: !table })}>
        {t('portfolio.calendar.showTable')}
      </button>
    </div>
  );
}

/** Left and width in % of the window for days `start`..`end` (both included), clipped to it. */
function place(window: CalendarWindow, start: string, end: string): { left: number; width: number; clippedStart: boolean; clippedEnd: boolean } {
  const from = dayNumber(window.from);
  const total = dayNumber(window.to) - from + 1;
  const s = Math.max(dayNumber(start), from);
  const e = Math.min(dayNumber(end), dayNumber(window.to));
  return { left: ((s - from) / total) * 100, width: (Math.max(e - s + 1, 0.3) / total) * 100, clippedStart: start < window.from, clippedEnd: end > window.to };
}

function at(window: CalendarWindow, day: string): number | undefined {
  if (day < window.from || day > window.to) return undefined;
  const from = dayNumber(window.from);
  return ((dayNumber(day) - from + 0.5) / (dayNumber(window.to) - from + 1)) * 100;
}

/** Column lines: each month's first day (quarter) or each Monday (month). */
function ticks(tr: UiTranslator, window: CalendarWindow): Array<{ day: string; label: string }> {
  const out: Array<{ day: string; label: string }> = [];
  for (let d = dayNumber(window.from); d <= dayNumber(window.to); d++) {
    const date = new Date(d * DAY_MS);
    const iso = date.toISOString().slice(0, 10);
    if (window.zoom === 'quarter' ? date.getUTCDate() === 1 : date.getUTCDay() === 1) {
      out.push({ day: iso, label: window.zoom === 'quarter' ? tr.day(iso, { month: 'short' }) : shortDay(tr, iso) });
    }
  }
  return out;
}

function Bar({ release, bar, window, open, year }: { release: CalendarRelease; bar: CalendarBar; window: CalendarWindow; open: OpenRelease; year: string }) {
  const tr = useT();
  const p = place(window, bar.start, bar.end);
  const label = barLabel(tr, release.name, bar, year);
  const classes = ['cal-bar', bar.source === 'planned' ? 'planned' : '', p.clippedStart ? 'clipped-start' : '', p.clippedEnd ? 'clipped-end' : ''].join(' ');
  const phaseClass = `cal-phase-${KNOWN_PHASES.has(bar.phaseId) ? bar.phaseId : 'other'}`;
  // The visible text (the phase) is inside the accessible name, which adds the version and the dates.
  const content = (
    <>
      <span aria-hidden="true">{bar.phaseName}</span>
      <span className="cal-sr">{label}</span>
    </>
  );
  let control: ReactNode;
  if (open.kind === 'button') {
    control = (
      <button type="button" title={label} onClick={() => open.onOpen(release.versionId)}>
        {content}
      </button>
    );
  } else if (release.panelUrl) {
    control = (
      <RouterLink href={release.panelUrl} newTab={open.newTab}>
        {content}
      </RouterLink>
    );
  } else {
    control = (
      <span className="cal-bar-text" title={label}>
        {content}
      </span>
    );
  }
  return (
    <div className={`${classes} ${phaseClass}`} style={{ left: `${p.left}%`, width: `${p.width}%` }} data-phase={bar.phaseId} title={label}>
      {control}
    </div>
  );
}

function Markers({ release, window }: { release: CalendarRelease; window: CalendarWindow }) {
  const tr = useT();
  const { t } = tr;
  const marks = [
    release.freezeDate && { kind: 'freeze', day: release.freezeDate, what: t(release.freezeSource === 'planned' ? 'portfolio.calendar.marker.freezePlanned' : 'portfolio.calendar.marker.froze') },
    release.releaseDate && { kind: 'release', day: release.releaseDate, what: t('portfolio.calendar.marker.release') },
    release.announcementDate && { kind: 'announce', day: release.announcementDate, what: t('portfolio.calendar.marker.announcement') },
  ].filter((m): m is { kind: string; day: string; what: string } => Boolean(m));
  return (
    <>
      {marks.map((m) => {
        const x = at(window, m.day);
        return x === undefined ? null : <span key={m.kind} className={`cal-marker ${m.kind}`} style={{ left: `${x}%` }} title={t('portfolio.calendar.marker.title', { what: m.what, day: tr.day(m.day) })} aria-hidden="true" />;
      })}
    </>
  );
}

function dateFacts(tr: UiTranslator, release: CalendarRelease, year: string): string {
  const day = (iso: string) => shortDay(tr, iso, year);
  return [
    release.freezeDate && tr.t(release.freezeSource === 'planned' ? 'portfolio.calendar.fact.freezePlanned' : 'portfolio.calendar.fact.froze', { day: day(release.freezeDate) }),
    release.releaseDate && tr.t(release.released ? 'portfolio.calendar.fact.released' : 'portfolio.calendar.fact.release', { day: day(release.releaseDate) }),
    release.announcementDate && tr.t('portfolio.calendar.fact.announcement', { day: day(release.announcementDate) }),
  ]
    .filter((fact): fact is string => Boolean(fact))
    .join(', ');
}

function TrainBar({ train, window, onOpenTrain, year }: { train: CalendarTrain; window: CalendarWindow; onOpenTrain?: (id: string) => void; year: string }) {
  const tr = useT();
  const p = place(window, train.start, train.end);
  const label = tr.t('portfolio.calendar.trainBar', { name: train.name, start: shortDay(tr, train.start, year), end: shortDay(tr, train.end, year), members: tr.list(train.members.map((m) => m.name)) });
  const text = tr.t('portfolio.calendar.train', { name: train.name });
  const style = { left: `${p.left}%`, width: `${p.width}%` };
  return onOpenTrain ? (
    <button type="button" className="cal-train" style={style} title={label} aria-label={label} onClick={() => onOpenTrain(train.id)}>
      {text}
    </button>
  ) : (
    <span className="cal-train" style={style} title={label} aria-label={label} role="img" tabIndex={0}>
      {text}
    </span>
  );
}

/**
 * The timeline: a row per release (label, phase bars, freeze / release / announcement markers),
 * a row per release train, month or week columns and the today line. Every bar is a focusable
 * button or link named "PAY 2.2: Build & test, 12 Nov to 3 Dec".
 */
export function CalendarTimeline({ view, open, onOpenTrain }: { view: CalendarView; open: OpenRelease; onOpenTrain?: (id: string) => void }) {
  const tr = useT();
  const { t } = tr;
  const { window } = view;
  const year = view.today.slice(0, 4);
  const todayAt = at(window, view.today);
  const columns = ticks(tr, window);
  return (
    <div className="cal-grid" role="region" aria-label={t('portfolio.calendar.region', { period: periodLabel(tr, window) })}>
      <div className="cal-row cal-head" aria-hidden="true">
        <div className="cal-label">{t('portfolio.calendar.head')}</div>
        <div className="cal-track">
          {columns.map((t) => (
            <span key={t.day} className="cal-tick" style={{ left: `${place(window, t.day, t.day).left}%` }}>
              {t.label}
            </span>
          ))}
          {todayAt !== undefined && (
            <div className="cal-today" style={{ left: `${todayAt}%` }}>
              <span>{t('portfolio.calendar.today')}</span>
            </div>
          )}
        </div>
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('portfolio.calendar.rows')}>
        {view.trains.map((train) => (
          <li key={`train-${train.id}`} className="cal-row">
            <div className="cal-label">
              <span className="cal-key">{t('portfolio.calendar.trainKey')}</span>
              {train.name}
            </div>
            <div className="cal-track">
              <TrainBar train={train} window={window} year={year} {...(onOpenTrain && { onOpenTrain })} />
              {todayAt !== undefined && <div className="cal-today" style={{ left: `${todayAt}%` }} />}
            </div>
          </li>
        ))}
        {view.releases.map((release) => (
          <li key={release.versionId} className="cal-row" data-version={release.name}>
            <div className="cal-label" title={`${release.name}: ${release.phase.name}`}>
              <span className="cal-key">{release.projectKey}</span>
              {release.name}
              <span className="cal-sr">{dateFacts(tr, release, year) ? t('portfolio.calendar.rowFacts', { phase: release.phase.name, facts: dateFacts(tr, release, year) }) : t('portfolio.calendar.rowPhase', { phase: release.phase.name })}</span>
            </div>
            <div className="cal-track">
              {release.bars.map((bar) => (
                <Bar key={bar.phaseId} release={release} bar={bar} window={window} open={open} year={year} />
              ))}
              <Markers release={release} window={window} />
              {todayAt !== undefined && <div className="cal-today" style={{ left: `${todayAt}%` }} />}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CalendarLegend() {
  const { t } = useT();
  return (
    <div className="cal-legend" aria-hidden="true">
      <span>
        <span className="cal-swatch cal-phase-planning" />
        {t('portfolio.calendar.legend.actual')}
      </span>
      <span>
        <span className="cal-swatch dashed" />
        {t('portfolio.calendar.legend.planned')}
      </span>
      <span>{t('portfolio.calendar.legend.freeze')}</span>
      <span>{t('portfolio.calendar.legend.release')}</span>
      <span>{t('portfolio.calendar.legend.announcement')}</span>
      <span style={{ color: 'var(--ds-text-danger, #ae2e24)' }}>{t('portfolio.calendar.legend.today')}</span>
    </div>
  );
}

/** The same releases as a table: what a screen reader or an export reads best. */
const TABLE_COLUMNS = ['project', 'version', 'phase', 'phases', 'freeze', 'releaseDate', 'announcement'] as const;

export function CalendarTable({ view, open }: { view: CalendarView; open: OpenRelease }) {
  const tr = useT();
  const { t } = tr;
  const year = view.today.slice(0, 4);
  const day = (iso: string | undefined) => (iso ? tr.day(iso) : '—');
  const span = (start: string, end: string) => t('portfolio.calendar.span', { start: shortDay(tr, start, year), end: shortDay(tr, end, year) });
  const names = new Map(view.projects.map((p) => [p.key, p.name]));
  return (
    <table className="cal-table">
      <caption className="cal-sr">{t('portfolio.calendar.caption', { period: periodLabel(tr, view.window) })}</caption>
      <thead>
        <tr>
          {TABLE_COLUMNS.map((h) => (
            <th key={h} scope="col">
              {t(`portfolio.calendar.column.${h}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.releases.map((r) => (
          <tr key={r.versionId}>
            <td>{names.get(r.projectKey) ? `${names.get(r.projectKey)} (${r.projectKey})` : r.projectKey}</td>
            <td>
              {open.kind === 'button' ? (
                <button type="button" className="cal-btn" onClick={() => open.onOpen(r.versionId)}>
                  {r.name}
                </button>
              ) : r.panelUrl ? (
                <RouterLink href={r.panelUrl} newTab={open.newTab}>
                  {r.name}
                </RouterLink>
              ) : (
                r.name
              )}
            </td>
            <td>{r.released ? t('portfolio.calendar.phaseReleased', { phase: r.phase.name }) : r.phase.name}</td>
            <td>{r.bars.map((b) => t(b.source === 'planned' ? 'portfolio.calendar.barPlanned' : 'portfolio.calendar.barRow', { phase: b.phaseName, span: span(b.start, b.end) })).join('; ') || '—'}</td>
            <td>{r.freezeDate ? (r.freezeSource === 'planned' ? t('portfolio.calendar.planned', { day: day(r.freezeDate) }) : day(r.freezeDate)) : '—'}</td>
            <td>{day(r.releaseDate)}</td>
            <td>{day(r.announcementDate)}</td>
          </tr>
        ))}
        {view.trains.map((train) => (
          <tr key={`train-${train.id}`}>
            <td>{t('portfolio.calendar.releaseTrain')}</td>
            <td>{train.name}</td>
            <td>{tr.list(train.members.map((m) => m.name))}</td>
            <td>{span(train.start, train.end)}</td>
            <td>{day(train.freezeDate)}</td>
            <td>{day(train.releaseDate)}</td>
            <td>{'—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Loading, error (with Try again), empty, or the timeline / table with its legend. */
export function CalendarContent({ state, reload, table, open, onOpenTrain, empty }: { state: CalendarState; reload: () => void; table: boolean; open: OpenRelease; onOpenTrain?: (id: string) => void; empty: string }) {
  const { t } = useT();
  if (state.kind === 'loading') {
    return (
      <p className="cal-muted" role="status">
        {t('portfolio.calendar.loading')}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div role="alert">
        <p className="cal-error">{t('portfolio.calendar.error', { message: state.message })}</p>
        <button type="button" className="cal-btn" onClick={reload}>
          {t('portfolio.retry')}
        </button>
      </div>
    );
  }
  const { view } = state;
  if (view.releases.length === 0 && view.trains.length === 0) return <p className="cal-muted">{empty}</p>;
  return (
    <>
      {view.truncated && <p className="cal-muted">{t('portfolio.calendar.truncated', { count: view.projects.length })}</p>}
      {table ? <CalendarTable view={view} open={open} /> : <CalendarTimeline view={view} open={open} {...(onOpenTrain && { onOpenTrain })} />}
      {!table && <CalendarLegend />}
    </>
  );
}
