// The bid page: one lot of a tender, its price form built from the lot (currency, price, discount,
// bid security with the guarantee's reference, validity), documents sealed here in a stream with a
// bar for sealing and one for upload, then signed and committed; the active bid replaced or
// withdrawn before the deadline; the countdown in Hanoi time; the API's refusal beside the form.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime, Money } from '../components/format';
import { BidProblem, LocalProblem } from './BidProblem';
import { ContractorOnly } from './ContractorOnly';
import { Countdown, useNow } from './Countdown';
import { keyState, useBrowserKey } from './local-key';
import {
  buildPriceForm,
  type FieldErrors,
  groupThousands,
  type PriceFormFields,
  splitForm,
} from './price-form';
import { useContractor, useOwnBids, useRefreshBidding, useSigningKeys, useTender } from './queries';
import { type Pending, type Progress, submitBid } from './submit-bid';
import type { BidResult, Lot, Tender } from './types';

export function BidPage() {
  return (
    <ContractorOnly>
      <BidPageBody />
    </ContractorOnly>
  );
}

function BidPageBody() {
  const { tenderId = '', lang } = useParams();
  const tender = useTender(tenderId);
  const [lotId, setLotId] = useState<string | undefined>();
  const lot = tender.data?.lots.find((l) => l.lotId === lotId) ?? tender.data?.lots[0];
  if (tender.isError) return <BidProblem error={tender.error} />;
  if (!tender.data || !lot)
    return (
      <p aria-busy="true">
        <FormattedMessage id="bid.loading" />
      </p>
    );
  const t = tender.data;
  return (
    <section className="bidding" aria-labelledby="bid-title">
      <h1 id="bid-title">
        <FormattedMessage id="bid.page.title" />
      </h1>
      <p className="lead">
        <Link to={`/${lang}/tenders/${t.tenderId}`}>{t.title}</Link>
      </p>
      <dl className="facts">
        <dt>
          <FormattedMessage id="bid.page.procedure" />
        </dt>
        <dd data-procedure={t.envelopeProcedure}>
          <FormattedMessage id={`bid.procedure.${t.envelopeProcedure}`} />
        </dd>
      </dl>
      {t.lots.length > 1 ? (
        <div className="field">
          <label htmlFor="bid-lot">
            <FormattedMessage id="bid.page.lot" />
          </label>
          <select id="bid-lot" value={lot.lotId} onChange={(e) => setLotId(e.target.value)}>
            {t.lots.map((l) => (
              <option key={l.lotId} value={l.lotId}>
                {l.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <LotBid key={lot.lotId} tender={t} lot={lot} />
    </section>
  );
}

const blankFields = (tender: Tender, lot: Lot): PriceFormFields => ({
  price: '',
  discountKind: 'none',
  discount: '',
  validityDays: String(tender.bidValidityDays),
  securityAmount: groupThousands(lot.bidSecurityAmount),
  securityIssuer: '',
  securityReference: '',
});

function LotBid({ tender, lot }: { tender: Tender; lot: Lot }) {
  const intl = useIntl();
  const { lang } = useParams();
  const now = useNow();
  const contractor = useContractor();
  const keys = useSigningKeys(contractor.data?.contractorId);
  const local = useBrowserKey();
  const bids = useOwnBids(tender.tenderId);
  const refresh = useRefreshBidding();
  const two = tender.envelopeProcedure === 'two-envelope';
  const [fields, setFields] = useState<PriceFormFields>(() => blankFields(tender, lot));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [files, setFiles] = useState<{ main: File[]; financial: File[] }>({ main: [], financial: [] });
  const [progress, setProgress] = useState<Progress | undefined>();
  const [result, setResult] = useState<{ kind: 'submitted' | 'withdrawn'; result: BidResult } | undefined>();
  const pending = useRef<Pending | undefined>(undefined);
  const errorBox = useRef<HTMLDivElement>(null);

  const active = bids.data?.find((b) => b.lotId === lot.lotId && b.status === 'active');
  const state = keyState(local.data?.keyId, keys.data);
  const closed = tender.status !== 'published' || Date.parse(tender.submissionDeadline) <= now;

  // Anything the contractor changes makes an uploaded but uncommitted envelope stale.
  const set = (name: keyof PriceFormFields, value: string) => {
    pending.current = undefined;
    setFields((f) => ({ ...f, [name]: value }));
  };

  const submit = useMutation({
    mutationFn: async () => {
      const key = local.data;
      const contractorId = contractor.data?.contractorId;
      if (!key || state !== 'active' || !contractorId) throw new LocalProblem('NO_ACTIVE_KEY');
      const built = buildPriceForm(fields, {
        currency: tender.currency,
        minValidityDays: tender.bidValidityDays,
        minSecurityAmount: lot.bidSecurityAmount,
      });
      setErrors(built.ok ? {} : built.errors);
      if (!built.ok) throw new LocalProblem('FORM_INVALID');
      const { technical, financial } = splitForm(built.form);
      return submitBid({
        tender,
        lotId: lot.lotId,
        contractorId,
        key,
        envelopes: two
          ? [
              { priceForm: technical, files: files.main },
              { priceForm: financial, files: files.financial },
            ]
          : [{ priceForm: built.form, files: files.main }],
        replaces: active?.bidId,
        pending: pending.current,
        onProgress: setProgress,
        onPending: (p) => {
          pending.current = p;
        },
      });
    },
    onSuccess: (r) => {
      pending.current = undefined;
      setResult({ kind: 'submitted', result: r });
    },
    onSettled: () => refresh(),
  });

  const withdraw = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.DELETE('/tenders/{tenderId}/lots/{lotId}/bids/{bidId}', {
          params: { path: { tenderId: tender.tenderId, lotId: lot.lotId, bidId: active?.bidId as string } },
        }),
      ),
    onSuccess: (r) => setResult({ kind: 'withdrawn', result: r }),
    onSettled: () => refresh(),
  });

  const failure = submit.error ?? withdraw.error;
  useEffect(() => {
    if (failure) errorBox.current?.focus();
  }, [failure]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    submit.mutate();
  };
  const busy = submit.isPending || withdraw.isPending;

  const field = (name: keyof PriceFormFields, labelId: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`bid-${name}`}>
        <FormattedMessage id={labelId} values={{ currency: tender.currency }} />
      </label>
      <input
        id={`bid-${name}`}
        name={name}
        value={fields[name]}
        onChange={(e) => set(name, e.target.value)}
        {...(errors[name] ? { 'aria-invalid': true, 'aria-describedby': `bid-${name}-error` } : {})}
        {...extra}
      />
      {errors[name] ? (
        <p className="field-error" id={`bid-${name}-error`} data-field={name}>
          <FormattedMessage
            id={errors[name]}
            values={{
              days: tender.bidValidityDays,
              amount: groupThousands(lot.bidSecurityAmount),
            }}
          />
        </p>
      ) : null}
    </div>
  );

  const priceFields = (
    <>
      {field('price', 'bid.form.price', { inputMode: 'numeric', autoComplete: 'off', required: true })}
      <div className="field">
        <label htmlFor="bid-discountKind">
          <FormattedMessage id="bid.form.discountKind" />
        </label>
        <select
          id="bid-discountKind"
          value={fields.discountKind}
          onChange={(e) => {
            set('discountKind', e.target.value);
            if (e.target.value === 'none') set('discount', '');
          }}
        >
          <option value="none">{intl.formatMessage({ id: 'bid.form.discount.none' })}</option>
          <option value="percent">{intl.formatMessage({ id: 'bid.form.discount.percent' })}</option>
          <option value="amount">{intl.formatMessage({ id: 'bid.form.discount.amount' })}</option>
        </select>
      </div>
      {fields.discountKind !== 'none'
        ? field('discount', `bid.form.discount.${fields.discountKind}Value`)
        : null}
    </>
  );
  const technicalFields = (
    <>
      {field('securityAmount', 'bid.form.securityAmount', { inputMode: 'numeric' })}
      {field('securityIssuer', 'bid.form.securityIssuer')}
      {field('securityReference', 'bid.form.securityReference')}
      {field('validityDays', 'bid.form.validityDays', { inputMode: 'numeric' })}
    </>
  );
  const documents = (slot: 'main' | 'financial', labelId: string) => (
    <div className="field">
      <label htmlFor={`bid-documents-${slot}`}>
        <FormattedMessage id={labelId} />
      </label>
      <input
        id={`bid-documents-${slot}`}
        type="file"
        multiple
        onChange={(e) => {
          pending.current = undefined;
          const chosen = Array.from(e.target.files ?? []);
          setFiles((f) => ({ ...f, [slot]: chosen }));
        }}
      />
      <ul className="documents">
        {files[slot].map((f) => (
          <li key={`${f.name}-${f.size}`}>
            <FormattedMessage
              id="bid.form.document"
              values={{ name: f.name, size: intl.formatNumber(f.size) }}
            />
          </li>
        ))}
      </ul>
    </div>
  );

  return (
    <>
      <Countdown deadline={tender.submissionDeadline} now={now} />
      <dl className="facts">
        <dt>
          <FormattedMessage id="bid.lot.estimated" />
        </dt>
        <dd>
          <Money amount={lot.estimatedValue} currency={tender.currency} />
        </dd>
        <dt>
          <FormattedMessage id="bid.lot.security" />
        </dt>
        <dd>
          <Money amount={lot.bidSecurityAmount} currency={tender.currency} />
        </dd>
        <dt>
          <FormattedMessage id="bid.lot.validity" />
        </dt>
        <dd>
          <FormattedMessage id="bid.lot.validityDays" values={{ days: tender.bidValidityDays }} />
        </dd>
      </dl>

      {state !== 'active' ? (
        <p className="problem" data-key-state={state}>
          <FormattedMessage id={`bid.key.needed.${state}`} />{' '}
          <Link to={`/${lang}/contractor/keys`}>
            <FormattedMessage id="bid.key.manage" />
          </Link>
        </p>
      ) : null}

      {active ? (
        <section className="card" aria-labelledby="active-bid" data-bid-id={active.bidId}>
          <h2 id="active-bid">
            <FormattedMessage id="bid.active.title" />
          </h2>
          <p>
            <FormattedMessage
              id="bid.active.body"
              values={{ version: active.version, time: <DateTime value={active.receivedAt} /> }}
            />
          </p>
          {active.confirmation.required ? (
            <p>
              <Link
                to={`/${lang}/contractor/tenders/${tender.tenderId}/lots/${lot.lotId}/bids/${active.bidId}/confirm`}
              >
                <FormattedMessage id="bid.active.confirm" />
              </Link>
            </p>
          ) : null}
          {closed ? null : (
            <div className="actions">
              <button type="button" className="secondary" disabled={busy} onClick={() => withdraw.mutate()}>
                <FormattedMessage id="bid.active.withdraw" />
              </button>
            </div>
          )}
        </section>
      ) : null}

      {closed ? (
        <div className="problem" role="status" data-code="DEADLINE_PASSED">
          <p>
            <FormattedMessage id="bid.problem.DEADLINE_PASSED" />
          </p>
        </div>
      ) : null}

      <form className="bid-form" onSubmit={onSubmit} aria-labelledby="bid-form-title" noValidate>
        <h2 id="bid-form-title">
          <FormattedMessage id={active ? 'bid.form.replaceTitle' : 'bid.form.title'} />
        </h2>
        {two ? (
          <>
            <fieldset>
              <legend>
                <FormattedMessage id="bid.form.technical" />
              </legend>
              {technicalFields}
              {documents('main', 'bid.form.technicalDocuments')}
            </fieldset>
            <fieldset>
              <legend>
                <FormattedMessage id="bid.form.financial" />
              </legend>
              {priceFields}
              {documents('financial', 'bid.form.financialDocuments')}
            </fieldset>
          </>
        ) : (
          <fieldset>
            <legend>
              <FormattedMessage id="bid.form.offer" />
            </legend>
            {priceFields}
            {technicalFields}
            {documents('main', 'bid.form.documents')}
          </fieldset>
        )}
        <div className="actions">
          <button type="submit" disabled={busy || state !== 'active'}>
            <FormattedMessage id={active ? 'bid.form.replace' : 'bid.form.submit'} />
          </button>
        </div>
        {progress ? <Bars progress={progress} running={submit.isPending} /> : null}
        <div ref={errorBox} tabIndex={-1}>
          <BidProblem error={failure} />
        </div>
      </form>

      {result ? <Receipt kind={result.kind} result={result.result} /> : null}
    </>
  );
}

function Bars({ progress, running }: { progress: Progress; running: boolean }) {
  const percent = (done: number, total: number) => (total > 0 ? Math.round((done / total) * 100) : 100);
  const sealing = percent(progress.sealed, progress.sealTotal);
  const uploading = progress.uploadTotal > 0 ? percent(progress.uploaded, progress.uploadTotal) : 0;
  return (
    <div className="bars" data-step={progress.step}>
      <label htmlFor="bar-sealing">
        <FormattedMessage id="bid.progress.sealing" values={{ percent: sealing }} />
      </label>
      <progress id="bar-sealing" max={100} value={sealing} />
      <label htmlFor="bar-upload">
        <FormattedMessage id="bid.progress.upload" values={{ percent: uploading }} />
      </label>
      <progress id="bar-upload" max={100} value={uploading} />
      {/* The step only while it runs: once the receipt (or a refusal) is shown, "committing" is over. */}
      <p role="status">{running ? <FormattedMessage id={`bid.step.${progress.step}`} /> : null}</p>
    </div>
  );
}

export function Receipt({ kind, result }: { kind: string; result: BidResult }) {
  const { receipt } = result;
  const json = `${JSON.stringify(receipt, null, 2)}\n`;
  const [href, setHref] = useState<string | undefined>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [json]);
  return (
    <section
      className="card receipt"
      aria-labelledby="receipt-title"
      data-bid-id={receipt.bidId}
      data-kind={kind}
    >
      <h2 id="receipt-title" tabIndex={-1}>
        <FormattedMessage id={`bid.receipt.${kind}`} />
      </h2>
      <dl className="facts">
        <dt>
          <FormattedMessage id="bid.receipt.bidId" />
        </dt>
        <dd className="key-id">{receipt.bidId}</dd>
        <dt>
          <FormattedMessage id="bid.receipt.version" />
        </dt>
        <dd>{receipt.version}</dd>
        <dt>
          <FormattedMessage id="bid.receipt.receivedAt" />
        </dt>
        <dd>
          <DateTime value={receipt.receivedAt} />
        </dd>
        <dt>
          <FormattedMessage id="bid.receipt.envelope" />
        </dt>
        <dd className="sha256">{receipt.envelopeSha256}</dd>
      </dl>
      {href ? (
        <a href={href} download={`receipt-${receipt.bidId}-${receipt.action}.json`}>
          <FormattedMessage id="bid.receipt.download" />
        </a>
      ) : null}
    </section>
  );
}
