/**
 * The dashboard's Insights view (issue 16): the period picker, the figures table with
 * each figure's definition on hover and focus, the charts (each with its accessible
 * name and "Show as table"), and the lists that lead to action: drifting away, where
 * the business comes from ("Make Key", "Log a gift") and referrals ("Thanked").
 *
 * The root carries `data-insights` and, once every chart has painted,
 * `data-state="ready"`: the bench measures opening the view up to that moment.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { PERIODS, type InsightsView, type Period } from '../../../lib/domain/insights/view';
import type { MailApp } from '../../../lib/domain/compose-link';
import { downloadText } from '../../../lib/backup/storage';
import { DelayedStatus } from '../Today';
import { Chart, preloadCharts } from './Chart';
import { engagementChart, npsChart, paretoChart, retentionChart, type ChartModel } from './charts';
import { csvFileName, EXPLANATIONS, FIGURES, figureText, insightsCsv, PERIOD_LABELS, type FigureName } from './format';
import { BusinessLists, Drifting, MostOftenLate, Referrals } from './Lists';
import { useInsights, usePeriod } from './use-insights';
import './insights.css';

export function Insights() {
  useEffect(preloadCharts, []);
  const [period, setPeriod] = usePeriod();
  const data = useInsights(period);
  const value = 'value' in data ? data.value : undefined;
  const pickerId = useId();
  // Ready means this very view has painted: a stale "ready" from the previous period or
  // the previous refresh must not let the bench stop its clock early.
  const [paintedView, setPaintedView] = useState<InsightsView | null>(null);
  const current = value !== undefined && value.view.period === period;
  const ready = current && paintedView === value.view;
  return (
    <div className="insights" data-insights="" data-state={ready ? 'ready' : 'loading'}>
      <header className="insights-header">
        <h2 className="visually-hidden">Insights</h2>
        <label htmlFor={pickerId}>Period</label>
        <select id={pickerId} value={period ?? ''} disabled={period === null} onChange={(event) => setPeriod(event.target.value as Period)}>
          {period === null && <option value="">…</option>}
          {PERIODS.map((id) => (
            <option key={id} value={id}>
              {PERIOD_LABELS[id]}
            </option>
          ))}
        </select>
        {value && (
          <button type="button" onClick={() => downloadText(insightsCsv(value.view), csvFileName(Date.now()), 'text/csv')}>
            Download CSV
          </button>
        )}
      </header>
      {(data.status === 'loading' || (value && !current)) && <DelayedStatus>Working out your insights…</DelayedStatus>}
      {data.status === 'error' && (
        <div className="notice error" role="alert">
          <p>Tend could not work out the insights: {data.error}</p>
          <p>Reload this page to try again.</p>
        </div>
      )}
      {value && <InsightsBody key={value.view.period} view={value.view} mail={value.mail} onPainted={setPaintedView} />}
    </div>
  );
}

/** Everything drawn from one view; tells the root (`onPainted`) once all its charts have painted. */
export const InsightsBody = memo(function InsightsBody({ view, mail, onPainted }: { view: InsightsView; mail: MailApp; onPainted: (view: InsightsView) => void }) {
  const charts = useMemo(() => {
    const list: Array<{ id: string; model: ChartModel | null }> = [
      { id: 'retention', model: retentionChart(view) },
      { id: 'nps', model: npsChart(view) },
      { id: 'engagement', model: engagementChart(view) },
      ...view.business.perCurrency.map((group) => ({ id: `pareto-${group.currency}`, model: paretoChart(group) })),
    ];
    return new Map(list.map((entry) => [entry.id, entry.model]));
  }, [view]);
  // Which charts have painted, for the charts of this view. Kept out of React state: a
  // re-render per painted chart would redraw every list of the page for nothing.
  const painted = useRef<{ of: typeof charts; ids: Set<string> }>({ of: charts, ids: new Set() });
  const allPainted = useCallback(() => [...charts].every(([id, model]) => model === null || painted.current.ids.has(id)), [charts]);
  const paint = useCallback(
    (id: string) => {
      if (painted.current.of !== charts) painted.current = { of: charts, ids: new Set() };
      painted.current.ids.add(id);
      if (allPainted()) onPainted(view);
    },
    [charts, allPainted, view, onPainted],
  );
  // A view with no chart to draw is ready as it renders.
  useEffect(() => {
    if ([...charts.values()].every((model) => model === null)) onPainted(view);
  }, [charts, view, onPainted]);
  const chart = (id: string, title: string, missing: string) => {
    const model = charts.get(id);
    return model ? (
      <Chart title={title} legend={model.legend} name={model.name} chart={model.chart} table={model.table} onPainted={() => paint(id)} />
    ) : (
      <div className="insights-chart">
        <h3>{title}</h3>
        <p className="muted">{missing}</p>
      </div>
    );
  };
  return (
    <>
      <section aria-labelledby="insights-figures" className="insights-section">
        <h2 id="insights-figures">Figures: {PERIOD_LABELS[view.period].toLowerCase()}</h2>
        <FiguresTable view={view} />
        <MostOftenLate rows={view.checkIns.mostOftenLate} />
      </section>
      <section aria-labelledby="insights-trends" className="insights-section">
        <h2 id="insights-trends">Over time</h2>
        <div className="chart-grid">
          {chart('retention', 'Retention and churn by quarter', 'Record calls, meetings or projects to see retention by quarter.')}
          {chart('nps', 'Net Promoter Score by quarter', 'Record feedback to see your Net Promoter Score by quarter.')}
          {chart('engagement', 'Contacts per client, by month', 'Log calls and meetings, or let Tend see your emails, to see engagement.')}
        </div>
      </section>
      <Drifting drifting={view.drifting} mail={mail} />
      <section aria-labelledby="insights-business" className="insights-section">
        <h2 id="insights-business" tabIndex={-1}>
          Where the business comes from
        </h2>
        {view.business.perCurrency.length === 0 ? (
          <p className="muted">Add projects with a value to see which clients bring most of your business, directly or by referral.</p>
        ) : (
          <div className="chart-grid">
            {view.business.perCurrency.map((group) => (
              <div key={group.currency}>{chart(`pareto-${group.currency}`, `Value by client, ${group.currency}`, 'No valued projects in this currency.')}</div>
            ))}
          </div>
        )}
        <BusinessLists business={view.business} />
      </section>
      <Referrals referrals={view.referrals} />
    </>
  );
});

function FiguresTable({ view }: { view: InsightsView }) {
  return (
    <table className="figures">
      <caption className="visually-hidden">Figures for the period: {PERIOD_LABELS[view.period]}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {FIGURES.map((name) => (
          <FigureRow key={name} name={name} view={view} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * One figure. Its name is focusable and described by its definition, which shows on
 * hover and on keyboard focus (and goes with Escape). The definition is hidden from
 * the row header's own name, so the header reads exactly the figure's name.
 */
function FigureRow({ name, view }: { name: FigureName; view: InsightsView }) {
  const tipId = useId();
  const [open, setOpen] = useState(false);
  const text = figureText(view, name);
  return (
    <tr>
      <th scope="row" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
        <span
          className="term"
          tabIndex={0}
          aria-describedby={tipId}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
          }}
        >
          {name}
        </span>
        <span id={tipId} role="tooltip" className="tip" aria-hidden="true" hidden={!open}>
          {EXPLANATIONS[name]}
        </span>
      </th>
      <td>
        {text.value === null ? (
          <span className="figure-missing">{text.missing}</span>
        ) : name === 'Average lifetime value' ? (
          <ul className="plain money-lines">
            {text.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <>
            <strong className="figure-value">{text.value}</strong>
            {text.detail && <span className="muted figure-detail">{text.detail}</span>}
            {name === 'Check-ins kept' && text.lines.map((line) => <span key={line} className="figure-detail">{line}</span>)}
            {text.note && <span className="few-note figure-detail">{text.note}</span>}
          </>
        )}
      </td>
    </tr>
  );
}
