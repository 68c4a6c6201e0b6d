/**
 * One chart of the Insights view: a uPlot canvas inside an element with role `img`
 * whose accessible name states the latest figure, and a "Show as table" toggle with
 * the same numbers in a real table. The canvas is invisible to assistive technology
 * by nature; the name and the table are its accessible form.
 *
 * uPlot is loaded on first use (its own chunk), so the other dashboard views do not
 * pay for it. It draws on a canvas with colours read from tend.css's variables, and
 * draws again when the colour scheme or the width changes.
 */
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The colours of tend.css, read when drawing so dark mode follows. */
export interface ChartColors {
  fg: string;
  muted: string;
  line: string;
  accent: string;
  warn: string;
  soft: string;
}

function readColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: read('--fg', '#1f1f1f'),
    muted: read('--muted', '#5f6368'),
    line: read('--line', '#e0e3e7'),
    accent: read('--accent', '#0b57d0'),
    warn: read('--warn', '#b3261e'),
    soft: read('--soft', '#f2f6fc'),
  };
}

/**
 * Whether this page can draw on a canvas. Test DOMs (happy-dom) have no 2D context;
 * there the chart is skipped, and its name and table still show the numbers.
 */
function canDraw(): boolean {
  try {
    return typeof document !== 'undefined' && !!document.createElement('canvas').getContext('2d');
  } catch {
    return false;
  }
}

export interface ChartSpec {
  /** uPlot's options without the size, which follows the page. */
  options: (colors: ChartColors, UPlot: typeof uPlot) => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

export interface TableSpec {
  columns: string[];
  /** The first cell of each row is its header. */
  rows: string[][];
}

/** A key to the chart's marks, drawn beside it (the table says the same in words). */
export interface LegendEntry {
  label: string;
  color: keyof ChartColors;
  dashed?: boolean;
}

interface Props {
  title: string;
  legend: LegendEntry[];
  /** The role=img element's accessible name: what the chart shows and its latest figure. */
  name: string;
  chart: ChartSpec;
  table: TableSpec;
  onPainted: () => void;
  children?: ReactNode;
}

const HEIGHT = 220;

/** uPlot, imported once for every chart of the page (its own chunk, loaded on first use). */
const importUPlot = () => import('uplot');
let uPlotModule: ReturnType<typeof importUPlot> | null = null;
const loadUPlot = () => (uPlotModule ??= importUPlot());

/** Starts loading uPlot while the background computes the view, so drawing need not wait for it. */
export function preloadCharts(): void {
  void loadUPlot().catch(() => {
    // Loading again when a chart needs it says what went wrong then.
    uPlotModule = null;
  });
}

export function Chart({ title, legend, name, chart, table, onPainted, children }: Props) {
  const id = useId();
  const [tableShown, setTableShown] = useState(false);
  const holder = useRef<HTMLDivElement>(null);
  const painted = useRef(onPainted);
  painted.current = onPainted;

  // A layout effect: the chart is built before the browser paints the page, not a frame
  // after it (no empty box flashes, and the view is ready one frame sooner).
  useLayoutEffect(() => {
    const element = holder.current;
    if (!element) return;
    if (!canDraw()) {
      painted.current();
      return;
    }
    let plot: uPlot | null = null;
    let stopped = false;
    const widthOf = () => Math.max(240, Math.floor(element.clientWidth || 600));
    const draw = async () => {
      // Read before waiting: every chart's effect reads in the same layout, before any
      // of them adds a canvas (a read after one would force the page's layout again).
      const width = widthOf();
      const colors = readColors(element);
      const { default: UPlot } = await loadUPlot();
      if (stopped) return;
      plot?.destroy();
      const options = chart.options(colors, UPlot);
      let first = true;
      plot = new UPlot(
        {
          ...options,
          width,
          height: HEIGHT,
          hooks: {
            ...options.hooks,
            draw: [
              ...(options.hooks?.draw ?? []),
              () => {
                if (!first) return;
                first = false;
                painted.current();
              },
            ],
          },
        },
        chart.data,
        element,
      );
    };
    void draw();
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const redraw = () => void draw();
    scheme?.addEventListener?.('change', redraw);
    let lastWidth = element.clientWidth;
    const resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (!plot || element.clientWidth === lastWidth) return;
            lastWidth = element.clientWidth;
            plot.setSize({ width: widthOf(), height: HEIGHT });
          });
    resize?.observe(element);
    return () => {
      stopped = true;
      scheme?.removeEventListener?.('change', redraw);
      resize?.disconnect();
      plot?.destroy();
    };
  }, [chart]);

  return (
    <figure className="insights-chart">
      <figcaption>
        <h3>{title}</h3>
        <button type="button" className="link" aria-expanded={tableShown} aria-controls={`${id}-table`} onClick={() => setTableShown((shown) => !shown)}>
          Show as table
        </button>
      </figcaption>
      <div className="chart-canvas" role="img" aria-label={name} ref={holder} />
      <ul className="chart-legend" aria-hidden="true">
        {legend.map((entry) => (
          <li key={entry.label}>
            <span className={`swatch swatch-${entry.color}${entry.dashed ? ' dashed' : ''}`} />
            {entry.label}
          </li>
        ))}
      </ul>
      {children}
      <div id={`${id}-table`} hidden={!tableShown}>
        {tableShown && <DataTable title={title} table={table} />}
      </div>
    </figure>
  );
}

export function DataTable({ title, table }: { title: string; table: TableSpec }) {
  return (
    <div className="table-scroll">
      <table className="insights-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([head, ...cells], index) => (
            <tr key={index}>
              <th scope="row">{head}</th>
              {cells.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
