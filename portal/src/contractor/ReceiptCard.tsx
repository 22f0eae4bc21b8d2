// One signed receipt: what it acknowledges and when the server received it, whether its signature
// verifies in this page against the receipts public key and names this bid, and the receipt
// itself to keep, as a JSON file (the CLI's `eproc bid verify-receipt` checks that file offline).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { DateTime } from '../components/format';
import type { BidReceipt, BidVersion, ReceiptKey } from './api';
import { checkReceipt } from './receipt-check';

function useDownloadUrl(receipt: BidReceipt): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const blob = new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' });
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [receipt]);
  return url;
}

export function ReceiptCard({
  receipt,
  bid,
  receiptKey,
}: {
  receipt: BidReceipt;
  bid: BidVersion;
  receiptKey: ReceiptKey | undefined;
}) {
  const check = useQuery({
    queryKey: ['receipt-check', receiptKey?.keyId, JSON.stringify(receipt)],
    queryFn: () =>
      checkReceipt(receipt, receiptKey as ReceiptKey, {
        tenderId: bid.tenderId,
        lotId: bid.lotId,
        contractorId: bid.contractorId,
        bidId: bid.bidId,
        envelopeSha256: bid.envelopeSha256,
      }),
    enabled: Boolean(receiptKey),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const url = useDownloadUrl(receipt);
  const state = check.data ? (check.data.ok ? 'verified' : 'not-verified') : 'checking';
  return (
    <li
      className="receipt"
      data-action={receipt.action}
      data-event-id={receipt.eventId}
      data-verified={state}
    >
      <p className="receipt-action">
        <strong>
          <FormattedMessage id={`account.receipt.action.${receipt.action}`} />
        </strong>{' '}
        <FormattedMessage
          id="account.receipt.receivedAt"
          values={{ at: <DateTime value={receipt.receivedAt} /> }}
        />
      </p>
      <p className={`receipt-check ${state}`} role="status">
        {check.data?.ok ? (
          <FormattedMessage
            id="account.receipt.verified"
            values={{ keyId: <code>{check.data.keyId}</code> }}
          />
        ) : check.data ? (
          <FormattedMessage
            id="account.receipt.notVerified"
            values={{
              reason: <FormattedMessage id={`account.receipt.failure.${check.data.reason}`} />,
            }}
          />
        ) : (
          <FormattedMessage id="account.receipt.checking" />
        )}
      </p>
      {url ? (
        <a
          className="receipt-download"
          href={url}
          download={`receipt-${receipt.bidId}-${receipt.action.replace('.', '-')}.json`}
        >
          <FormattedMessage id="account.receipt.download" />
        </a>
      ) : null}
    </li>
  );
}
