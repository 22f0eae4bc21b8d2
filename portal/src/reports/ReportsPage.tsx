// The city's KPI report (GET /kpis/report) for auditors and admins, and for a procuring entity
// over its own subtree: for the whole city or one organisation (rolled up through its hierarchy),
// a category, a method and a range of Vietnam months, the share of the target's packages selected
// online against the target (met or not, the API's marking, said in words), the online shares of
// every plan package, savings, average bids, single-bid and petition shares and the median days
// from deadline to award; the API's rows as a table, two charts by month (ECharts, loaded after
// the table), the breakdown by child organisation as a table, and the CSV/XLSX exports.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, type MouseEvent, type ReactNode, Suspense, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { categories, methods } from '../pages/filters';
import { downloadKpis, type ExportFormat, exportHref, fetchKpis, type KpiQuery, type KpiReport } from './api';
import { kpiQueryOf, type ReportFilters, reportFiltersFrom } from './filters';
import { Decimal, Month, monthLabel, percentOf, Share } from './format';
import { BreakdownTable, KpiTable, TargetMark } from './KpiTable';
import { OversightOnly } from './OversightOnly';
import { type OrganisationNode, useOrganisationTree } from './organisations';
import { byMonth } from './rollup';
import './reports.css';

const KpiChart = lazy(() => import('./KpiChart'));

/** A procuring entity's own organisation and those under it (the tree is depth first). */
function subtreeOf(tree: readonly OrganisationNode[], own: string): OrganisationNode[] {
  const at = tree.findIndex((o) => o.organisationId === own);
  if (at < 0) return [];
  const root = tree[at] as OrganisationNode;
  const end = tree.findIndex((o, i) => i > at && o.depth <= root.depth);
  return tree.slice(at, end < 0 ? undefined : end);
}

function Filters({ filters, own }: { filters: ReportFilters; own: string | undefined }) {
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const tree = useOrganisationTree();
  const choices = tree.data && own ? subtreeOf(tree.data, own) : tree.data;
  const organisations = { data: choices };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      // "none" is the API's default: left out, so the link stays short.
      if (typeof value === 'string' && value && !(key === 'breakdown' && value === 'none'))
        next.set(key, value);
    }
    setSearch(next);
  };
  const any = intl.formatMessage({ id: 'filter.any' });
  return (
    <form
      className="filters"
      onSubmit={submit}
      // Re-mounted when the URL changes or the organisations arrive (a select takes its default
      // only when its option is there).
      key={`${search.toString()}|${organisations.data?.length ?? 0}`}
      aria-labelledby="report-filters-heading"
    >
      <h2 id="report-filters-heading">
        <FormattedMessage id="reports.filters" />
      </h2>
      <div className="field">
        <label htmlFor="report-organisation">
          <FormattedMessage id="reports.filter.organisation" />
        </label>
        <select id="report-organisation" name="organisationId" defaultValue={filters.organisationId ?? ''}>
          {own ? null : <option value="">{intl.formatMessage({ id: 'reports.wholeCity' })}</option>}
          {organisations.data?.map((o) => (
            <option key={o.organisationId} value={o.organisationId}>
              {/* The hierarchy as indentation: a select's options cannot nest deeper than one group. */}
              {`${'\u00a0\u00a0'.repeat(o.depth)}${o.depth > 0 ? '└\u00a0' : ''}${o.name}`}
            </option>
          ))}
          {/* A chosen organisation not (yet) in the list stays chosen. */}
          {filters.organisationId &&
          organisations.data &&
          !organisations.data.some((o) => o.organisationId === filters.organisationId) ? (
            <option value={filters.organisationId}>{filters.organisationId}</option>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-category">
          <FormattedMessage id="reports.filter.category" />
        </label>
        <select id="report-category" name="category" defaultValue={filters.category ?? ''}>
          <option value="">{any}</option>
          {categories.map((category) => (
            <option key={category} value={category}>
              {intl.formatMessage({ id: `category.${category}` })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-method">
          <FormattedMessage id="reports.filter.method" />
        </label>
        <select id="report-method" name="method" defaultValue={filters.method ?? ''}>
          <option value="">{any}</option>
          {methods.map((method) => (
            <option key={method} value={method}>
              {intl.formatMessage({ id: `method.${method}` })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-from">
          <FormattedMessage id="reports.filter.from" />
        </label>
        <input
          id="report-from"
          name="from"
          type="month"
          defaultValue={filters.from}
          {...(filters.rangeInvalid
            ? { 'aria-invalid': true, 'aria-describedby': 'report-range-error' }
            : {})}
        />
        {filters.rangeInvalid ? (
          <p className="field-error" id="report-range-error">
            <FormattedMessage id="reports.filter.rangeInvalid" />
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="report-to">
          <FormattedMessage id="reports.filter.to" />
        </label>
        <input id="report-to" name="to" type="month" defaultValue={filters.to} />
      </div>
      <div className="field">
        <label htmlFor="report-breakdown">
          <FormattedMessage id="reports.filter.breakdown" />
        </label>
        <select id="report-breakdown" name="breakdown" defaultValue={filters.breakdown ?? 'none'}>
          <option value="none">{intl.formatMessage({ id: 'reports.breakdown.none' })}</option>
          <option value="children">{intl.formatMessage({ id: 'reports.breakdown.children' })}</option>
        </select>
      </div>
      <div className="field">
        <button type="submit">
          <FormattedMessage id="reports.filter.apply" />
        </button>
      </div>
    </form>
  );
}

function Scope({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const any = intl.formatMessage({ id: 'reports.scope.any' });
  return (
    <ul className="target-scope">
      {report.target.scope.map((rule) => (
        <li key={`${rule.category}/${rule.method}/${rule.size}`}>
          <FormattedMessage
            id={rule.size === 'small' ? 'reports.scope.rule.small' : 'reports.scope.rule.any'}
            values={{
              category: rule.category === '*' ? any : intl.formatMessage({ id: `category.${rule.category}` }),
              method: rule.method === '*' ? any : intl.formatMessage({ id: `method.${rule.method}` }),
            }}
          />
        </li>
      ))}
    </ul>
  );
}

function Summary({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const t = report.total;
  const target = percentOf(intl, report.target.percent);
  const targetCard = (key: 'targetShareByCount' | 'targetShareByValue', met: boolean | null) => (
    <div className="kpi-card target-card" data-kpi={key}>
      <dt>
        <FormattedMessage id={`reports.col.${key}`} />
      </dt>
      <dd>
        <span className="kpi-value">
          <Share value={t[key]} />
        </span>{' '}
        <TargetMark met={met} />
        <span className="kpi-target">
          <FormattedMessage id="reports.target.is" values={{ target }} />
        </span>
      </dd>
    </div>
  );
  const card = (key: string, value: ReactNode) => (
    <div className="kpi-card" data-kpi={key}>
      <dt>
        <FormattedMessage id={`reports.col.${key}`} />
      </dt>
      <dd className="kpi-value">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="summary-heading" className="kpi-summary-section">
      <h2 id="summary-heading">
        <FormattedMessage id="reports.summary" />
      </h2>
      <div className="kpi-target-rule">
        <p>
          <FormattedMessage id="reports.target.rule" values={{ target }} />
        </p>
        <Scope report={report} />
      </div>
      <dl className="kpi-summary">
        {targetCard('targetShareByCount', t.targetMet)}
        {targetCard('targetShareByValue', t.targetMetByValue)}
        {card('onlineShareByCount', <Share value={t.onlineShareByCount} />)}
        {card('onlineShareByValue', <Share value={t.onlineShareByValue} />)}
        <div className="kpi-card" data-kpi="savingsVnd">
          <dt>
            <FormattedMessage id="reports.col.savingsVnd" />
          </dt>
          <dd>
            <span className="kpi-value">
              <Money amount={t.savingsVnd} />
            </span>{' '}
            (<Share value={t.savingsPercent} />)
          </dd>
        </div>
        {card('averageBids', <Decimal value={t.averageBids} />)}
        {card('singleBidShare', <Share value={t.singleBidShare} />)}
        {card('petitionShare', <Share value={t.petitionShare} />)}
        {card('medianDaysToAward', <Decimal value={t.medianDaysToAward} digits={0} />)}
      </dl>
    </section>
  );
}

function Charts({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const charts = useMemo(() => {
    // The rows summed per month (across categories, methods and organisations), shares recomputed.
    const months = byMonth(report.rows, report.target.percent);
    const labels = months.map((m) => monthLabel(intl, m.month));
    const first = months[0]?.month ?? '';
    const last = months.at(-1)?.month ?? '';
    const range = { from: monthLabel(intl, first), to: monthLabel(intl, last) };
    const target = percentOf(intl, report.target.percent);
    const name = (id: string) => intl.formatMessage({ id });
    return {
      format: (value: number) => percentOf(intl, value),
      online: {
        labels,
        series: [
          {
            name: name('reports.col.targetShareByCount'),
            kind: 'bar' as const,
            values: months.map((m) => m.targetShareByCount),
          },
          {
            name: name('reports.col.targetShareByValue'),
            kind: 'bar' as const,
            values: months.map((m) => m.targetShareByValue),
          },
        ],
        target: {
          value: report.target.percent,
          label: intl.formatMessage({ id: 'reports.target.is' }, { target }),
        },
        description: intl.formatMessage({ id: 'reports.chart.online.description' }, { ...range, target }),
      },
      competition: {
        labels,
        series: [
          {
            name: name('reports.col.singleBidShare'),
            kind: 'line' as const,
            values: months.map((m) => m.singleBidShare),
          },
          {
            name: name('reports.col.petitionShare'),
            kind: 'line' as const,
            values: months.map((m) => m.petitionShare),
          },
        ],
        description: intl.formatMessage({ id: 'reports.chart.competition.description' }, range),
      },
    };
  }, [report, intl]);
  const loading = (
    <p role="status">
      <FormattedMessage id="reports.chart.loading" />
    </p>
  );
  return (
    <section aria-labelledby="charts-heading" className="kpi-charts">
      <h2 id="charts-heading">
        <FormattedMessage id="reports.charts" />
      </h2>
      <figure aria-labelledby="chart-online-caption">
        <figcaption id="chart-online-caption">
          <FormattedMessage id="reports.chart.online" />
        </figcaption>
        <Suspense fallback={loading}>
          <KpiChart id="online" format={charts.format} {...charts.online} />
        </Suspense>
      </figure>
      <figure aria-labelledby="chart-competition-caption">
        <figcaption id="chart-competition-caption">
          <FormattedMessage id="reports.chart.competition" />
        </figcaption>
        <Suspense fallback={loading}>
          <KpiChart id="competition" format={charts.format} {...charts.competition} />
        </Suspense>
      </figure>
    </section>
  );
}

function Exports({ query }: { query: KpiQuery }) {
  const [error, setError] = useState<unknown>();
  const download = (format: ExportFormat) => (event: MouseEvent<HTMLAnchorElement>) => {
    // The API wants the bearer token, which a plain link cannot send: fetch, then save the file.
    event.preventDefault();
    setError(undefined);
    downloadKpis(query, format).catch(setError);
  };
  return (
    <section aria-labelledby="exports-heading">
      <h2 id="exports-heading">
        <FormattedMessage id="reports.exports" />
      </h2>
      <ul className="exports">
        {(['csv', 'xlsx'] as const).map((format) => (
          <li key={format}>
            <a href={exportHref(query, format)} data-format={format} onClick={download(format)}>
              <FormattedMessage id={`reports.export.${format}`} />
            </a>
          </li>
        ))}
      </ul>
      <ProblemAlert error={error} />
    </section>
  );
}

function Report() {
  const [search] = useSearchParams();
  const session = useSession();
  // A procuring entity (not also an auditor or admin) reads its own organisation's subtree.
  const own = session?.roles.some((r) => r === 'auditor' || r === 'admin')
    ? undefined
    : session?.organisationId;
  const filters = reportFiltersFrom(search, Date.now(), own);
  const query = kpiQueryOf(filters);
  const organisations = useOrganisationTree();
  const report = useQuery({
    queryKey: ['reports', 'kpis', query],
    queryFn: () => fetchKpis(query),
    enabled: !filters.rangeInvalid,
    placeholderData: keepPreviousData,
  });
  const scope = query.organisationId
    ? ((report.data?.organisationId === query.organisationId ? report.data.name : undefined) ??
      organisations.data?.find((o) => o.organisationId === query.organisationId)?.name ??
      query.organisationId)
    : undefined;
  const data = report.data && !filters.rangeInvalid ? report.data : undefined;
  return (
    <article className="reports">
      <h1>
        <FormattedMessage id="reports.title" />
      </h1>
      <p className="report-scope" data-organisation-id={query.organisationId ?? ''}>
        <FormattedMessage
          id={scope ? 'reports.scope.organisation' : 'reports.scope.city'}
          values={{ name: scope, from: <Month month={filters.from} />, to: <Month month={filters.to} /> }}
        />
      </p>
      <Filters filters={filters} own={own} />
      <ProblemAlert error={report.error} />
      {report.isPending && !filters.rangeInvalid ? (
        <p role="status">
          <FormattedMessage id="reports.loading" />
        </p>
      ) : null}
      {data ? (
        <>
          <Summary report={data} />
          {data.breakdown === 'children' && data.rows.length > 0 ? (
            <section aria-labelledby="breakdown-heading">
              <h2 id="breakdown-heading">
                <FormattedMessage id="reports.breakdown.heading" />
              </h2>
              <BreakdownTable report={data} />
            </section>
          ) : null}
          <section aria-labelledby="table-heading">
            <h2 id="table-heading">
              <FormattedMessage id="reports.byMonth" />
            </h2>
            {data.rows.length === 0 ? (
              <p className="report-empty">
                <FormattedMessage id="reports.empty" />
              </p>
            ) : (
              <KpiTable report={data} />
            )}
          </section>
          {data.rows.length > 0 ? <Charts report={data} /> : null}
          <Exports query={query} />
        </>
      ) : null}
    </article>
  );
}

export function ReportsPage() {
  return (
    <OversightOnly heading="reports.title" roles={['auditor', 'admin', 'procuring-entity']}>
      <Report />
    </OversightOnly>
  );
}
