// The contractor's signing keys: the one kept in this browser (made here, non-extractable, or
// imported from a file `eproc bid keygen` wrote), registering it on the profile, rotating it (a new
// key registered, the old one retired) and retiring it; and every key registered, retired included.
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { BidProblem, LocalProblem } from './BidProblem';
import { keyState, useBrowserKey, useForgetLocalKeyQuery } from './local-key';
import { useContractor, useRefreshBidding, useSigningKeys } from './queries';
import {
  CliKeyError,
  createSigningKey,
  forgetSigningKey,
  importCliSigningKey,
  type StoredSigningKey,
} from './signing-key-store';
import './bidding.css';

// A command, not prose: the same in every language.
const cliCommand = 'eproc bid keygen --out signing-key.jwk';

export function KeysPage() {
  const intl = useIntl();
  const { lang } = useParams();
  const sub = useSession()?.sub;
  const contractor = useContractor();
  const contractorId = contractor.data?.contractorId;
  const keys = useSigningKeys(contractorId);
  const local = useBrowserKey();
  const refresh = useRefreshBidding();
  const refreshLocal = useForgetLocalKeyQuery();
  const [done, setDone] = useState<string | undefined>();
  const state = keyState(local.data?.keyId, keys.data);

  const register = async (key: StoredSigningKey, label: string) =>
    orThrow(
      await api.POST('/contractors/{contractorId}/signing-keys', {
        params: { path: { contractorId: contractorId as string } },
        body: { publicKeyJwk: key.publicKeyJwk, label },
      }),
    );
  const retire = async (keyId: string) =>
    orThrow(
      await api.DELETE('/contractors/{contractorId}/signing-keys/{keyId}', {
        params: { path: { contractorId: contractorId as string, keyId } },
      }),
    );
  const browserLabel = () => intl.formatMessage({ id: 'bid.keys.browserLabel' });

  const action = useMutation({
    mutationFn: async (
      what:
        | { kind: 'create' }
        | { kind: 'register' }
        | { kind: 'rotate' }
        | { kind: 'retire'; keyId: string },
    ) => {
      if (!sub || !contractorId) throw new LocalProblem('NOT_SIGNED_IN');
      if (what.kind === 'create') {
        await register(await createSigningKey(sub), browserLabel());
        return 'created';
      }
      if (what.kind === 'register') {
        if (!local.data) throw new LocalProblem('NO_LOCAL_KEY');
        await register(local.data, browserLabel());
        return 'registered';
      }
      if (what.kind === 'rotate') {
        // Register the new key before retiring the old one: there is never a moment with none.
        const old = local.data?.keyId;
        await register(await createSigningKey(sub), browserLabel());
        if (old && keys.data?.some((k) => k.keyId === old && k.status === 'active')) await retire(old);
        return 'rotated';
      }
      await retire(what.keyId);
      if (what.keyId === local.data?.keyId) await forgetSigningKey(sub);
      return 'retired';
    },
    onSuccess: (result) => setDone(result),
    onSettled: async () => {
      await refreshLocal();
      await refresh();
    },
  });

  const importing = useMutation({
    mutationFn: async (file: File) => {
      if (!sub || !contractorId) throw new LocalProblem('NOT_SIGNED_IN');
      let key: StoredSigningKey;
      try {
        key = await importCliSigningKey(sub, await file.text());
      } catch (error) {
        if (error instanceof CliKeyError) throw new LocalProblem('CLI_KEY_UNREADABLE');
        throw error;
      }
      // `eproc bid register-key` may have registered it already; otherwise register it here.
      const listed = orThrow(
        await api.GET('/contractors/{contractorId}/signing-keys', { params: { path: { contractorId } } }),
      ).items.find((k) => k.keyId === key.keyId);
      if (listed?.status === 'retired') throw new LocalProblem('CLI_KEY_RETIRED');
      if (!listed) await register(key, intl.formatMessage({ id: 'bid.keys.cliLabel' }));
      return 'imported';
    },
    onSuccess: (result) => setDone(result),
    onSettled: async () => {
      await refreshLocal();
      await refresh();
    },
  });
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) importing.mutate(file);
    event.target.value = '';
  };

  if (contractor.isError) {
    return (
      <section className="bidding">
        <h1>
          <FormattedMessage id="bid.keys.title" />
        </h1>
        <BidProblem error={contractor.error} />
        <p>
          <Link to={`/${lang}/contractor`}>
            <FormattedMessage id="bid.keys.registerCompany" />
          </Link>
        </p>
      </section>
    );
  }
  const busy = action.isPending || importing.isPending;

  return (
    <section className="bidding" aria-labelledby="keys-title">
      <h1 id="keys-title">
        <FormattedMessage id="bid.keys.title" />
      </h1>
      <div className="key-warning" role="note">
        <h2>
          <FormattedMessage id="bid.keys.warningTitle" />
        </h2>
        <p>
          <FormattedMessage id="bid.keys.warning" />
        </p>
      </div>

      <section aria-labelledby="this-browser" className="card">
        <h2 id="this-browser">
          <FormattedMessage id="bid.keys.thisBrowser" />
        </h2>
        {local.data ? (
          <dl className="facts" data-key-id={local.data.keyId} data-key-state={state}>
            <dt>
              <FormattedMessage id="bid.keys.keyId" />
            </dt>
            <dd className="key-id">{local.data.keyId}</dd>
            <dt>
              <FormattedMessage id="bid.keys.madeAt" />
            </dt>
            <dd>
              <DateTime value={local.data.createdAt} />
            </dd>
            <dt>
              <FormattedMessage id="bid.keys.origin" />
            </dt>
            <dd>
              <FormattedMessage
                id={local.data.origin === 'cli' ? 'bid.keys.origin.cli' : 'bid.keys.origin.browser'}
              />
            </dd>
            <dt>
              <FormattedMessage id="bid.keys.state" />
            </dt>
            <dd>
              <FormattedMessage id={`bid.keys.state.${state}`} />
            </dd>
          </dl>
        ) : (
          <p data-key-state="none">
            <FormattedMessage id="bid.keys.none" />
          </p>
        )}
        <div className="actions">
          {state === 'none' || state === 'retired' ? (
            <button
              type="button"
              disabled={busy || !contractorId}
              onClick={() => action.mutate({ kind: 'create' })}
            >
              <FormattedMessage id="bid.keys.create" />
            </button>
          ) : null}
          {state === 'unregistered' ? (
            <button
              type="button"
              disabled={busy || !contractorId}
              onClick={() => action.mutate({ kind: 'register' })}
            >
              <FormattedMessage id="bid.keys.register" />
            </button>
          ) : null}
          {state === 'active' ? (
            <>
              <button type="button" disabled={busy} onClick={() => action.mutate({ kind: 'rotate' })}>
                <FormattedMessage id="bid.keys.rotate" />
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => action.mutate({ kind: 'retire', keyId: local.data?.keyId as string })}
              >
                <FormattedMessage id="bid.keys.retireThis" />
              </button>
            </>
          ) : null}
        </div>
        {done ? (
          <p className="ok" role="status" data-done={done}>
            <FormattedMessage id={`bid.keys.done.${done}`} />
          </p>
        ) : null}
        <BidProblem error={action.error ?? importing.error} />
      </section>

      <section aria-labelledby="cli-key" className="card">
        <h2 id="cli-key">
          <FormattedMessage id="bid.keys.cliTitle" />
        </h2>
        <p>
          <FormattedMessage id="bid.keys.cliHelp" values={{ command: <code>{cliCommand}</code> }} />
        </p>
        <label htmlFor="cli-key-file">
          <FormattedMessage id="bid.keys.cliFile" />
        </label>
        <input
          id="cli-key-file"
          type="file"
          accept=".jwk,.json,application/json"
          disabled={busy}
          onChange={onFile}
        />
      </section>

      <section aria-labelledby="registered-keys">
        <h2 id="registered-keys">
          <FormattedMessage id="bid.keys.registered" />
        </h2>
        {keys.data && keys.data.length === 0 ? (
          <p>
            <FormattedMessage id="bid.keys.noneRegistered" />
          </p>
        ) : null}
        {keys.data && keys.data.length > 0 ? (
          <div className="table-scroll">
            <table className="keys">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="bid.keys.keyId" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="bid.keys.label" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="bid.keys.state" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="bid.keys.addedAt" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="bid.keys.actions" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((k) => (
                  <tr key={k.keyId} data-key-id={k.keyId} data-status={k.status}>
                    <td className="key-id">
                      {k.keyId}
                      {k.keyId === local.data?.keyId ? (
                        <>
                          {' '}
                          <span className="badge">
                            <FormattedMessage id="bid.keys.inThisBrowser" />
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>{k.label ?? ''}</td>
                    <td>
                      <FormattedMessage id={`bid.keys.status.${k.status}`} />
                      {k.retiredAt ? (
                        <>
                          {' '}
                          <DateTime value={k.retiredAt} />
                        </>
                      ) : null}
                    </td>
                    <td>
                      <DateTime value={k.addedAt} />
                    </td>
                    <td>
                      {k.status === 'active' ? (
                        <button
                          type="button"
                          className="secondary"
                          disabled={busy}
                          aria-label={intl.formatMessage(
                            { id: 'bid.keys.retireNamed' },
                            { keyId: k.keyId.slice(0, 12) },
                          )}
                          onClick={() => action.mutate({ kind: 'retire', keyId: k.keyId })}
                        >
                          <FormattedMessage id="bid.keys.retire" />
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </section>
  );
}
