import { token } from '@atlaskit/tokens';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthRow } from '../../../../src/shared/health';
import { useT } from '../i18n/use-t';

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
  /** The tooltip's value with its unit ("3 days"), in the person's language. */
  unit: (value: number) => string;
  kind: 'bar' | 'line';
  /** Bars: the colour of one value (late red, on time green). */
  colour?: (value: number) => string;
}

function Trend({ id, title, description, rows, value, unit, kind, colour }: TrendProps) {
  const { t, number } = useT();
  const data = rows.map((r) => ({ name: r.name, value: value(r) ?? null }));
  const measured = data.filter((d) => d.value !== null).length;
  const chartProps = { data, title, desc: description, margin: { top: 8, right: 8, bottom: 8, left: 0 } } as const;
  const axes = (
    <>
      <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" tick={AXIS} stroke={GRID} interval="preserveStartEnd" />
      <YAxis tick={AXIS} stroke={GRID} width={36} allowDecimals={false} tickFormatter={(v: number) => number(v)} />
      <Tooltip
        formatter={(v) => [typeof v === 'number' ? unit(v) : String(v), title]}
        contentStyle={{ background: token('elevation.surface.overlay'), border: `1px solid ${token('color.border')}`, color: token('color.text') }}
        labelStyle={{ color: token('color.text') }}
      />
    </>
  );
  return (
    <figure className="health-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {title} <span className="muted">{t('portfolio.health.chart.measured', { measured, total: rows.length })}</span>
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
  const { t } = useT();
  const table = t('portfolio.health.chart.tableHint');
  const inDays = (count: number) => t('portfolio.health.days', { count });
  return (
    <div className="health-charts">
      <Trend
        id="slip"
        title={t('portfolio.health.chart.slip')}
        description={t('portfolio.health.chart.slipDescription', { table })}
        rows={rows}
        value={(r) => r.slipDays}
        unit={inDays}
        kind="bar"
        colour={(v) => (v > 0 ? token('color.chart.danger') : token('color.chart.success'))}
      />
      <Trend id="churn" title={t('portfolio.health.chart.churn')} description={t('portfolio.health.chart.churnDescription', { table })} rows={rows} value={(r) => r.churnPercent} unit={(value) => t('portfolio.health.percent', { value })} kind="bar" />
      <Trend id="lead" title={t('portfolio.health.chart.lead')} description={t('portfolio.health.chart.leadDescription', { table })} rows={rows} value={(r) => days(r.leadTimeMinutes)} unit={inDays} kind="line" />
      <Trend
        id="incidents"
        title={t('portfolio.health.chart.incidents')}
        description={t('portfolio.health.chart.incidentsDescription', { table })}
        rows={rows}
        value={(r) => r.incidents}
        unit={(count) => t('portfolio.health.incidents', { count })}
        kind="bar"
        colour={(v) => (v > 0 ? token('color.chart.warning') : token('color.chart.neutral'))}
      />
    </div>
  );
}
