// The public contractor register (GET /contractors): status, and until when a suspension or
// debarment runs; filtered by status in the URL, cursor pages.
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/problems';

const contractorStatuses = ['active', 'suspended', 'debarred'] as const;
type ContractorStatus = (typeof contractorStatuses)[number];

export function Contractors() {
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const given = search.get('status');
  const status = contractorStatuses.find((s) => s === given) as ContractorStatus | undefined;
  const cursor = search.get('cursor') ?? undefined;
  const query = { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
  const list = useQuery({
    queryKey: ['contractors', query],
    queryFn: async () => orThrow(await api.GET('/contractors', { params: { query } })),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('status');
    setSearch(typeof value === 'string' && value ? { status: value } : {});
  };
  return (
    <section className="contractors">
      <h1>
        <FormattedMessage id="contractors.title" />
      </h1>
      <form className="filters" onSubmit={submit} key={search.toString()}>
        <div className="field">
          <label htmlFor="contractor-status">
            <FormattedMessage id="contractors.filter.status" />
          </label>
          <select id="contractor-status" name="status" defaultValue={status ?? ''}>
            <option value="">{intl.formatMessage({ id: 'filter.any' })}</option>
            {contractorStatuses.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: `contractorStatus.${s}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">
            <FormattedMessage id="tenders.filter.apply" />
          </button>
        </div>
      </form>
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="contractors.none" />
        </p>
      ) : null}
      <ul className="cards">
        {list.data?.items.map((c) => (
          <li key={c.contractorId} className="card" data-contractor-id={c.contractorId}>
            <h2>{c.name}</h2>
            <dl className="facts">
              <div>
                <dt>
                  <FormattedMessage id="contractors.enterpriseCode" />
                </dt>
                <dd>{c.enterpriseCode}</dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="contractors.province" />
                </dt>
                <dd>{c.province}</dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="contractors.status" />
                </dt>
                <dd className={`status status-${c.status}`}>
                  <FormattedMessage id={`contractorStatus.${c.status}`} />
                </dd>
              </div>
              {c.statusUntil ? (
                <div>
                  <dt>
                    <FormattedMessage id="contractors.until" />
                  </dt>
                  <dd>
                    <DateTime value={c.statusUntil} />
                  </dd>
                </div>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      <Pager nextCursor={list.data?.nextCursor} />
    </section>
  );
}
