// /:lang/oversight/verify[/:tenderId]: a tender's audit bundle verified in the browser with the
// CLI's verifier (in a worker, with a progress bar), and receipts contractors bring checked against
// the verified log. The keys come from the platform's public endpoints; the bundle's own key list is
// never trusted. Anyone may verify a bundle file; fetching one takes an auditor's or admin's session.
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/problems';
import { BundleResult } from './BundleResult';
import { DropFiles, type DroppedFile } from './DropFiles';
import { ReceiptResults } from './ReceiptResults';
import { useVerifier } from './use-verifier';
import './verify.css';

function useKeys() {
  const logKey = useQuery({
    queryKey: ['log-public-key'],
    queryFn: async () => orThrow(await api.GET('/log/public-key')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const receiptsKey = useQuery({
    queryKey: ['receipts-public-key'],
    queryFn: async () => orThrow(await api.GET('/receipts/public-key')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { logKey, receiptsKey };
}

export function VerifyPage() {
  const intl = useIntl();
  const { tenderId: routeTender } = useParams();
  const session = useSession();
  const mayFetch = session?.roles.some((role) => role === 'auditor' || role === 'admin') === true;
  const { logKey, receiptsKey } = useKeys();
  const { state, verifyBundle, checkReceipts } = useVerifier();
  const [tenderId, setTenderId] = useState(routeTender ?? '');
  const [source, setSource] = useState<
    { kind: 'fetched'; tenderId: string } | { kind: 'file'; name: string }
  >();

  const pinned = logKey.data ? { name: logKey.data.name, publicKey: logKey.data.publicKey } : undefined;
  const fetchBundle = useMutation({
    mutationFn: async (id: string) =>
      orThrow(await api.GET('/audit/bundle', { params: { query: { tenderId: id } }, parseAs: 'text' })),
    onSuccess: (text, id) => {
      if (!pinned) return;
      setSource({ kind: 'fetched', tenderId: id });
      verifyBundle(text as unknown as string, pinned);
    },
  });
  const onFetch = (event: FormEvent) => {
    event.preventDefault();
    if (tenderId.trim()) fetchBundle.mutate(tenderId.trim());
  };
  const onBundleFile = ([file]: DroppedFile[]) => {
    if (!file || !pinned) return;
    setSource({ kind: 'file', name: file.name });
    verifyBundle(file.text, pinned);
  };
  const onReceipts = (files: DroppedFile[]) => {
    if (receiptsKey.data) checkReceipts(files, receiptsKey.data.pem);
  };
  const percent = Math.floor(state.fraction * 100);
  const verified = state.outcome?.ok === true;

  return (
    <div className="verify-page">
      <h1>
        <FormattedMessage id="verify.title" />
      </h1>
      <p>
        <FormattedMessage id="verify.intro" />
      </p>

      <section className="verify-keys" aria-labelledby="keys-heading">
        <h2 id="keys-heading">
          <FormattedMessage id="verify.keys.title" />
        </h2>
        <ProblemAlert error={logKey.error ?? receiptsKey.error} />
        <dl className="facts">
          <dt>
            <FormattedMessage id="verify.keys.log" />
          </dt>
          <dd className="log-key" data-key-id={logKey.data?.keyId}>
            {logKey.data ? `${logKey.data.name} · ${logKey.data.keyId}` : '…'}
          </dd>
          <dt>
            <FormattedMessage id="verify.keys.receipts" />
          </dt>
          <dd className="receipts-key" data-key-id={receiptsKey.data?.keyId}>
            {receiptsKey.data ? receiptsKey.data.keyId : '…'}
          </dd>
        </dl>
        <p className="hint">
          <FormattedMessage id="verify.keys.hint" />
        </p>
      </section>

      <section className="verify-bundle" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">
          <FormattedMessage id="verify.bundle.title" />
        </h2>
        {mayFetch ? (
          <form className="fetch-bundle" onSubmit={onFetch}>
            <div className="field">
              <label htmlFor="verify-tender-id">
                <FormattedMessage id="verify.bundle.tenderId" />
              </label>
              <input
                id="verify-tender-id"
                name="tenderId"
                value={tenderId}
                onChange={(event) => setTenderId(event.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            <button type="submit" disabled={!pinned || fetchBundle.isPending || state.running}>
              <FormattedMessage id="verify.bundle.fetch" />
            </button>
            <ProblemAlert error={fetchBundle.error} />
          </form>
        ) : (
          <p className="notice">
            <FormattedMessage id="verify.bundle.signInToFetch" />
          </p>
        )}
        <DropFiles
          testId="bundle-drop"
          label={<FormattedMessage id="verify.bundle.file" />}
          hint={<FormattedMessage id="verify.bundle.fileHint" />}
          disabled={!pinned || state.running}
          onFiles={onBundleFile}
        />

        {source ? (
          <div className="verify-run" data-running={state.running}>
            <p className="verify-source">
              {source.kind === 'fetched' ? (
                <FormattedMessage id="verify.source.fetched" values={{ tender: source.tenderId }} />
              ) : (
                <FormattedMessage id="verify.source.file" values={{ name: source.name }} />
              )}
            </p>
            <label htmlFor="verify-progress">
              {state.stage ? (
                <FormattedMessage id={`verify.stage.${state.stage}`} />
              ) : (
                <FormattedMessage id="verify.stage.starting" />
              )}
            </label>
            <progress
              id="verify-progress"
              max={100}
              value={percent}
              data-percent={percent}
              aria-valuetext={intl.formatMessage({ id: 'verify.progress' }, { percent })}
            />
            <span className="percent" aria-hidden="true">
              <FormattedMessage id="verify.progress" values={{ percent }} />
            </span>
            {state.errorId ? (
              <p className="verdict verdict-bad" role="alert" data-ok="false">
                <FormattedMessage id={state.errorId} />
              </p>
            ) : null}
            {state.outcome ? <BundleResult outcome={state.outcome} /> : null}
          </div>
        ) : null}
      </section>

      <section className="verify-receipts" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">
          <FormattedMessage id="verify.receipts.title" />
        </h2>
        <p>
          <FormattedMessage id={verified ? 'verify.receipts.intro' : 'verify.receipts.needBundle'} />
        </p>
        <DropFiles
          testId="receipts-drop"
          multiple
          label={<FormattedMessage id="verify.receipts.file" />}
          hint={<FormattedMessage id="verify.receipts.fileHint" />}
          disabled={!verified || !receiptsKey.data || state.checkingReceipts}
          onFiles={onReceipts}
        />
        <ReceiptResults outcomes={state.receipts} />
      </section>
    </div>
  );
}
