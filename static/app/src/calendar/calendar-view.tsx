import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { barLabel, shiftMonth, shortDay } from '../../../../src/domain/calendar';
import type { CalendarBar, CalendarRelease, CalendarTrain, CalendarView, CalendarWindow, CalendarZoom } from '../../../../src/shared/calendar';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { RouterLink } from '../components/router-link';
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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;

/** "November 2026" or "October to December 2026": what the window shows, in words. */
export function periodLabel(window: Pick<CalendarWindow, 'zoom' | 'month' | 'from' | 'to'>): string {
  if (window.zoom === 'month') return monthName(window.month);
  const [from, to] = [window.from.slice(0, 7), window.to.slice(0, 7)];
  return from.slice(0, 4) === to.slice(0, 4) ? `${MONTHS[Number(from.slice(5, 7)) - 1]} to ${monthName(to)}` : `${monthName(from)} to ${monthName(to)}`;
}

/**
 * Zoom (month / quarter), Previous / This month / Next, and the timeline or table switch. Plain
 * buttons with visible labels that are their accessible names; the pressed zoom says so.
 */
export function CalendarNav({ window, table, onChange }: { window?: CalendarWindow; table: boolean; onChange: (next: { zoom?: CalendarZoom; month?: string | undefined; table?: boolean }) => void }) {
  const step = window?.zoom === 'month' ? 1 : 3;
  return (
    <div className="cal-nav" role="group" aria-label="Calendar period">
      {(['month', 'quarter'] as const).map((z) => (
        <button key={z} type="button" className="cal-btn" aria-pressed={window?.zoom === z} onClick={() => onChange({ zoom: z })}>
          {z === 'month' ? 'Month' : 'Quarter'}
        </button>
      ))}
      <button type="button" className="cal-btn" disabled={!window} onClick={() => window && onChange({ month: shiftMonth(window.month, -step) })}>
        Previous
      </button>
      <button type="button" className="cal-btn" onClick={() => onChange({ month: undefined })}>
        Today
      </button>
      <button type="button" className="cal-btn" disabled={!window} onClick={() => window && onChange({ month: shiftMonth(window.month, step) })}>
        Next
      </button>
      <span className="cal-period" aria-live="polite">
        {window ? periodLabel(window) : ''}
      </span>
      <button type="button" className="cal-btn" aria-pressed={table} onClick={() => onChange({ table: !table })}>
        Show as table
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
function ticks(window: CalendarWindow): Array<{ day: string; label: string }> {
  const out: Array<{ day: string; label: string }> = [];
  for (let d = dayNumber(window.from); d <= dayNumber(window.to); d++) {
    const date = new Date(d * DAY_MS);
    const iso = date.toISOString().slice(0, 10);
    if (window.zoom === 'quarter' ? date.getUTCDate() === 1 : date.getUTCDay() === 1) {
      out.push({ day: iso, label: window.zoom === 'quarter' ? MONTHS[date.getUTCMonth()]!.slice(0, 3) : shortDay(iso) });
    }
  }
  return out;
}

function Bar({ release, bar, window, open, year }: { release: CalendarRelease; bar: CalendarBar; window: CalendarWindow; open: OpenRelease; year: string }) {
  const p = place(window, bar.start, bar.end);
  const label = barLabel(release.name, bar, year);
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
  const marks = [
    release.freezeDate && { kind: 'freeze', day: release.freezeDate, what: release.freezeSource === 'planned' ? 'Planned freeze' : 'Scope froze' },
    release.releaseDate && { kind: 'release', day: release.releaseDate, what: 'Release date' },
    release.announcementDate && { kind: 'announce', day: release.announcementDate, what: 'Announcement' },
  ].filter((m): m is { kind: string; day: string; what: string } => Boolean(m));
  return (
    <>
      {marks.map((m) => {
        const x = at(window, m.day);
        return x === undefined ? null : <span key={m.kind} className={`cal-marker ${m.kind}`} style={{ left: `${x}%` }} title={`${m.what}: ${m.day}`} aria-hidden="true" />;
      })}
    </>
  );
}

function dateFacts(release: CalendarRelease, year: string): string {
  return [
    release.freezeDate && `${release.freezeSource === 'planned' ? 'freeze planned' : 'froze'} ${shortDay(release.freezeDate, year)}`,
    release.releaseDate && `${release.released ? 'released' : 'release'} ${shortDay(release.releaseDate, year)}`,
    release.announcementDate && `announcement ${shortDay(release.announcementDate, year)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function TrainBar({ train, window, onOpenTrain, year }: { train: CalendarTrain; window: CalendarWindow; onOpenTrain?: (id: string) => void; year: string }) {
  const p = place(window, train.start, train.end);
  const members = train.members.map((m) => m.name).join(', ');
  const label = `Release train ${train.name}: ${shortDay(train.start, year)} to ${shortDay(train.end, year)}, members ${members}`;
  const style = { left: `${p.left}%`, width: `${p.width}%` };
  return onOpenTrain ? (
    <button type="button" className="cal-train" style={style} title={label} aria-label={label} onClick={() => onOpenTrain(train.id)}>
      {`Train ${train.name}`}
    </button>
  ) : (
    <span className="cal-train" style={style} title={label} aria-label={label} role="img" tabIndex={0}>
      {`Train ${train.name}`}
    </span>
  );
}

/**
 * The timeline: a row per release (label, phase bars, freeze / release / announcement markers),
 * a row per release train, month or week columns and the today line. Every bar is a focusable
 * button or link named "PAY 2.2: Build & test, 12 Nov to 3 Dec".
 */
export function CalendarTimeline({ view, open, onOpenTrain }: { view: CalendarView; open: OpenRelease; onOpenTrain?: (id: string) => void }) {
  const { window } = view;
  const year = view.today.slice(0, 4);
  const todayAt = at(window, view.today);
  const columns = ticks(window);
  return (
    <div className="cal-grid" role="region" aria-label={`Release calendar, ${periodLabel(window)}`}>
      <div className="cal-row cal-head" aria-hidden="true">
        <div className="cal-label">Release</div>
        <div className="cal-track">
          {columns.map((t) => (
            <span key={t.day} className="cal-tick" style={{ left: `${place(window, t.day, t.day).left}%` }}>
              {t.label}
            </span>
          ))}
          {todayAt !== undefined && (
            <div className="cal-today" style={{ left: `${todayAt}%` }}>
              <span>Today</span>
            </div>
          )}
        </div>
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Releases and trains">
        {view.trains.map((train) => (
          <li key={`train-${train.id}`} className="cal-row">
            <div className="cal-label">
              <span className="cal-key">Train</span>
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
              <span className="cal-sr">{`, ${release.phase.name}${dateFacts(release, year) ? `, ${dateFacts(release, year)}` : ''}`}</span>
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
  return (
    <div className="cal-legend" aria-hidden="true">
      <span>
        <span className="cal-swatch cal-phase-planning" />
        Actual or Jira dates
      </span>
      <span>
        <span className="cal-swatch dashed" />
        Planned
      </span>
      <span>◆ Freeze</span>
      <span>▶ Release date</span>
      <span>● Announcement</span>
      <span style={{ color: 'var(--ds-text-danger, #ae2e24)' }}>| Today</span>
    </div>
  );
}

/** The same releases as a table: what a screen reader or an export reads best. */
export function CalendarTable({ view, open }: { view: CalendarView; open: OpenRelease }) {
  const year = view.today.slice(0, 4);
  const names = new Map(view.projects.map((p) => [p.key, p.name]));
  return (
    <table className="cal-table">
      <caption className="cal-sr">{`Releases, ${periodLabel(view.window)}`}</caption>
      <thead>
        <tr>
          {['Project', 'Version', 'Phase', 'Phases', 'Freeze', 'Release date', 'Announcement'].map((h) => (
            <th key={h} scope="col">
              {h}
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
            <td>{`${r.phase.name}${r.released ? ' (released)' : ''}`}</td>
            <td>{r.bars.map((b) => `${b.phaseName}: ${shortDay(b.start, year)} to ${shortDay(b.end, year)}${b.source === 'planned' ? ' (planned)' : ''}`).join('; ') || '—'}</td>
            <td>{r.freezeDate ? `${r.freezeDate}${r.freezeSource === 'planned' ? ' (planned)' : ''}` : '—'}</td>
            <td>{r.releaseDate ?? '—'}</td>
            <td>{r.announcementDate ?? '—'}</td>
          </tr>
        ))}
        {view.trains.map((t) => (
          <tr key={`train-${t.id}`}>
            <td>Release train</td>
            <td>{t.name}</td>
            <td>{t.members.map((m) => m.name).join(', ')}</td>
            <td>{`${shortDay(t.start, year)} to ${shortDay(t.end, year)}`}</td>
            <td>{t.freezeDate ?? '—'}</td>
            <td>{t.releaseDate ?? '—'}</td>
            <td>—</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Loading, error (with Try again), empty, or the timeline / table with its legend. */
export function CalendarContent({ state, reload, table, open, onOpenTrain, empty }: { state: CalendarState; reload: () => void; table: boolean; open: OpenRelease; onOpenTrain?: (id: string) => void; empty: string }) {
  if (state.kind === 'loading') {
    return (
      <p className="cal-muted" role="status">
        Loading the calendar…
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div role="alert">
        <p className="cal-error">{`The calendar could not be loaded: ${state.message}`}</p>
        <button type="button" className="cal-btn" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }
  const { view } = state;
  if (view.releases.length === 0 && view.trains.length === 0) return <p className="cal-muted">{empty}</p>;
  return (
    <>
      {view.truncated && <p className="cal-muted">{`Showing the first ${view.projects.length} projects you can see: choose projects to see others.`}</p>}
      {table ? <CalendarTable view={view} open={open} /> : <CalendarTimeline view={view} open={open} {...(onOpenTrain && { onOpenTrain })} />}
      {!table && <CalendarLegend />}
    </>
  );
}
