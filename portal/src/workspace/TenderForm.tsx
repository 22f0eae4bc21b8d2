// The draft form, built from the chosen procedure (GET /procedures): the envelopes, scopes and
// categories it allows, its minimum bids, the bid security range per lot (small package or not),
// and the deadlines' legal minimums with the dates they mean now. The API decides; the hints
// only say beforehand what it will check, and its refusals show beside their fields.
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatMoney } from '../components/format';
import { ProblemAlert } from '../components/problems';
import type { Procedure, ProcedureList } from './api';
import { DateTimeInput } from './DateTimeInput';
import { type DraftState, emptyLot, evaluationMethods, type LotState, wholeNumber } from './draft-state';
import { Field, inputProps } from './fields';
import { deadlineHints } from './rules';
import { fromHanoiText, toHanoiText } from './time';

function useProcedureName() {
  const intl = useIntl();
  return (p: Procedure) =>
    intl.messages[`method.${p.id}`]
      ? intl.formatMessage({ id: `method.${p.id}` })
      : intl.locale.startsWith('vi')
        ? p.nameVi
        : p.name;
}

function HanoiTime({ instant }: { instant: string }) {
  return <FormattedMessage id="time.inZone" values={{ time: toHanoiText(instant) }} />;
}

export function TenderForm({
  initial,
  procedures,
  error,
  pending,
  submitLabel,
  onSubmit,
}: {
  initial: DraftState;
  procedures: ProcedureList;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: (state: DraftState) => void;
}) {
  const intl = useIntl();
  const procedureName = useProcedureName();
  const [s, setState] = useState<DraftState>(initial);
  const available = procedures.items.filter((p) => p.available);
  const procedure = available.find((p) => p.id === s.procurementMethod) ?? available[0];
  const set = (patch: Partial<DraftState>) => setState((prev) => ({ ...prev, ...patch }));
  const setLot = (i: number, patch: Partial<LotState>) =>
    setState((prev) => ({
      ...prev,
      lots: prev.lots.map((lot, j) => (j === i ? { ...lot, ...patch } : lot)),
    }));

  /** A procedure change keeps what the new one allows and takes its first option otherwise. */
  const chooseProcedure = (id: string) => {
    const next = available.find((p) => p.id === id);
    if (!next) return;
    const keep = (value: string, allowed: readonly string[] | undefined) =>
      allowed?.includes(value) ? value : (allowed?.[0] ?? value);
    set({
      procurementMethod: id,
      envelopeProcedure: keep(s.envelopeProcedure, next.envelopeProcedures),
      biddingScope: keep(s.biddingScope, next.biddingScopes),
      category: keep(s.category, next.categories),
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(s);
  };

  if (!procedure) return <ProblemAlert error={new Error('no procedure')} />;
  const lotsForRules = s.lots.map((lot) => ({
    estimatedValue: wholeNumber(lot.estimatedValue) || 0,
    bidSecurityAmount: wholeNumber(lot.bidSecurityAmount) || 0,
  }));
  const submissionInstant = fromHanoiText(s.submissionDeadline) ?? '';
  const hints = deadlineHints(
    {
      category: s.category,
      envelopeProcedure: s.envelopeProcedure,
      biddingScope: s.biddingScope as 'domestic' | 'international',
      currency: 'VND',
      minBids: wholeNumber(s.minBids) || 1,
      lots: lotsForRules,
      submissionDeadline: submissionInstant,
      questionsDeadline: fromHanoiText(s.questionsDeadline) ?? '',
    },
    procedure,
    procedures.acceleration,
    Date.now(),
  );
  const minBids = procedure.settings?.minBids?.value ?? 1;
  const combined = s.method === 'combined';
  const scored = combined || s.method === 'technical-score';
  const percent = (n: number) => intl.formatNumber(n, { maximumFractionDigits: 2 });

  return (
    <form className="ws-form" onSubmit={submit} noValidate>
      <ProblemAlert error={error} />
      <fieldset>
        <legend>
          <FormattedMessage id="ws.form.procedure" />
        </legend>
        <Field
          name="procurementMethod"
          label={<FormattedMessage id="ws.form.procurementMethod" />}
          error={error}
        >
          <select
            {...inputProps(error, 'procurementMethod')}
            value={procedure.id}
            onChange={(e) => chooseProcedure(e.target.value)}
          >
            {available.map((p) => (
              <option key={p.id} value={p.id}>
                {procedureName(p)}
              </option>
            ))}
          </select>
        </Field>
        <div className="ws-grid">
          <Field name="category" label={<FormattedMessage id="ws.form.category" />} error={error}>
            <select
              {...inputProps(error, 'category')}
              value={s.category}
              onChange={(e) => set({ category: e.target.value })}
            >
              {(procedure.categories ?? []).map((c) => (
                <option key={c} value={c}>
                  {intl.formatMessage({ id: `category.${c}` })}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="envelopeProcedure"
            label={<FormattedMessage id="ws.form.envelopeProcedure" />}
            error={error}
          >
            <select
              {...inputProps(error, 'envelopeProcedure')}
              value={s.envelopeProcedure}
              onChange={(e) => set({ envelopeProcedure: e.target.value })}
            >
              {(procedure.envelopeProcedures ?? []).map((e) => (
                <option key={e} value={e}>
                  {intl.formatMessage({ id: `ws.envelope.${e}` })}
                </option>
              ))}
            </select>
          </Field>
          <Field name="biddingScope" label={<FormattedMessage id="ws.form.biddingScope" />} error={error}>
            <select
              {...inputProps(error, 'biddingScope')}
              value={s.biddingScope}
              onChange={(e) => set({ biddingScope: e.target.value })}
            >
              {(procedure.biddingScopes ?? []).map((b) => (
                <option key={b} value={b}>
                  {intl.formatMessage({ id: `ws.scope.${b}` })}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="ws.form.general" />
        </legend>
        <Field name="title" label={<FormattedMessage id="ws.form.title" />} error={error}>
          <input
            {...inputProps(error, 'title')}
            value={s.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </Field>
        <Field name="description" label={<FormattedMessage id="ws.form.description" />} error={error}>
          <textarea
            {...inputProps(error, 'description')}
            value={s.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
        <div className="ws-grid">
          <Field
            name="bidValidityDays"
            label={<FormattedMessage id="ws.form.bidValidityDays" />}
            hint={<FormattedMessage id="ws.form.bidValidityDays.hint" />}
            error={error}
          >
            <input
              {...inputProps(error, 'bidValidityDays', true)}
              inputMode="numeric"
              value={s.bidValidityDays}
              onChange={(e) => set({ bidValidityDays: e.target.value })}
            />
          </Field>
          <Field
            name="minBids"
            label={<FormattedMessage id="ws.form.minBids" />}
            hint={<FormattedMessage id="ws.form.minBids.hint" values={{ min: minBids }} />}
            error={error}
          >
            <input
              {...inputProps(error, 'minBids', true)}
              inputMode="numeric"
              value={s.minBids}
              onChange={(e) => set({ minBids: e.target.value })}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="ws.form.lots" />
        </legend>
        <p className="hint">
          <FormattedMessage
            id={hints.small ? 'ws.form.smallPackage' : 'ws.form.notSmallPackage'}
            values={{ min: percent(hints.securityMinPercent), max: percent(hints.securityMaxPercent) }}
          />
        </p>
        {s.lots.map((lot, i) => {
          const estimate = wholeNumber(lot.estimatedValue);
          const range =
            estimate && !Number.isNaN(estimate)
              ? {
                  low: formatMoney(Math.ceil((estimate * hints.securityMinPercent) / 100)),
                  high: formatMoney(Math.floor((estimate * hints.securityMaxPercent) / 100)),
                }
              : undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lots have no id until saved; order is their identity.
            <fieldset key={i} className="lot" data-lot={i}>
              <legend>
                <FormattedMessage id="ws.form.lot" values={{ n: i + 1 }} />
              </legend>
              <Field
                name={`lots.${i}.title`}
                label={<FormattedMessage id="ws.form.lotTitle" />}
                error={error}
              >
                <input
                  {...inputProps(error, `lots.${i}.title`)}
                  value={lot.title}
                  onChange={(e) => setLot(i, { title: e.target.value })}
                />
              </Field>
              <Field
                name={`lots.${i}.description`}
                label={<FormattedMessage id="ws.form.lotDescription" />}
                error={error}
              >
                <textarea
                  {...inputProps(error, `lots.${i}.description`)}
                  value={lot.description}
                  onChange={(e) => setLot(i, { description: e.target.value })}
                />
              </Field>
              <div className="ws-grid">
                <Field
                  name={`lots.${i}.estimatedValue`}
                  label={<FormattedMessage id="ws.form.estimatedValue" />}
                  hint={
                    estimate && !Number.isNaN(estimate) ? (
                      formatMoney(estimate)
                    ) : (
                      <FormattedMessage id="ws.form.vndHint" />
                    )
                  }
                  error={error}
                >
                  <input
                    {...inputProps(error, `lots.${i}.estimatedValue`, true)}
                    inputMode="numeric"
                    value={lot.estimatedValue}
                    onChange={(e) => setLot(i, { estimatedValue: e.target.value })}
                  />
                </Field>
                <Field
                  name={`lots.${i}.bidSecurityAmount`}
                  label={<FormattedMessage id="ws.form.bidSecurity" />}
                  hint={
                    range ? (
                      <FormattedMessage
                        id="ws.form.bidSecurity.range"
                        values={{
                          min: percent(hints.securityMinPercent),
                          max: percent(hints.securityMaxPercent),
                          ...range,
                        }}
                      />
                    ) : (
                      <FormattedMessage
                        id="ws.form.bidSecurity.percent"
                        values={{
                          min: percent(hints.securityMinPercent),
                          max: percent(hints.securityMaxPercent),
                        }}
                      />
                    )
                  }
                  error={error}
                >
                  <input
                    {...inputProps(error, `lots.${i}.bidSecurityAmount`, true)}
                    inputMode="numeric"
                    value={lot.bidSecurityAmount}
                    onChange={(e) => setLot(i, { bidSecurityAmount: e.target.value })}
                  />
                </Field>
              </div>
              {s.lots.length > 1 && !lot.lotId ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => set({ lots: s.lots.filter((_, j) => j !== i) })}
                >
                  <FormattedMessage id="ws.form.removeLot" values={{ n: i + 1 }} />
                </button>
              ) : null}
            </fieldset>
          );
        })}
        <p>
          <button type="button" className="secondary" onClick={() => set({ lots: [...s.lots, emptyLot] })}>
            <FormattedMessage id="ws.form.addLot" />
          </button>
        </p>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="ws.form.evaluation" />
        </legend>
        <Field
          name="evaluation.method"
          label={<FormattedMessage id="ws.form.evaluationMethod" />}
          hint={<FormattedMessage id={`ws.evaluation.hint.${s.method}`} />}
          error={error}
        >
          <select
            {...inputProps(error, 'evaluation.method', true)}
            value={s.method}
            onChange={(e) => set({ method: e.target.value })}
          >
            {evaluationMethods.map((m) => (
              <option key={m} value={m}>
                {intl.formatMessage({ id: `ws.evaluation.${m}` })}
              </option>
            ))}
          </select>
        </Field>
        {combined ? (
          <div className="ws-grid">
            <Field
              name="evaluation.technicalWeight"
              label={<FormattedMessage id="ws.form.technicalWeight" />}
              hint={<FormattedMessage id="ws.form.weights.hint" />}
              error={error}
            >
              <input
                {...inputProps(error, 'evaluation.technicalWeight', true)}
                inputMode="numeric"
                value={s.technicalWeight}
                onChange={(e) => set({ technicalWeight: e.target.value })}
              />
            </Field>
            <Field
              name="evaluation.priceWeight"
              label={<FormattedMessage id="ws.form.priceWeight" />}
              error={error}
            >
              <input
                {...inputProps(error, 'evaluation.priceWeight')}
                inputMode="numeric"
                value={s.priceWeight}
                onChange={(e) => set({ priceWeight: e.target.value })}
              />
            </Field>
          </div>
        ) : null}
        {scored ? (
          <Field
            name="evaluation.minTechnicalScore"
            label={<FormattedMessage id="ws.form.minTechnicalScore" />}
            hint={<FormattedMessage id="ws.form.minTechnicalScore.hint" />}
            error={error}
          >
            <input
              {...inputProps(error, 'evaluation.minTechnicalScore', true)}
              inputMode="numeric"
              value={s.minTechnicalScore}
              onChange={(e) => set({ minTechnicalScore: e.target.value })}
            />
          </Field>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="ws.form.deadlines" />
        </legend>
        <p className="hint">
          <FormattedMessage id="ws.datetime.howTo" />
        </p>
        <Field
          name="submissionDeadline"
          label={<FormattedMessage id="ws.form.submissionDeadline" />}
          hint={
            <FormattedMessage
              id="ws.form.submissionDeadline.hint"
              values={{
                days: hints.minSubmissionDays,
                earliest: <HanoiTime instant={hints.earliestSubmission} />,
              }}
            />
          }
          error={error}
        >
          <DateTimeInput
            name="submissionDeadline"
            value={s.submissionDeadline}
            onChange={(text) => set({ submissionDeadline: text })}
            error={error}
          />
        </Field>
        <Field
          name="questionsDeadline"
          label={<FormattedMessage id="ws.form.questionsDeadline" />}
          hint={
            hints.latestQuestions ? (
              <FormattedMessage
                id="ws.form.questionsDeadline.hint"
                values={{
                  days: hints.cutoffWorkingDays,
                  latest: <HanoiTime instant={hints.latestQuestions} />,
                }}
              />
            ) : (
              <FormattedMessage
                id="ws.form.questionsDeadline.rule"
                values={{ days: hints.cutoffWorkingDays }}
              />
            )
          }
          error={error}
        >
          <DateTimeInput
            name="questionsDeadline"
            value={s.questionsDeadline}
            onChange={(text) => set({ questionsDeadline: text })}
            error={error}
          />
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
