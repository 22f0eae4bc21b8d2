// The city's KPI report for auditors and admins: for the whole city or one organisation (rolled
// up through its hierarchy), a category, a method and a range of Vietnam months, the online share
// of plan packages by count and by value against the target (met or not, said in words), savings,
// average bids, single-bid and petition shares and the median days from deadline to award; the
// month-by-month table, two charts (ECharts, loaded after the table) and the CSV/XLSX exports.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, type MouseEvent, Suspense, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { categories, methods } from '../pages/filters';
import { downloadKpis, type ExportFormat, fetchKpis, kpisUrl } from './api';
import { kpiQueryOf, type ReportFilters, reportFiltersFrom } from './filters';
import { Decimal, Month, monthLabel, percentOf, Share } from './format';
import { KpiTable, TargetMark } from './KpiTable';
import { OversightOnly } from './OversightOnly';
import { useOrganisationTree } from './organisations';
import type { KpiQuery, KpiReport } from './types';
import './reports.css';

const KpiChart = lazy(() => import('./KpiChart'));

function Filters({ filters }: { filters: ReportFilters }) {
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const organisations = useOrganisationTree();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value) next.set(key, value);
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
          <option value="">{intl.formatMessage({ id: 'reports.wholeCity' })}</option>
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
        <button type="submit">
          <FormattedMessage id="reports.filter.apply" />
        </button>
      </div>
    </form>
  );
}

function Summary({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const t = report.totals;
  const target = report.target.onlineShare;
  const shareCard = (key: 'onlineShareByCount' | 'onlineShareByValue') => (
    <div className="kpi-card target-card" data-kpi={key}>
      <dt>
        <FormattedMessage id={`reports.col.${key}`} />
      </dt>
      <dd>
        <span className="kpi-value">
          <Share value={t[key]} />
        </span>{' '}
        <TargetMark share={t[key]} target={target} />
        <span className="kpi-target">
          <FormattedMessage id="reports.target.is" values={{ target: percentOf(intl, target) }} />
        </span>
      </dd>
    </div>
  );
  return (
    <section aria-labelledby="summary-heading" className="kpi-summary-section">
      <h2 id="summary-heading">
        <FormattedMessage id="reports.summary" />
      </h2>
      <dl className="kpi-summary">
        {shareCard('onlineShareByCount')}
        {shareCard('onlineShareByValue')}
        <div className="kpi-card" data-kpi="savings">
          <dt>
            <FormattedMessage id="reports.col.savings" />
          </dt>
          <dd>
            <span className="kpi-value">
              <Money amount={t.savings} />
            </span>{' '}
            (<Share value={t.savingsShare} />)
          </dd>
        </div>
        <div className="kpi-card" data-kpi="averageBids">
          <dt>
            <FormattedMessage id="reports.col.averageBids" />
          </dt>
          <dd className="kpi-value">
            <Decimal value={t.averageBids} />
          </dd>
        </div>
        <div className="kpi-card" data-kpi="singleBidShare">
          <dt>
            <FormattedMessage id="reports.col.singleBidShare" />
          </dt>
          <dd className="kpi-value">
            <Share value={t.singleBidShare} />
          </dd>
        </div>
        <div className="kpi-card" data-kpi="petitionShare">
          <dt>
            <FormattedMessage id="reports.col.petitionShare" />
          </dt>
          <dd className="kpi-value">
            <Share value={t.petitionShare} />
          </dd>
        </div>
        <div className="kpi-card" data-kpi="medianDaysToAward">
          <dt>
            <FormattedMessage id="reports.col.medianDaysToAward" />
          </dt>
          <dd className="kpi-value">
            <Decimal value={t.medianDaysToAward} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

const asPercent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function Charts({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const charts = useMemo(() => {
    const labels = report.months.map((m) => monthLabel(intl, m.month));
    const range = { from: monthLabel(intl, report.from), to: monthLabel(intl, report.to) };
    const target = percentOf(intl, report.target.onlineShare);
    const name = (id: string) => intl.formatMessage({ id });
    return {
      format: (value: number) =>
        intl.formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 1 }),
      online: {
        labels,
        series: [
          {
            name: name('reports.col.onlineShareByCount'),
            kind: 'bar' as const,
            values: report.months.map((m) => asPercent(m.onlineShareByCount)),
          },
          {
            name: name('reports.col.onlineShareByValue'),
            kind: 'bar' as const,
            values: report.months.map((m) => asPercent(m.onlineShareByValue)),
          },
        ],
        target: {
          value: report.target.onlineShare * 100,
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
            values: report.months.map((m) => asPercent(m.singleBidShare)),
          },
          {
            name: name('reports.col.petitionShare'),
            kind: 'line' as const,
            values: report.months.map((m) => asPercent(m.petitionShare)),
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
            <a href={kpisUrl(query, format)} data-format={format} onClick={download(format)}>
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
  const filters = reportFiltersFrom(search);
  const query = kpiQueryOf(filters);
  const organisations = useOrganisationTree();
  const report = useQuery({
    queryKey: ['reports', 'kpis', query],
    queryFn: () => fetchKpis(query),
    enabled: !filters.rangeInvalid,
    placeholderData: keepPreviousData,
  });
  const scope = query.organisationId
    ? (organisations.data?.find((o) => o.organisationId === query.organisationId)?.name ??
      query.organisationId)
    : undefined;
  return (
    <article className="reports">
      <h1>
        <FormattedMessage id="reports.title" />
      </h1>
      <p className="report-scope" data-organisation-id={query.organisationId ?? ''}>
        <FormattedMessage
          id={scope ? 'reports.scope.organisation' : 'reports.scope.city'}
          values={{ name: scope, from: <Month month={query.from} />, to: <Month month={query.to} /> }}
        />
      </p>
      <Filters filters={filters} />
      <ProblemAlert error={report.error} />
      {report.isPending && !filters.rangeInvalid ? (
        <p role="status">
          <FormattedMessage id="reports.loading" />
        </p>
      ) : null}
      {report.data && !filters.rangeInvalid ? (
        <>
          <Summary report={report.data} />
          <section aria-labelledby="table-heading">
            <h2 id="table-heading">
              <FormattedMessage id="reports.byMonth" />
            </h2>
            {report.data.months.length === 0 ? (
              <p>
                <FormattedMessage id="reports.empty" />
              </p>
            ) : (
              <KpiTable report={report.data} />
            )}
          </section>
          {report.data.months.length > 0 ? <Charts report={report.data} /> : null}
          <Exports query={query} />
        </>
      ) : null}
    </article>
  );
}

export function ReportsPage() {
  return (
    <OversightOnly heading="reports.title">
      <Report />
    </OversightOnly>
  );
}
