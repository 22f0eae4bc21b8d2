// The log's signed checkpoints, newest first (GET /log/checkpoints), and a consistency check
// between any two of them done here: both notes fetched by size (GET /log/checkpoints/{size}) and
// their signatures verified against the log key, then the RFC 9162 consistency proof (GET
// /log/consistency) checked between the two signed roots with shared/tlog. Never the roots the
// proof's answer states: only what the log key signed counts.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/problems';
import { BackToDashboard, OversightGate } from './Gate';
import { CheckFailed, checkConsistency, type LogKey } from './log-checks';
import { CheckResult, useLogKey } from './proof-result';
import type { Checkpoint } from './types';

async function signedNote(size: number): Promise<string> {
  return orThrow(await api.GET('/log/checkpoints/{treeSize}', { params: { path: { treeSize: size } } })).note;
}

function ConsistencyCheck({ checkpoints }: { checkpoints: readonly Checkpoint[] }) {
  const intl = useIntl();
  const key = useLogKey();
  const [older, setOlder] = useState(String(checkpoints[checkpoints.length - 1]?.size ?? ''));
  const [newer, setNewer] = useState(String(checkpoints[0]?.size ?? ''));
  const check = useMutation({
    mutationFn: async () => {
      const [from, to] = [Number(older), Number(newer)].sort((a, b) => a - b) as [number, number];
      const [fromNote, toNote, proof] = await Promise.all([
        signedNote(from),
        signedNote(to),
        api.GET('/log/consistency', { params: { query: { from, to } } }).then(orThrow),
      ]);
      return checkConsistency(fromNote, toNote, proof.hashes, key.data as LogKey);
    },
  });
  const option = (c: Checkpoint) => (
    <option key={c.size} value={c.size}>
      {intl.formatMessage({ id: 'oversight.checkpoints.option' }, { size: c.size })}
    </option>
  );
  return (
    <section className="oversight-section" aria-labelledby="consistency-heading" id="consistency">
      <h2 id="consistency-heading">
        <FormattedMessage id="oversight.consistency.title" />
      </h2>
      <p>
        <FormattedMessage id="oversight.consistency.intro" />
      </p>
      <form
        className="oversight-form consistency-form"
        onSubmit={(event) => {
          event.preventDefault();
          check.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="consistency-from">
            <FormattedMessage id="oversight.consistency.from" />
          </label>
          <select
            id="consistency-from"
            value={older}
            onChange={(e) => {
              setOlder(e.target.value);
              check.reset();
            }}
          >
            {checkpoints.map(option)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="consistency-to">
            <FormattedMessage id="oversight.consistency.to" />
          </label>
          <select
            id="consistency-to"
            value={newer}
            onChange={(e) => {
              setNewer(e.target.value);
              check.reset();
            }}
          >
            {checkpoints.map(option)}
          </select>
        </div>
        <div className="actions">
          <button type="submit" disabled={!key.data || check.isPending}>
            <FormattedMessage id="oversight.consistency.run" />
          </button>
        </div>
      </form>
      {check.error && !(check.error instanceof CheckFailed) ? <ProblemAlert error={check.error} /> : null}
      <CheckResult pending={check.isPending} error={check.error} ok={check.isSuccess}>
        {check.data ? (
          <p className="check-detail" data-from={check.data.from.size} data-to={check.data.to.size}>
            <FormattedMessage
              id="oversight.consistency.verified"
              values={{ from: check.data.from.size, to: check.data.to.size }}
            />
          </p>
        ) : null}
      </CheckResult>
    </section>
  );
}

function List() {
  const [search] = useSearchParams();
  const cursor = search.get('cursor') ?? undefined;
  const checkpoints = useQuery({
    queryKey: ['oversight', 'checkpoints', cursor],
    queryFn: async () =>
      orThrow(
        await api.GET('/log/checkpoints', {
          params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
        }),
      ),
  });
  const items = checkpoints.data?.items ?? [];
  return (
    <>
      <ProblemAlert error={checkpoints.error} />
      {checkpoints.data && items.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="oversight.checkpoints.none" />
        </p>
      ) : null}
      {items.length > 0 ? (
        <>
          <div className="table-scroll">
            <table className="checkpoints">
              <caption>
                <FormattedMessage id="oversight.checkpoints.caption" />
              </caption>
              <thead>
                <tr>
                  {['size', 'at', 'root'].map((c) => (
                    <th key={c} scope="col">
                      <FormattedMessage id={`oversight.checkpoints.col.${c}`} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.size} data-size={c.size}>
                    <td>{c.size}</td>
                    <td>
                      <DateTime value={c.at} />
                    </td>
                    <td>
                      <code className="root-hash">{c.rootHash}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager nextCursor={checkpoints.data?.nextCursor} />
          <ConsistencyCheck key={`${items[0]?.size}-${items.length}`} checkpoints={items} />
        </>
      ) : null}
    </>
  );
}

export function Checkpoints() {
  return (
    <OversightGate>
      <BackToDashboard />
      <h1>
        <FormattedMessage id="oversight.checkpoints.title" />
      </h1>
      <p>
        <FormattedMessage id="oversight.checkpoints.intro" />
      </p>
      <List />
    </OversightGate>
  );
}
