// Tender search: the filters the public list API offers, kept in the URL (a filtered page is a
// link), results one card each (readable at 375 px), cursor pages.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { Pager } from '../components/Pager';
import { describedBy, FieldMessage, ProblemAlert } from '../components/problems';
import { categories, filtersFrom, listQuery, methods, statuses } from './filters';

function Filters() {
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: async () => orThrow(await api.GET('/organisations', { params: { query: { limit: 100 } } })),
    staleTime: 300_000,
  });
  // The fields are the form's own while the user types; they are reset from the URL only when the
  // URL changes by another way (back and forward, the clear link, the language switch). Reset on
  // the form's own submit, they would wipe what the user typed while the results were rendering.
  const own = useRef({ search: search.toString(), key: search.toString() });
  if (search.toString() !== own.current.search)
    own.current = { search: search.toString(), key: search.toString() };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value) next.set(key, value);
    }
    own.current = { search: next.toString(), key: own.current.key };
    setSearch(next);
  };
  return (
    <form className="filters" onSubmit={submit} key={own.current.key} aria-labelledby="filters-heading">
      <h2 id="filters-heading">
        <FormattedMessage id="tenders.filters" />
      </h2>
      <div className="field">
        <label htmlFor="filter-q">
          <FormattedMessage id="tenders.filter.q" />
        </label>
        <input id="filter-q" name="q" type="search" maxLength={100} defaultValue={filters.q ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-status">
          <FormattedMessage id="tenders.filter.status" />
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
          <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {intl.formatMessage({ id: `status.${status}` })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-category">
          <FormattedMessage id="tenders.filter.category" />
        </label>
        <select id="filter-category" name="category" defaultValue={filters.category ?? ''}>
          <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
          {categories.map((category) => (
            <option key={category} value={category}>
              {intl.formatMessage({ id: `category.${category}` })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-method">
          <FormattedMessage id="tenders.filter.method" />
        </label>
        <select id="filter-method" name="procurementMethod" defaultValue={filters.procurementMethod ?? ''}>
          <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
          {methods.map((method) => (
            <option key={method} value={method}>
              {intl.formatMessage({ id: `method.${method}` })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-buyer">
          <FormattedMessage id="tenders.filter.buyer" />
        </label>
        <select id="filter-buyer" name="buyer" defaultValue={filters.buyer ?? ''}>
          <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
          {/* The chosen entity's option exists from the first render, so the select keeps it while the
              list loads (and when the entity is not among the first page of organisations). */}
          {filters.buyer ? (
            <option value={filters.buyer}>
              {organisations.data?.items.find((o) => o.organisationId === filters.buyer)?.name ??
                filters.buyer}
            </option>
          ) : null}
          {organisations.data?.items
            .filter((organisation) => organisation.organisationId !== filters.buyer)
            .map((organisation) => (
              <option key={organisation.organisationId} value={organisation.organisationId}>
                {organisation.name}
              </option>
            ))}
        </select>
      </div>
      <FilterDate name="deadlineFrom" value={filters.deadlineFrom} />
      <FilterDate name="deadlineTo" value={filters.deadlineTo} />
      <div className="actions">
        <button type="submit">
          <FormattedMessage id="tenders.filter.apply" />
        </button>
        <Link to=".">
          <FormattedMessage id="tenders.filter.clear" />
        </Link>
      </div>
    </form>
  );
}

/** A deadline bound, with the API's refusal of it (e.g. an upper bound before the lower) beside it. */
function FilterDate({ name, value }: { name: 'deadlineFrom' | 'deadlineTo'; value: string | undefined }) {
  const [search] = useSearchParams();
  const query = useTenderList(search);
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>
        <FormattedMessage id={`tenders.filter.${name}`} />
      </label>
      <input
        id={`filter-${name}`}
        name={name}
        type="date"
        defaultValue={value ?? ''}
        {...describedBy(query.error, name)}
      />
      <FieldMessage name={name} error={query.error} />
    </div>
  );
}

function useTenderList(search: URLSearchParams) {
  const query = listQuery(filtersFrom(search));
  return useQuery({
    queryKey: ['tenders', query],
    queryFn: async () => orThrow(await api.GET('/tenders', { params: { query } })),
  });
}

export function TenderList() {
  const { lang } = useParams();
  const [search] = useSearchParams();
  const list = useTenderList(search);
  return (
    <section className="tender-list">
      <h1>
        <FormattedMessage id="tenders.title" />
      </h1>
      <Filters />
      <section aria-labelledby="results-heading" aria-busy={list.isPending}>
        <h2 id="results-heading">
          <FormattedMessage id="tenders.results" />
        </h2>
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <p>
            <FormattedMessage id="loading" />
          </p>
        ) : null}
        {list.data && list.data.items.length === 0 ? (
          <p className="empty">
            <FormattedMessage id="tenders.none" />
          </p>
        ) : null}
        <ul className="cards">
          {list.data?.items.map((tender) => (
            <li key={tender.tenderId} className="card" data-tender-id={tender.tenderId}>
              <h3>
                <Link to={`/${lang}/tenders/${tender.tenderId}`}>{tender.title}</Link>
              </h3>
              <p className="buyer">{tender.buyerName}</p>
              <dl className="facts">
                <div>
                  <dt>
                    <FormattedMessage id="tender.status" />
                  </dt>
                  <dd className={`status status-${tender.status}`}>
                    <FormattedMessage id={`status.${tender.status}`} />
                  </dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="tender.category" />
                  </dt>
                  <dd>
                    <FormattedMessage id={`category.${tender.category}`} />
                  </dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="tender.method" />
                  </dt>
                  <dd>
                    <FormattedMessage id={`method.${tender.procurementMethod}`} />
                  </dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="tender.deadline" />
                  </dt>
                  <dd className="deadline">
                    <DateTime value={tender.submissionDeadline} />
                  </dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="tender.lots" />
                  </dt>
                  <dd>
                    <FormattedMessage id="tender.lotCount" values={{ count: tender.lotCount }} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
        <Pager nextCursor={list.data?.nextCursor} />
      </section>
    </section>
  );
}
