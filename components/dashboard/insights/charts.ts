/**
 * The Insights charts as uPlot options and data, and the same numbers as tables:
 * both are made here from one InsightsView, so the canvas, its "Show as table" and
 * its accessible name cannot disagree. A chart with nothing to draw is null (the page
 * then says what to record instead of drawing an empty chart).
 */
import type uPlot from 'uplot';
import type { InsightsView } from '../../../lib/domain/insights/view';
import type { ChartColors, ChartSpec, LegendEntry, TableSpec } from './Chart';
import { decimal, engagementName, money, monthLabel, npsName, npsText, paretoName, percent, retentionName } from './format';

export interface ChartModel {
  name: string;
  legend: LegendEntry[];
  chart: ChartSpec;
  table: TableSpec;
}

/** x is the index of a category (a quarter, a month, a client); its axis shows their labels. */
function categoryAxis(labels: readonly string[], colors: ChartColors, every = 1): uPlot.Axis {
  return {
    stroke: colors.muted,
    grid: { show: false },
    ticks: { stroke: colors.line },
    splits: () => labels.map((_, index) => index).filter((index) => index % every === 0),
    values: (_self, splits) => splits.map((index) => labels[index] ?? ''),
  };
}

function valueAxis(colors: ChartColors, format: (value: number) => string, scale = 'y', side: 0 | 1 | 2 | 3 = 3): uPlot.Axis {
  return {
    scale,
    side,
    stroke: colors.muted,
    grid: { show: side === 3, stroke: colors.line, width: 1 },
    ticks: { show: false },
    values: (_self, splits) => splits.map(format),
    size: 56,
  };
}

const base = (count: number): Pick<uPlot.Options, 'legend' | 'cursor' | 'scales'> => ({
  legend: { show: false },
  cursor: { show: false },
  scales: { x: { time: false, range: [-0.5, Math.max(0, count - 0.5)] } },
});

const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const percentTick = (value: number) => `${value} %`;

export function retentionChart(view: InsightsView): ChartModel | null {
  const points = view.retention.byQuarter;
  const name = retentionName(view);
  if (!name) return null;
  const labels = points.map((point) => point.label);
  return {
    name,
    legend: [
      { label: 'Retention', color: 'accent' },
      { label: 'Churn', color: 'warn', dashed: true },
    ],
    chart: {
      data: [points.map((_, index) => index), points.map((point) => pct(point.rate.value)), points.map((point) => (point.rate.value === null ? null : pct(point.churn)))],
      options: (colors) => ({
        ...base(points.length),
        scales: { ...base(points.length).scales, y: { range: [0, 100] } },
        axes: [categoryAxis(labels, colors), valueAxis(colors, percentTick)],
        series: [
          {},
          { label: 'Retention', stroke: colors.accent, width: 2, points: { show: true, size: 6, fill: colors.accent } },
          { label: 'Churn', stroke: colors.warn, width: 2, dash: [6, 4], points: { show: true, size: 6, fill: colors.warn } },
        ],
      }),
    },
    table: {
      columns: ['Quarter', 'Retention', 'Churn', 'Active before'],
      rows: points.map((point) => [
        point.label,
        percent(point.rate.value) ?? 'None active before',
        point.rate.value === null ? '—' : (percent(point.churn) ?? '—'),
        point.rate.of.toLocaleString(),
      ]),
    },
  };
}

export function npsChart(view: InsightsView): ChartModel | null {
  const points = view.nps.byQuarter;
  const name = npsName(view);
  if (!name) return null;
  const labels = points.map((point) => point.label);
  return {
    name,
    legend: [{ label: 'Net Promoter Score (−100 to +100)', color: 'accent' }],
    chart: {
      data: [points.map((_, index) => index), points.map((point) => point.score)],
      options: (colors) => ({
        ...base(points.length),
        scales: { ...base(points.length).scales, y: { range: [-100, 100] } },
        axes: [categoryAxis(labels, colors), valueAxis(colors, (value) => npsText(value))],
        series: [{}, { label: 'Net Promoter Score', stroke: colors.accent, width: 2, points: { show: true, size: 6 }, spanGaps: false }],
      }),
    },
    table: {
      columns: ['Quarter', 'Net Promoter Score', 'Responses'],
      rows: points.map((point) => [point.label, point.score === null ? 'No responses' : npsText(point.score), point.responses.toLocaleString()]),
    },
  };
}

export function engagementChart(view: InsightsView): ChartModel | null {
  const points = view.engagement;
  const name = engagementName(view);
  if (!name) return null;
  const labels = points.map((point) => monthLabel(point.month));
  return {
    name,
    legend: [{ label: 'Real contacts per client', color: 'accent' }],
    chart: {
      data: [points.map((_, index) => index), points.map((point) => point.perClient)],
      options: (colors, UPlot) => ({
        ...base(points.length),
        scales: { ...base(points.length).scales, y: { range: (_self, _min, max) => [0, Math.max(1, Math.ceil(max ?? 1))] } },
        axes: [categoryAxis(labels, colors, points.length > 6 ? 2 : 1), valueAxis(colors, (value) => decimal(value))],
        series: [{}, { label: 'Contacts per client', stroke: colors.accent, fill: colors.accent, width: 1, paths: bars(UPlot), points: { show: false } }],
      }),
    },
    table: {
      columns: ['Month', 'Contacts per client', 'Contacts', 'Clients'],
      rows: points.map((point) => [monthLabel(point.month), point.perClient === null ? '—' : decimal(point.perClient), point.contacts.toLocaleString(), point.clients.toLocaleString()]),
    },
  };
}

type CurrencyGroup = InsightsView['business']['perCurrency'][number];

/**
 * The Pareto chart: each client's value as a bar, most first, the ones in the set
 * bringing 80 % in the accent colour, and the cumulative share as a line on its own
 * 0–100 % scale with the 80 % line drawn across.
 */
export function paretoChart(group: CurrencyGroup): ChartModel | null {
  if (!group.rows.length) return null;
  const rows = group.rows;
  const labels = rows.map((_, index) => String(index + 1));
  return {
    name: paretoName(group),
    legend: [
      { label: 'Clients bringing 80 %', color: 'accent' },
      { label: 'Others', color: 'line' },
      { label: 'Cumulative share', color: 'fg' },
      { label: '80 % line', color: 'warn', dashed: true },
    ],
    chart: {
      data: [
        rows.map((_, index) => index),
        rows.map((row) => (row.vital ? row.value : null)),
        rows.map((row) => (row.vital ? null : row.value)),
        rows.map((row) => pct(row.cumulative)),
      ],
      options: (colors, UPlot) => ({
        ...base(rows.length),
        scales: { ...base(rows.length).scales, y: { range: (_self, _min, max) => [0, max ?? 1] }, share: { range: [0, 100] } },
        axes: [
          categoryAxis(labels, colors, Math.max(1, Math.ceil(rows.length / 12))),
          valueAxis(colors, (value) => money(value, group.currency)),
          valueAxis(colors, percentTick, 'share', 1),
        ],
        series: [
          {},
          { label: 'In the 80 % set', stroke: colors.accent, fill: colors.accent, paths: bars(UPlot), points: { show: false } },
          { label: 'Others', stroke: colors.muted, fill: colors.line, paths: bars(UPlot), points: { show: false } },
          { label: 'Cumulative share', scale: 'share', stroke: colors.fg, width: 2, points: { show: rows.length <= 30, size: 5 } },
        ],
        hooks: { draw: [(self: uPlot) => drawEightyLine(self, colors)] },
      }),
    },
    table: {
      columns: ['Rank', 'Client', 'Own projects', 'Clients they referred', 'Value', 'Cumulative share', 'In the 80 % set'],
      rows: rows.map((row, index) => [
        String(index + 1),
        row.company ? `${row.name} (${row.company})` : row.name,
        money(row.own, group.currency),
        money(row.referred, group.currency),
        money(row.value, group.currency),
        percent(row.cumulative) ?? '—',
        row.vital ? 'Yes' : 'No',
      ]),
    },
  };
}

/** Bars from uPlot's own path builder (uPlot is handed in: it is loaded on first use). */
function bars(UPlot: typeof uPlot): uPlot.Series.PathBuilder | undefined {
  return UPlot.paths.bars?.({ size: [0.7, 48] });
}

function drawEightyLine(self: uPlot, colors: ChartColors): void {
  const y = self.valToPos(80, 'share', true);
  const { ctx } = self;
  const { left, width } = self.bbox;
  ctx.save();
  ctx.strokeStyle = colors.warn;
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = Math.max(1, devicePixelRatio || 1);
  ctx.beginPath();
  ctx.moveTo(left, y);
  ctx.lineTo(left + width, y);
  ctx.stroke();
  ctx.restore();
}
