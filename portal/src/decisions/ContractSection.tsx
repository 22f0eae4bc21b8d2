// The contract record of each awarded lot, once its standstill is over and every petition is
// answered: the value signed (never above the award) and when it was signed (entered in Hanoi
// time, sent as UTC). Before then the page says what it waits for.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from './fields';
import { hanoiInputToUtc } from './hanoi-time';
import { ifMatchHeader } from './http';
import { type DecisionQueries, useRefresh } from './queries';
import type { AwardNotice, OwnTender } from './types';

function ContractForm({
  queries,
  tender,
  award,
}: {
  queries: DecisionQueries;
  tender: OwnTender;
  award: AwardNotice;
}) {
  const refresh = useRefresh(tender.tenderId);
  const scope = `contract-${award.lotId}`;
  const [value, setValue] = useState(award.amount);
  const [signedAt, setSignedAt] = useState('');
  const record = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/lots/{lotId}/contract', {
          params: {
            path: { tenderId: tender.tenderId, lotId: award.lotId },
            header: ifMatchHeader(queries.tender.data?.etag),
          },
          // An unreadable time goes as typed: the API's refusal then names the field.
          body: { value: value.trim(), signedAt: hanoiInputToUtc(signedAt) ?? signedAt },
        }),
      ),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <form className="entry-form" onSubmit={submit} aria-labelledby={`${scope}-title`}>
      <p id={`${scope}-title`} className="form-title">
        <FormattedMessage id="decisions.contract.formTitle" />
      </p>
      <div className="field">
        <label htmlFor={`${scope}-value`}>
          <FormattedMessage id="decisions.contract.value" values={{ currency: award.currency }} />
        </label>
        <input
          id={`${scope}-value`}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          {...describedIn(scope, record.error, 'value', `${scope}-value-hint`)}
        />
        <p className="hint" id={`${scope}-value-hint`}>
          <FormattedMessage
            id="decisions.contract.valueHint"
            values={{ amount: <Money amount={award.amount} currency={award.currency} /> }}
          />
        </p>
        <FieldProblem scope={scope} name="value" error={record.error} />
      </div>
      <div className="field">
        <label htmlFor={`${scope}-signedAt`}>
          <FormattedMessage id="decisions.contract.signedAt" />
        </label>
        <input
          id={`${scope}-signedAt`}
          type="datetime-local"
          value={signedAt}
          onChange={(e) => setSignedAt(e.target.value)}
          {...describedIn(scope, record.error, 'signedAt', `${scope}-signedAt-hint`)}
        />
        <p className="hint" id={`${scope}-signedAt-hint`}>
          <FormattedMessage id="decisions.contract.signedAtHint" />
        </p>
        <FieldProblem scope={scope} name="signedAt" error={record.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={record.isPending}>
          <FormattedMessage id="decisions.contract.submit" />
        </button>
      </div>
      <ProblemAlert error={record.error} />
    </form>
  );
}

export function ContractSection({ queries, tender }: { queries: DecisionQueries; tender: OwnTender }) {
  const { awards, complaints } = queries;
  const items = awards.data?.items ?? [];
  const lotTitle = (lotId: string) => tender.lots.find((l) => l.lotId === lotId)?.title ?? lotId;
  return (
    <section id="contract" aria-labelledby="contract-title" className="step">
      <h2 id="contract-title">
        <FormattedMessage id="decisions.step.contract" />
      </h2>
      {items.length === 0 ? (
        <p>
          <FormattedMessage id="decisions.contract.noAward" />
        </p>
      ) : null}
      <ul className="cards">
        {items.map((award) => {
          const pending = (complaints.data?.items ?? []).filter(
            (c) => c.lotId === award.lotId && c.status === 'pending',
          ).length;
          return (
            <li key={award.awardId} className="card lot" data-lot-id={award.lotId} data-status={award.status}>
              <h3>{lotTitle(award.lotId)}</h3>
              {award.contract ? (
                <dl className="facts contract" data-contract-id={award.contract.contractId}>
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.contract.valueSigned" />
                    </dt>
                    <dd>
                      <Money amount={award.contract.value} currency={award.contract.currency} />
                    </dd>
                  </div>
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.contract.signedAt" />
                    </dt>
                    <dd>
                      <DateTime value={award.contract.signedAt} />
                    </dd>
                  </div>
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.contract.recordedAt" />
                    </dt>
                    <dd>
                      <DateTime value={award.contract.recordedAt} />
                    </dd>
                  </div>
                </dl>
              ) : (
                <>
                  <p>
                    <FormattedMessage
                      id="decisions.contract.waits"
                      values={{ at: <DateTime value={award.standstillEndsAt} />, pending }}
                    />
                  </p>
                  <ContractForm queries={queries} tender={tender} award={award} />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
