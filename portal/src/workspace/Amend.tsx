// Amending a published tender: the changes and the note published with them, then a confirmation
// that shows what the amendment rule will do (ND 214/2025 Art. 28(2)(b)): when fewer than 10 days
// (3 working days for a small package) would remain, closing moves to that long after the
// amendment. The preview runs the API's own rule function on the procedure's numbers.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { type AmendmentResult, type Tender, useProcedures } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { DateTimeInput } from './DateTimeInput';
import { Field, inputProps } from './fields';
import { amendmentPeriodOf, previewExtension } from './rules';
import { fromHanoiText, instantOrText, toHanoiText } from './time';

/** What the last amendment answered: shown above the form, which starts afresh from the new revision. */
export function AmendmentDone({ result }: { result: AmendmentResult }) {
  return (
    <div className="ws-done" role="status" id="ws-amend-result">
      <p>
        <FormattedMessage id="ws.amend.done" values={{ revision: result.revision.revision }} />
      </p>
      {result.deadlineExtended ? (
        <p>
          <FormattedMessage
            id="ws.amend.extended"
            values={{
              from: <DateTime value={result.deadlineExtended.from} />,
              to: <DateTime value={result.deadlineExtended.to} />,
            }}
          />
        </p>
      ) : null}
    </div>
  );
}

export function Amend({
  tender,
  etag,
  onDone,
}: {
  tender: Tender;
  etag: string;
  onDone: (result: AmendmentResult) => void;
}) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const procedures = useProcedures();
  const initial = {
    title: tender.title,
    description: tender.description,
    submissionDeadline: toHanoiText(tender.submissionDeadline),
    questionsDeadline: toHanoiText(tender.questionsDeadline),
  };
  const [s, setState] = useState(initial);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const [previewAt, setPreviewAt] = useState(0);
  const set = (patch: Partial<typeof initial>) => setState((prev) => ({ ...prev, ...patch }));

  const changes = {
    ...(s.title !== initial.title ? { title: s.title } : {}),
    ...(s.description !== initial.description ? { description: s.description } : {}),
    ...(s.submissionDeadline !== initial.submissionDeadline
      ? { submissionDeadline: instantOrText(s.submissionDeadline) ?? '' }
      : {}),
    ...(s.questionsDeadline !== initial.questionsDeadline
      ? { questionsDeadline: instantOrText(s.questionsDeadline) ?? '' }
      : {}),
  };
  const procedure = procedures.data?.items.find((p) => p.id === tender.procurementMethod);
  const merged = {
    ...tender,
    submissionDeadline: fromHanoiText(s.submissionDeadline) ?? tender.submissionDeadline,
  };
  const extension =
    procedure && procedures.data && previewAt
      ? previewExtension(merged, procedure, procedures.data.acceleration, previewAt)
      : undefined;
  const period = procedure ? amendmentPeriodOf(merged, procedure) : undefined;

  const amend = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/amendments', {
          params: { path: { tenderId: tender.tenderId }, header: { 'If-Match': etag } },
          body: { changes, note },
        }),
      ),
    onSuccess: async (answer) => {
      setOpen(false);
      onDone(answer);
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['entity-tender', tender.tenderId] });
    },
    onError: () => setOpen(false),
  });

  return (
    <section className="ws-section" aria-labelledby="ws-amend-heading" id="ws-amend">
      <h2 id="ws-amend-heading">
        <FormattedMessage id="ws.amend.title" />
      </h2>
      {period ? (
        <p className="hint">
          <FormattedMessage id={`ws.amend.rule.${period.unit}`} values={{ n: period.n }} />
        </p>
      ) : null}
      <form
        className="ws-form"
        onSubmit={(event) => {
          event.preventDefault();
          setPreviewAt(Date.now());
          setOpen(true);
        }}
      >
        <ProblemAlert error={amend.error} />
        <Field name="changes.title" label={<FormattedMessage id="ws.form.title" />} error={amend.error}>
          <input
            {...inputProps(amend.error, 'changes.title')}
            value={s.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </Field>
        <Field
          name="changes.description"
          label={<FormattedMessage id="ws.form.description" />}
          error={amend.error}
        >
          <textarea
            {...inputProps(amend.error, 'changes.description')}
            value={s.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
        <div className="ws-grid">
          <Field
            name="changes.submissionDeadline"
            label={<FormattedMessage id="ws.form.submissionDeadline" />}
            hint={<FormattedMessage id="ws.datetime.howTo" />}
            error={amend.error}
          >
            <DateTimeInput
              name="changes.submissionDeadline"
              value={s.submissionDeadline}
              onChange={(text) => set({ submissionDeadline: text })}
              error={amend.error}
            />
          </Field>
          <Field
            name="changes.questionsDeadline"
            label={<FormattedMessage id="ws.form.questionsDeadline" />}
            hint={<FormattedMessage id="ws.datetime.howTo" />}
            error={amend.error}
          >
            <DateTimeInput
              name="changes.questionsDeadline"
              value={s.questionsDeadline}
              onChange={(text) => set({ questionsDeadline: text })}
              error={amend.error}
            />
          </Field>
        </div>
        <Field
          name="note"
          label={<FormattedMessage id="ws.amend.note" />}
          hint={<FormattedMessage id="ws.amend.noteHint" />}
          error={amend.error}
        >
          <textarea
            {...inputProps(amend.error, 'note', true)}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        <div className="actions">
          <button type="submit">
            <FormattedMessage id="ws.amend.review" />
          </button>
        </div>
      </form>
      <ConfirmDialog
        id="ws-amend-dialog"
        open={open}
        title={<FormattedMessage id="ws.amend.confirmTitle" />}
        confirmLabel={<FormattedMessage id="ws.amend.confirm" />}
        pending={amend.isPending}
        onConfirm={() => amend.mutate()}
        onClose={() => setOpen(false)}
      >
        <p>
          <FormattedMessage
            id="ws.amend.changedFields"
            values={{
              fields:
                Object.keys(changes)
                  .map((field) => intl.formatMessage({ id: `tenderField.${field}` }))
                  .join(', ') || intl.formatMessage({ id: 'ws.amend.noChanges' }),
            }}
          />
        </p>
        {extension ? (
          <p className="ws-notice" id="ws-amend-extension">
            <FormattedMessage
              id={`ws.amend.willExtend.${extension.unit ?? 'days'}`}
              values={{
                n: extension.limit ?? 0,
                from: <DateTime value={extension.from} />,
                to: <DateTime value={extension.to} />,
              }}
            />
          </p>
        ) : (
          <p id="ws-amend-extension" data-none="true">
            <FormattedMessage id="ws.amend.noExtension" />
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
