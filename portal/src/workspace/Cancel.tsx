// Cancelling a draft or a published tender, with the reason the public will read.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { ProblemAlert } from '../components/problems';
import type { Tender } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { Field, inputProps } from './fields';

export function Cancel({ tender, etag }: { tender: Tender; etag: string }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const cancel = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/cancel', {
          params: { path: { tenderId: tender.tenderId }, header: { 'If-Match': etag } },
          body: { reason },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['entity-tender', tender.tenderId] });
    },
    onError: () => setOpen(false),
  });
  return (
    <section className="ws-section" aria-labelledby="ws-cancel-heading" id="ws-cancel">
      <h2 id="ws-cancel-heading">
        <FormattedMessage id="ws.cancel.title" />
      </h2>
      <form
        className="ws-form"
        onSubmit={(event) => {
          event.preventDefault();
          setOpen(true);
        }}
      >
        <ProblemAlert error={cancel.error} />
        <Field
          name="reason"
          label={<FormattedMessage id="ws.cancel.reason" />}
          hint={<FormattedMessage id="ws.cancel.hint" />}
          error={cancel.error}
        >
          <textarea
            {...inputProps(cancel.error, 'reason', true)}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        <div className="actions">
          <button type="submit" className="danger">
            <FormattedMessage id="ws.cancel.open" />
          </button>
        </div>
      </form>
      <ConfirmDialog
        id="ws-cancel-dialog"
        open={open}
        danger
        title={<FormattedMessage id="ws.cancel.confirmTitle" />}
        confirmLabel={<FormattedMessage id="ws.cancel.confirm" />}
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate()}
        onClose={() => setOpen(false)}
      >
        <p>
          <FormattedMessage id="ws.cancel.warning" />
        </p>
      </ConfirmDialog>
    </section>
  );
}
