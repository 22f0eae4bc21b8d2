// The contractor register as oversight reads it: filtered by status (the API's filter), and the
// page shown searched by name or enterprise code; each contractor opens its own page.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/problems';
import { BackToDashboard, OversightGate } from './Gate';
import type { ContractorStatus } from './types';

const statuses: readonly ContractorStatus[] = ['active', 'suspended', 'debarred'];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

function List() {
  const { lang } = useParams();
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const status = statuses.find((s) => s === search.get('status'));
  const cursor = search.get('cursor') ?? undefined;
  const [q, setQ] = useState(search.get('q') ?? '');
  const contractors = useQuery({
    queryKey: ['oversight', 'contractors', status, cursor],
    queryFn: async () =>
      orThrow(
        await api.GET('/contractors', {
          params: { query: { limit: 100, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
  });
  const wanted = fold(search.get('q') ?? '');
  const items = (contractors.data?.items ?? []).filter(
    (c) => !wanted || fold(c.name).includes(wanted) || c.enterpriseCode.includes(wanted),
  );
  return (
    <>
      <form
        className="oversight-filters"
        aria-label={intl.formatMessage({ id: 'oversight.contractors.search' })}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const next = new URLSearchParams();
          const chosen = String(form.get('status') ?? '');
          if (chosen) next.set('status', chosen);
          if (q.trim()) next.set('q', q.trim());
          setSearch(next);
        }}
      >
        <div className="field">
          <label htmlFor="contractor-q">
            <FormattedMessage id="oversight.contractors.q" />
          </label>
          <input id="contractor-q" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="contractor-status">
            <FormattedMessage id="oversight.contractors.status" />
          </label>
          <select id="contractor-status" name="status" defaultValue={status ?? ''}>
            <option value="">{intl.formatMessage({ id: 'oversight.contractors.anyStatus' })}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: `contractorStatus.${s}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">
            <FormattedMessage id="oversight.contractors.apply" />
          </button>
        </div>
      </form>
      <ProblemAlert error={contractors.error} />
      {contractors.data ? (
        items.length === 0 ? (
          <p className="empty">
            <FormattedMessage id="oversight.contractors.none" />
          </p>
        ) : (
          <div className="table-scroll">
            <table className="contractors">
              <caption>
                <FormattedMessage id="oversight.contractors.caption" values={{ count: items.length }} />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="oversight.contractors.name" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="oversight.contractors.code" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="oversight.contractors.status" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.contractorId} data-contractor-id={c.contractorId} data-status={c.status}>
                    <td>
                      <Link to={`/${lang}/oversight/contractors/${c.contractorId}`}>{c.name}</Link>
                    </td>
                    <td>{c.enterpriseCode}</td>
                    <td>
                      <FormattedMessage id={`contractorStatus.${c.status}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <Pager nextCursor={contractors.data?.nextCursor} />
    </>
  );
}

export function ContractorList() {
  return (
    <OversightGate>
      <BackToDashboard />
      <h1>
        <FormattedMessage id="oversight.contractors.title" />
      </h1>
      <List />
    </OversightGate>
  );
}
