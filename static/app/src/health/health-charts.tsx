import { token } from '@atlaskit/tokens';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthRow } from '../../../../src/shared/health';

/**
 * The Release health trends (recharts, SVG): loaded only by the health chunk, so the releases list
 * and the other macros never download the library. Colours are design tokens (CSS variables), so
 * light and dark mode follow the host's theme without a re-render. The figures are also in the
 * table below the charts, which is what screen readers are pointed to.
 */

const AXIS = { fill: token('color.text.subtle'), fontSize: 11 };
const GRID = token('color.border');

interface TrendProps {
  id: string;
  title: string;
  /** One sentence for the chart's description (screen readers); names the table holding the numbers. */
  description: string;
  rows: HealthRow[];
  value: (row: HealthRow) => number | undefined;
  unit: string;
  kind: 'bar' | 'line';
  /** Bars: the colour of one value (late red, on time green). */
  colour?: (value: number) => string;
}

function Trend({ id, title, description, rows, value, unit, kind, colour }: TrendProps) {
  const data = rows.map((r) => ({ name: r.name, value: value(r) ?? null }));
  const measured = data.filter((d) => d.value !== null).length;
  const chartProps = { data, title, desc: description, margin: { top: 8, right: 8, bottom: 8, left: 0 } } as const;
  const axes = (
    <>
      <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" tick={AXIS} stroke={GRID} interval="preserveStartEnd" />
      <YAxis tick={AXIS} stroke={GRID} width={36} allowDecimals={false} />
      <Tooltip
        formatter={(v) => [`${String(v)} ${unit}`, title]}
        contentStyle={{ background: token('elevation.surface.overlay'), border: `1px solid ${token('color.border')}`, color: token('color.text') }}
        labelStyle={{ color: token('color.text') }}
      />
    </>
  );
  return (
    <figure className="health-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {title} <span className="muted">({measured} of {rows.length} releases measured)</span>
      </figcaption>
      <div className="health-chart-plot" data-testid={`health-chart-${id}`}>
        <ResponsiveContainer width="100%" height={180}>
          {kind === 'bar' ? (
            <BarChart {...chartProps}>
              {axes}
              <ReferenceLine y={0} stroke={token('color.border.bold')} />
              <Bar dataKey="value" name={title} isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.name} fill={colour && d.value !== null ? colour(d.value) : token('color.chart.brand')} />
                ))}
              </Bar>
            </BarChart>
          ) : (
            <LineChart {...chartProps}>
              {axes}
              <Line dataKey="value" name={title} type="linear" stroke={token('color.chart.brand')} strokeWidth={2} dot={{ r: 3, fill: token('color.chart.brand') }} connectNulls isAnimationActive={false} />
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const days = (minutes: number | undefined) => (minutes === undefined ? undefined : Math.round((minutes / 1440) * 10) / 10);

export default function HealthCharts({ rows }: { rows: HealthRow[] }) {
  const table = 'The numbers are in the table "Per release" below.';
  return (
    <div className="health-charts">
      <Trend
        id="slip"
        title="Slip in days"
        description={`Days each release shipped after its planned date, oldest first; below zero is early. ${table}`}
        rows={rows}
        value={(r) => r.slipDays}
        unit="days"
        kind="bar"
        colour={(v) => (v > 0 ? token('color.chart.danger') : token('color.chart.success'))}
      />
      <Trend id="churn" title="Scope churn after freeze (%)" description={`Issues added after the freeze as a share of the frozen scope, per release. ${table}`} rows={rows} value={(r) => r.churnPercent} unit="%" kind="bar" />
      <Trend id="lead" title="Lead time, freeze to production (days)" description={`Days from the scope freeze to the production deployment, per release. ${table}`} rows={rows} value={(r) => days(r.leadTimeMinutes)} unit="days" kind="line" />
      <Trend
        id="incidents"
        title="Incidents per release"
        description={`Incidents in each release's bedding-in. ${table}`}
        rows={rows}
        value={(r) => r.incidents}
        unit="incidents"
        kind="bar"
        colour={(v) => (v > 0 ? token('color.chart.warning') : token('color.chart.neutral'))}
      />
    </div>
  );
}
