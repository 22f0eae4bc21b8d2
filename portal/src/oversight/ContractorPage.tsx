// One contractor as oversight sees it: the profile, its standing, the status change (suspend with
// a reason, debar with a reason and a period, lift) sent with the If-Match of the profile read,
// and the history of its status changes (GET /contractors/{id}/status-history, from the audit log).
// Which changes are offered follows the contractor lifecycle (shared/lifecycle/record-tables.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams, useSearchParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/problems';
import { ifMatchHeader, tagged } from '../decisions/http';
import { Field, inputProps } from '../workspace/fields';
import { fromHanoiText } from '../workspace/time';
import { BackToDashboard, OversightGate } from './Gate';
import type { ContractorStatus, ContractorView } from './types';

type Action = 'suspend' | 'debar' | 'lift';
const target: Record<Action, ContractorStatus> = { suspend: 'suspended', debar: 'debarred', lift: 'active' };
// The contractor lifecycle's `from` states of suspend, debar and reinstate.
const allowedFrom: Record<Action, readonly ContractorStatus[]> = {
  suspend: ['active', 'suspended'],
  debar: ['active', 'suspended', 'debarred'],
  lift: ['suspended', 'debarred'],
};

/** A refusal found before sending: shown beside its field like the API's, in the catalogue's words. */
class FormRefusal extends Error {
  constructor(
    readonly field: 'reason' | 'until',
    readonly messageId: string,
  ) {
    super(messageId);
  }
}

function LocalMessage({ error, field }: { error: unknown; field: 'reason' | 'until' }) {
  if (!(error instanceof FormRefusal) || error.field !== field) return null;
  return (
    <p className="field-error" id={`local-error-${field}`} data-field={field}>
      <FormattedMessage id={error.messageId} />
    </p>
  );
}

const localProps = (error: unknown, field: 'reason' | 'until', hint: boolean) => {
  const base = inputProps(error, field, hint);
  if (!(error instanceof FormRefusal) || error.field !== field) return base;
  const described = [base['aria-describedby'], `local-error-${field}`].filter(Boolean).join(' ');
  return { ...base, 'aria-invalid': true as const, 'aria-describedby': described };
};

function StatusForm({ contractor, etag }: { contractor: ContractorView; etag: string | undefined }) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const actions = (Object.keys(allowedFrom) as Action[]).filter((a) =>
    allowedFrom[a].includes(contractor.status),
  );
  const [action, setAction] = useState<Action>(actions[0] ?? 'debar');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const change = useMutation({
    mutationFn: async () => {
      const status = target[action];
      if (status !== 'active' && reason.trim() === '')
        throw new FormRefusal('reason', 'oversight.status.reasonRequired');
      const untilInstant = until.trim() ? fromHanoiText(until) : undefined;
      if (until.trim() && !untilInstant) throw new FormRefusal('until', 'oversight.status.untilUnreadable');
      if (status === 'debarred' && !untilInstant)
        throw new FormRefusal('until', 'oversight.status.periodRequired');
      return orThrow(
        await api.PUT('/contractors/{contractorId}/status', {
          params: { path: { contractorId: contractor.contractorId }, header: ifMatchHeader(etag) },
          body:
            status === 'active'
              ? { status }
              : { status, reason: reason.trim(), ...(untilInstant ? { until: untilInstant } : {}) },
        }),
      );
    },
    onSuccess: async () => {
      setReason('');
      setUntil('');
      await queryClient.invalidateQueries({ queryKey: ['oversight', 'contractor', contractor.contractorId] });
    },
  });
  const error = change.error;
  return (
    <section className="oversight-section" aria-labelledby="status-change-heading" id="status-change">
      <h2 id="status-change-heading">
        <FormattedMessage id="oversight.status.title" />
      </h2>
      <form
        className="oversight-form"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate();
        }}
      >
        {error instanceof FormRefusal ? null : <ProblemAlert error={error} />}
        <fieldset>
          <legend>
            <FormattedMessage id="oversight.status.action" />
          </legend>
          {actions.map((a) => (
            <label key={a} className="choice">
              <input
                type="radio"
                name="action"
                value={a}
                checked={action === a}
                onChange={() => {
                  setAction(a);
                  change.reset();
                }}
              />
              <FormattedMessage id={`oversight.status.${a}`} />
            </label>
          ))}
        </fieldset>
        {action !== 'lift' ? (
          <>
            <Field
              name="reason"
              label={<FormattedMessage id="oversight.status.reason" />}
              hint={<FormattedMessage id="oversight.status.reasonHint" />}
              error={error}
            >
              <textarea
                {...localProps(error, 'reason', true)}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
            <LocalMessage error={error} field="reason" />
            <Field
              name="until"
              label={
                <FormattedMessage
                  id={action === 'debar' ? 'oversight.status.until' : 'oversight.status.untilOptional'}
                />
              }
              hint={<FormattedMessage id="oversight.status.untilHint" />}
              error={error}
            >
              <input
                {...localProps(error, 'until', true)}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                placeholder={intl.formatMessage({ id: 'oversight.datetime.placeholder' })}
                value={until}
                onChange={(e) => setUntil(e.target.value)}
              />
            </Field>
            <LocalMessage error={error} field="until" />
          </>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className={action === 'lift' ? undefined : 'danger'}
            disabled={change.isPending}
          >
            <FormattedMessage id={`oversight.status.submit.${action}`} />
          </button>
        </div>
        {change.isSuccess ? (
          <p role="status" className="saved">
            <FormattedMessage id="oversight.status.saved" />
          </p>
        ) : null}
      </form>
    </section>
  );
}

function History({ contractorId }: { contractorId: string }) {
  const [search] = useSearchParams();
  const cursor = search.get('cursor') ?? undefined;
  const history = useQuery({
    queryKey: ['oversight', 'contractor', contractorId, 'history', cursor],
    queryFn: async () =>
      orThrow(
        await api.GET('/contractors/{contractorId}/status-history', {
          params: { path: { contractorId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
        }),
      ),
  });
  return (
    <section className="oversight-section" aria-labelledby="status-history-heading" id="status-history">
      <h2 id="status-history-heading">
        <FormattedMessage id="oversight.history.title" />
      </h2>
      <ProblemAlert error={history.error} />
      {history.data && history.data.items.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="oversight.history.none" />
        </p>
      ) : null}
      <ol className="status-history">
        {history.data?.items.map((entry) => (
          <li key={entry.eventId} data-event-id={entry.eventId} data-status={entry.status}>
            <p>
              <DateTime value={entry.at} />{' '}
              <strong className="history-status">
                <FormattedMessage id={`contractorStatus.${entry.status}`} />
              </strong>
            </p>
            {entry.reason ? (
              <p className="history-reason">
                <FormattedMessage id="oversight.history.reason" values={{ reason: entry.reason }} />
              </p>
            ) : null}
            {entry.until ? (
              <p className="history-until">
                <FormattedMessage
                  id="oversight.history.until"
                  values={{ until: <DateTime value={entry.until} /> }}
                />
              </p>
            ) : null}
            <p className="history-actor">
              <FormattedMessage
                id="oversight.history.by"
                values={{
                  role: <FormattedMessage id={`oversight.role.${entry.actor.role}`} />,
                  sub: entry.actor.sub,
                }}
              />
            </p>
          </li>
        ))}
      </ol>
      <Pager nextCursor={history.data?.nextCursor} />
    </section>
  );
}

export function ContractorPage() {
  const { contractorId = '' } = useParams();
  const contractor = useQuery({
    queryKey: ['oversight', 'contractor', contractorId, 'profile'],
    queryFn: async () =>
      tagged(await api.GET('/contractors/{contractorId}', { params: { path: { contractorId } } })),
  });
  const data = contractor.data?.data as ContractorView | undefined;
  return (
    <OversightGate>
      <BackToDashboard />
      <ProblemAlert error={contractor.error} />
      {data ? (
        <>
          <h1>{data.name}</h1>
          <dl className="contractor-profile" data-status={data.status}>
            <dt>
              <FormattedMessage id="oversight.contractors.code" />
            </dt>
            <dd>{data.enterpriseCode}</dd>
            <dt>
              <FormattedMessage id="oversight.contractors.status" />
            </dt>
            <dd className="current-status">
              <FormattedMessage id={`contractorStatus.${data.status}`} />
            </dd>
            {data.statusReason ? (
              <>
                <dt>
                  <FormattedMessage id="oversight.status.reason" />
                </dt>
                <dd className="current-reason">{data.statusReason}</dd>
              </>
            ) : null}
            {data.statusUntil ? (
              <>
                <dt>
                  <FormattedMessage id="oversight.status.until" />
                </dt>
                <dd className="current-until">
                  <DateTime value={data.statusUntil} />
                </dd>
              </>
            ) : null}
          </dl>
          <StatusForm
            key={`${data.status}-${contractor.data?.etag}`}
            contractor={data}
            etag={contractor.data?.etag}
          />
          <History contractorId={contractorId} />
        </>
      ) : null}
    </OversightGate>
  );
}
