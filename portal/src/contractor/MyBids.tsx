// My bids (GET /me/bids): per tender and lot, every version the contractor placed (replaced,
// withdrawn or active), each with its signed receipts (submission, withdrawal, confirmation)
// verified in the page against the receipts public key and downloadable. While the tender takes
// bids, a link to the bid page (replace or withdraw there); when an amendment asks bidders to
// confirm, a link to the confirmation page; after the opening, a link to its minutes and results.
import { useQueries } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { type BidVersion, type PublicTender, type ReceiptKey, useMyBids, useReceiptKey } from './api';
import { ContractorOnly } from './ContractorOnly';
import { ReceiptCard } from './ReceiptCard';

interface TenderGroup {
  readonly tenderId: string;
  readonly lots: Map<string, BidVersion[]>;
}

function grouped(items: readonly BidVersion[]): TenderGroup[] {
  const tenders = new Map<string, TenderGroup>();
  for (const bid of items) {
    let group = tenders.get(bid.tenderId);
    if (!group) {
      group = { tenderId: bid.tenderId, lots: new Map() };
      tenders.set(bid.tenderId, group);
    }
    const versions = group.lots.get(bid.lotId) ?? [];
    versions.push(bid);
    group.lots.set(bid.lotId, versions);
  }
  for (const group of tenders.values())
    for (const versions of group.lots.values()) versions.sort((a, b) => a.version - b.version);
  return [...tenders.values()];
}

function Version({ bid, receiptKey }: { bid: BidVersion; receiptKey: ReceiptKey | undefined }) {
  const { lang = 'vi' } = useParams();
  const receipts = [bid.receipt, bid.confirmationReceipt, bid.withdrawalReceipt].filter(
    (r): r is NonNullable<typeof r> => Boolean(r),
  );
  return (
    <li
      className="bid-version card"
      data-bid-id={bid.bidId}
      data-status={bid.status}
      data-version={bid.version}
    >
      <h4>
        <FormattedMessage id="account.bids.version" values={{ version: bid.version }} />{' '}
        <span className="bid-status">
          <FormattedMessage id={`account.bids.status.${bid.status}`} />
        </span>
      </h4>
      <p>
        <FormattedMessage id="account.bids.receivedAt" values={{ at: <DateTime value={bid.receivedAt} /> }} />
      </p>
      <p className="sha256">
        <FormattedMessage id="account.bids.envelope" values={{ hash: <code>{bid.envelopeSha256}</code> }} />
      </p>
      {bid.status === 'active' && bid.confirmation.required ? (
        <p className="notice confirm-needed">
          <FormattedMessage id="account.bids.confirmNeeded" />{' '}
          <Link
            className="confirm-link"
            to={`/${lang}/contractor/tenders/${bid.tenderId}/lots/${bid.lotId}/bids/${bid.bidId}/confirm`}
          >
            <FormattedMessage id="account.bids.confirm" />
          </Link>
        </p>
      ) : null}
      <ul className="receipts">
        {receipts.map((r) => (
          <ReceiptCard key={`${r.action}-${r.eventId}`} receipt={r} bid={bid} receiptKey={receiptKey} />
        ))}
      </ul>
    </li>
  );
}

function TenderBids({
  group,
  tender,
  receiptKey,
}: {
  group: TenderGroup;
  tender: PublicTender | undefined;
  receiptKey: ReceiptKey | undefined;
}) {
  const { lang = 'vi' } = useParams();
  const titleId = `bids-${group.tenderId}`;
  const lotTitle = (lotId: string) => tender?.lots.find((l) => l.lotId === lotId)?.title ?? lotId;
  const open = tender?.status === 'published';
  return (
    <section className="tender-bids" aria-labelledby={titleId} data-tender-id={group.tenderId}>
      <h2 id={titleId}>
        <Link to={`/${lang}/tenders/${group.tenderId}`}>{tender?.title ?? group.tenderId}</Link>
      </h2>
      {tender ? (
        <p className="tender-state">
          <FormattedMessage id={`status.${tender.status}`} />
          {' · '}
          <FormattedMessage
            id="account.bids.deadline"
            values={{ at: <DateTime value={tender.submissionDeadline} /> }}
          />
        </p>
      ) : null}
      <p className="tender-actions">
        {open ? (
          <Link className="bid-link" to={`/${lang}/contractor/tenders/${group.tenderId}/bid`}>
            <FormattedMessage id="account.bids.replaceOrWithdraw" />
          </Link>
        ) : tender ? (
          <Link className="outcome-link" to={`/${lang}/contractor/tenders/${group.tenderId}`}>
            <FormattedMessage id="account.bids.outcome" />
          </Link>
        ) : null}
      </p>
      {[...group.lots.entries()].map(([lotId, versions]) => (
        <section key={lotId} className="lot-bids" data-lot-id={lotId} aria-labelledby={`${titleId}-${lotId}`}>
          <h3 id={`${titleId}-${lotId}`}>
            <FormattedMessage id="account.bids.lot" values={{ title: lotTitle(lotId) }} />
          </h3>
          <ol className="versions">
            {versions.map((bid) => (
              <Version key={bid.bidId} bid={bid} receiptKey={receiptKey} />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function Body() {
  const bids = useMyBids();
  const receiptKey = useReceiptKey();
  const groups = grouped(bids.data ?? []);
  const tenders = useQueries({
    queries: groups.map((g) => ({
      queryKey: ['account-tender-summary', g.tenderId],
      queryFn: async () =>
        orThrow(await api.GET('/tenders/{tenderId}', { params: { path: { tenderId: g.tenderId } } })),
    })),
  });
  if (bids.error) return <ProblemAlert error={bids.error} />;
  if (!bids.data)
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  return (
    <>
      <ProblemAlert error={receiptKey.error} />
      {receiptKey.data ? (
        <p className="hint receipts-key">
          <FormattedMessage
            id="account.bids.receiptsKey"
            values={{ keyId: <code>{receiptKey.data.keyId}</code> }}
          />
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p>
          <FormattedMessage id="account.bids.none" />
        </p>
      ) : null}
      {groups.map((g, i) => (
        <TenderBids key={g.tenderId} group={g} tender={tenders[i]?.data} receiptKey={receiptKey.data} />
      ))}
    </>
  );
}

export function MyBids() {
  const { lang = 'vi' } = useParams();
  return (
    <ContractorOnly>
      <section className="account my-bids" aria-labelledby="my-bids-title">
        <p className="breadcrumb">
          <Link to={`/${lang}/contractor`}>
            <FormattedMessage id="account.backToDashboard" />
          </Link>
        </p>
        <h1 id="my-bids-title">
          <FormattedMessage id="account.bids.title" />
        </h1>
        <p className="lead">
          <FormattedMessage id="account.bids.lead" />
        </p>
        <Body />
      </section>
    </ContractorOnly>
  );
}
