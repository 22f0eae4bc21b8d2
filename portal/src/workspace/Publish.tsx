// Publishing a draft, after a confirmation that lists what becomes public: the tender's terms,
// its lots with their estimates and bid security, the deadlines and the documents; and that bids
// will be sealed to an opening key made now. POST /publish with If-Match.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import type { Tender } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { RefusalMessage } from './fields';

export function Publish({ tender, etag }: { tender: Tender; etag: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const publish = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/publish', {
          params: { path: { tenderId: tender.tenderId }, header: { 'If-Match': etag } },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['entity-tender', tender.tenderId] });
    },
    onError: () => setOpen(false),
  });
  return (
    <section className="ws-section" aria-labelledby="ws-publish-heading" id="ws-publish">
      <h2 id="ws-publish-heading">
        <FormattedMessage id="ws.publish.title" />
      </h2>
      <p>
        <FormattedMessage id="ws.publish.intro" />
      </p>
      <ProblemAlert error={publish.error} />
      {['submissionDeadline', 'questionsDeadline', 'lots.0.bidSecurityAmount'].map((name) => (
        <RefusalMessage key={name} error={publish.error} name={name} />
      ))}
      <button type="button" onClick={() => setOpen(true)}>
        <FormattedMessage id="ws.publish.open" />
      </button>
      <ConfirmDialog
        id="ws-publish-dialog"
        open={open}
        title={<FormattedMessage id="ws.publish.confirmTitle" />}
        confirmLabel={<FormattedMessage id="ws.publish.confirm" />}
        pending={publish.isPending}
        onConfirm={() => publish.mutate()}
        onClose={() => setOpen(false)}
      >
        <p>
          <FormattedMessage id="ws.publish.whatBecomesPublic" />
        </p>
        <ul className="ws-public-list">
          <li>
            <FormattedMessage id="ws.publish.item.title" values={{ title: tender.title }} />
          </li>
          <li>
            <FormattedMessage id="ws.publish.item.buyer" values={{ buyer: tender.buyerName }} />
          </li>
          {tender.lots.map((lot) => (
            <li key={lot.lotId}>
              <FormattedMessage
                id="ws.publish.item.lot"
                values={{
                  title: lot.title,
                  estimate: <Money amount={lot.estimatedValue} currency={tender.currency} />,
                  security: <Money amount={lot.bidSecurityAmount} currency={tender.currency} />,
                }}
              />
            </li>
          ))}
          <li>
            <FormattedMessage
              id="ws.publish.item.deadlines"
              values={{
                submission: <DateTime value={tender.submissionDeadline} />,
                questions: <DateTime value={tender.questionsDeadline} />,
              }}
            />
          </li>
          <li>
            <FormattedMessage id="ws.publish.item.documents" values={{ count: tender.documents.length }} />
          </li>
          <li>
            <FormattedMessage id="ws.publish.item.sealed" />
          </li>
        </ul>
      </ConfirmDialog>
    </section>
  );
}
