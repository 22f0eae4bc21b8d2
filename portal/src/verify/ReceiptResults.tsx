// Each receipt checked: accepted (signed by the receipts key, its event an entry of the verified
// log at its checkpoint) or refused with the reason, in the reader's language.
import { FormattedMessage } from 'react-intl';
import type { ReceiptOutcome } from './protocol';

export function ReceiptResults({ outcomes }: { outcomes: readonly ReceiptOutcome[] }) {
  if (outcomes.length === 0) return null;
  return (
    <ul className="receipt-results" aria-live="polite">
      {outcomes.map((r, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows; the same file may come twice
          key={i}
          className={r.ok ? 'verdict verdict-good' : 'verdict verdict-bad'}
          data-ok={r.ok}
          data-reason={r.reason}
          data-name={r.name}
        >
          <p className="receipt-name">{r.name}</p>
          <p className="receipt-verdict">
            <FormattedMessage
              id={r.messageId}
              values={{ index: r.index ?? 0, size: r.treeSize ?? 0, event: r.eventId ?? '' }}
            />
          </p>
          {r.action ? (
            <p className="hint">
              <FormattedMessage
                id="verify.receipt.about"
                values={{ action: r.action, bid: r.bidId ?? '', tender: r.tenderId ?? '' }}
              />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
