// Re-confirming a placed bid after an amendment (functions/bid-commit/confirm.ts): the bid answers
// the tender as amended, signed with this browser's registered key over the bid and the tender's
// current revision (shared/sealing/confirmation.ts); a signed receipt comes back.
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { signConfirmation } from '../../../shared/sealing/index.ts';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { Receipt } from './BidPage';
import { BidProblem, LocalProblem } from './BidProblem';
import { ContractorOnly } from './ContractorOnly';
import { keyState, useBrowserKey } from './local-key';
import { useContractor, useOwnBids, useRefreshBidding, useSigningKeys, useTender } from './queries';
import './bidding.css';

export function ConfirmPage() {
  return (
    <ContractorOnly>
      <ConfirmBody />
    </ContractorOnly>
  );
}

function ConfirmBody() {
  const { tenderId = '', lotId = '', bidId = '', lang } = useParams();
  const tender = useTender(tenderId);
  const bids = useOwnBids(tenderId);
  const contractor = useContractor();
  const keys = useSigningKeys(contractor.data?.contractorId);
  const local = useBrowserKey();
  const refresh = useRefreshBidding();
  const bid = bids.data?.find((b) => b.bidId === bidId && b.lotId === lotId);
  const state = keyState(local.data?.keyId, keys.data);
  const revision = bid?.confirmation.currentRevision ?? tender.data?.revision;

  const confirm = useMutation({
    mutationFn: async () => {
      const key = local.data;
      if (!key || state !== 'active' || !bid || !revision) throw new LocalProblem('NO_ACTIVE_KEY');
      const signature = await signConfirmation(key.privateKey, {
        tenderId,
        lotId,
        contractorId: bid.contractorId,
        bidId,
        envelopeSha256: bid.envelopeSha256,
        ...(bid.financial ? { financialEnvelopeSha256: bid.financial.envelopeSha256 } : {}),
        tenderRevision: revision,
      });
      return orThrow(
        await api.POST('/tenders/{tenderId}/lots/{lotId}/bids/{bidId}/confirmations', {
          params: { path: { tenderId, lotId, bidId } },
          body: { tenderRevision: revision, signature, signingKeyId: key.keyId },
        }),
      );
    },
    onSettled: () => refresh(),
  });

  const failure = tender.error ?? bids.error;
  return (
    <section className="bidding" aria-labelledby="confirm-title">
      <h1 id="confirm-title">
        <FormattedMessage id="bid.confirm.title" />
      </h1>
      <BidProblem error={failure} />
      {tender.data ? (
        <p className="lead">
          <Link to={`/${lang}/tenders/${tenderId}`}>{tender.data.title}</Link>
        </p>
      ) : null}
      {bids.data && !bid ? (
        <p className="problem">
          <FormattedMessage id="bid.confirm.notFound" />
        </p>
      ) : null}
      {bid ? (
        <div className="card" data-bid-id={bid.bidId} data-required={String(bid.confirmation.required)}>
          <p>
            <FormattedMessage
              id="bid.active.body"
              values={{ version: bid.version, time: <DateTime value={bid.receivedAt} /> }}
            />
          </p>
          <p>
            <FormattedMessage
              id={bid.confirmation.required ? 'bid.confirm.required' : 'bid.confirm.notRequired'}
              values={{ revision: revision ?? 0 }}
            />
          </p>
          {bid.confirmation.confirmedAt ? (
            <p>
              <FormattedMessage
                id="bid.confirm.confirmedAt"
                values={{
                  revision: bid.confirmation.confirmedRevision ?? 0,
                  time: <DateTime value={bid.confirmation.confirmedAt} />,
                }}
              />
            </p>
          ) : null}
          {state !== 'active' ? (
            <p className="problem">
              <FormattedMessage id={`bid.key.needed.${state}`} />{' '}
              <Link to={`/${lang}/contractor/keys`}>
                <FormattedMessage id="bid.key.manage" />
              </Link>
            </p>
          ) : null}
          <div className="actions">
            <button
              type="button"
              disabled={confirm.isPending || state !== 'active' || !bid.confirmation.required}
              onClick={() => confirm.mutate()}
            >
              <FormattedMessage id="bid.confirm.action" values={{ revision: revision ?? 0 }} />
            </button>
            <Link to={`/${lang}/contractor/tenders/${tenderId}/bid`}>
              <FormattedMessage id="bid.confirm.orReplace" />
            </Link>
          </div>
          <BidProblem error={confirm.error} />
        </div>
      ) : null}
      {confirm.data ? <Receipt kind="confirmed" result={confirm.data} /> : null}
    </section>
  );
}
