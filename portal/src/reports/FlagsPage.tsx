// Red flags for auditors: the processes, buyers, procuring entities and tenderers the engine
// (Cardinal's indicators, shared/red-flags) flagged, with the indicator named in words and its
// one-line meaning, the value that triggered it and the fence or threshold it crossed; filtered by
// indicator and kind (kept in the URL), a cursor page at a time.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { DateTime } from '../components/format';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/problems';
import { type Flag, type FlagsQuery, fetchFlags } from './api';
import { flagFiltersFrom, flagKinds, indicatorCodes } from './filters';
import { OversightOnly } from './OversightOnly';
import './reports.css';

function Filters({ filters }: { filters: FlagsQuery }) {
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value) next.set(key, value);
    }
    // New filters start again from the first page: no cursor.
    setSearch(next);
  };
  return (
    <form
      className="filters"
      onSubmit={submit}
      key={search.toString()}
      aria-labelledby="flag-filters-heading"
    >
      <h2 id="flag-filters-heading">
        <FormattedMessage id="reports.flags.filters" />
      </h2>
      <div className="field">
        <label htmlFor="flag-indicator">
          <FormattedMessage id="reports.flags.filter.indicator" />
        </label>
        <select id="flag-indicator" name="indicator" defaultValue={filters.indicator ?? ''}>
          <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
          {indicatorCodes.map((code) => (
            <option key={code} value={code}>
              {intl.formatMessage(
                { id: 'reports.indicator.option' },
                {
                  code,
                  name: intl.formatMessage({ id: `reports.indicator.${code}.name` }),
                },
              )}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="flag-kind">
          <FormattedMessage id="reports.flags.filter.kind" />
        </label>
        <select id="flag-kind" name="kind" defaultValue={filters.kind ?? ''}>
          <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
          {flagKinds.map((kind) => (
            <option key={kind} value={kind}>
              {intl.formatMessage({ id: `reports.flags.kind.${kind}` })}
            </option>
          ))}
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

/** The fence or threshold the value was held against, said as what it is (Cardinal's Meta keys). */
function Fence({ flag }: { flag: Flag }) {
  const intl = useIntl();
  const n = (value: number) => intl.formatNumber(value, { maximumFractionDigits: 4 });
  const f = flag.fences;
  const threshold = flag.settings.threshold;
  const parts: { id: string; value: number }[] = [];
  if (typeof threshold === 'number') parts.push({ id: 'reports.flags.threshold', value: threshold });
  if (f.lower_fence !== undefined) parts.push({ id: 'reports.flags.lowerFence', value: f.lower_fence });
  if (f.upper_fence !== undefined) parts.push({ id: 'reports.flags.upperFence', value: f.upper_fence });
  const quartiles = f.q1 !== undefined && f.q3 !== undefined ? { q1: n(f.q1), q3: n(f.q3) } : undefined;
  if (parts.length === 0 && !quartiles)
    return (
      <span className="fence-none">
        <FormattedMessage id="reports.flags.noFence" />
      </span>
    );
  return (
    <>
      {parts.map((part) => (
        <span key={part.id} className="fence" data-fence={part.id.split('.').at(-1)}>
          <FormattedMessage id={part.id} values={{ value: n(part.value) }} />
        </span>
      ))}
      {quartiles ? (
        <span className="quartiles">
          <FormattedMessage id="reports.flags.quartiles" values={quartiles} />
        </span>
      ) : null}
    </>
  );
}

/** Our tender behind a flagged process: the OCID is the registered prefix, a dash, the tender id. */
const tenderIdOf = (ocid: string) => /^ocds-[a-z0-9]+-([0-9A-HJKMNP-TV-Z]{26})$/.exec(ocid)?.[1];

function Subject({ flag }: { flag: Flag }) {
  const { lang = 'vi' } = useParams();
  const label = flag.name ?? flag.id;
  const tenderId = flag.kind === 'ocid' ? tenderIdOf(flag.id) : undefined;
  return (
    <>
      {tenderId ? <Link to={`/${lang}/tenders/${tenderId}`}>{label}</Link> : <span>{label}</span>}
      {flag.name ? <code className="flag-id">{flag.id}</code> : null}
    </>
  );
}

function FlagsTable({ items }: { items: readonly Flag[] }) {
  const intl = useIntl();
  return (
    // The box scrolls at 375 px: focusable, so the keyboard can scroll it (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable on purpose
    <section className="table-wrap" tabIndex={0} aria-labelledby="flags-caption">
      <table className="flags-table">
        <caption id="flags-caption">
          <FormattedMessage id="reports.flags.caption" values={{ count: items.length }} />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="reports.flags.col.subject" />
            </th>
            <th scope="col">
              <FormattedMessage id="reports.flags.col.kind" />
            </th>
            <th scope="col">
              <FormattedMessage id="reports.flags.col.indicator" />
            </th>
            <th scope="col">
              <FormattedMessage id="reports.flags.col.value" />
            </th>
            <th scope="col">
              <FormattedMessage id="reports.flags.col.fence" />
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((flag) => (
            <tr
              key={`${flag.kind}:${flag.id}:${flag.indicator}`}
              data-kind={flag.kind}
              data-id={flag.id}
              data-indicator={flag.indicator}
            >
              <th scope="row">
                <Subject flag={flag} />
              </th>
              <td data-col="kind">
                <FormattedMessage id={`reports.flags.kind.${flag.kind}`} />
              </td>
              <td data-col="indicator">
                <span className="indicator-name">
                  <code className="indicator-code">{flag.indicator}</code>{' '}
                  <FormattedMessage id={`reports.indicator.${flag.indicator}.name`} />
                </span>
                <span className="indicator-meaning">
                  <FormattedMessage id={`reports.indicator.${flag.indicator}.meaning`} />
                </span>
              </td>
              <td data-col="value">
                <data value={String(flag.value)}>
                  {intl.formatNumber(flag.value, { maximumFractionDigits: 4 })}
                </data>
              </td>
              <td data-col="fence">
                <Fence flag={flag} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Flags() {
  const [search] = useSearchParams();
  const filters = flagFiltersFrom(search);
  const flags = useQuery({
    queryKey: ['reports', 'flags', filters],
    queryFn: () => fetchFlags(filters),
    placeholderData: keepPreviousData,
  });
  return (
    <article className="reports flags">
      <h1>
        <FormattedMessage id="reports.flags.title" />
      </h1>
      <p>
        <FormattedMessage id="reports.flags.intro" />
      </p>
      {flags.data ? (
        <p className="flags-run" data-run-id={flags.data.run?.runId ?? ''}>
          {flags.data.run ? (
            <FormattedMessage
              id="reports.flags.run"
              values={{
                exportedAt: <DateTime value={flags.data.run.exportedAt} />,
                computedAt: <DateTime value={flags.data.run.computedAt} />,
                releases: flags.data.run.releases,
                flags: flags.data.run.flags,
              }}
            />
          ) : (
            <FormattedMessage id="reports.flags.noRun" />
          )}
        </p>
      ) : null}
      <Filters filters={filters} />
      <ProblemAlert error={flags.error} />
      {flags.isPending ? (
        <p role="status">
          <FormattedMessage id="reports.loading" />
        </p>
      ) : null}
      {flags.data ? (
        flags.data.items.length === 0 ? (
          <p className="flags-empty">
            <FormattedMessage id="reports.flags.none" />
          </p>
        ) : (
          <FlagsTable items={flags.data.items} />
        )
      ) : null}
      <Pager nextCursor={flags.data?.nextCursor} />
    </article>
  );
}

export function FlagsPage() {
  return (
    <OversightOnly heading="reports.flags.title">
      <Flags />
    </OversightOnly>
  );
}
