// What the verifier found, in words: every check that passed, or the first failure with where it
// sits (the entry, by number, with what that entry says it is) and what is wrong with it.
import { FormattedMessage } from 'react-intl';
import { DateTime } from '../components/format';
import type { BundleOutcome, FailurePlace } from './protocol';

function Place({ place }: { place: FailurePlace }) {
  switch (place.kind) {
    case 'entry':
      return <FormattedMessage id="verify.place.entry" values={{ index: place.index }} />;
    case 'range':
      return <FormattedMessage id="verify.place.range" values={{ from: place.from, to: place.to - 1 }} />;
    case 'checkpoint':
      return <FormattedMessage id="verify.place.checkpoint" values={{ index: place.index + 1 }} />;
    case 'consistencyProof':
      return <FormattedMessage id="verify.place.consistencyProof" values={{ index: place.index + 1 }} />;
    case 'inclusionProof':
      return <FormattedMessage id="verify.place.inclusionProof" values={{ index: place.index + 1 }} />;
    default:
      return <FormattedMessage id="verify.place.bundle" />;
  }
}

export function BundleResult({ outcome }: { outcome: BundleOutcome }) {
  if (!outcome.ok) {
    const { entry } = outcome;
    return (
      <div
        className="verdict verdict-bad"
        role="alert"
        data-ok="false"
        data-reason={outcome.reason}
        data-index={outcome.place.kind === 'entry' ? outcome.place.index : undefined}
      >
        <h3>
          <FormattedMessage id="verify.bundle.refused" />
        </h3>
        <p className="verdict-where">
          <Place place={outcome.place} />
        </p>
        <p className="verdict-what">
          <FormattedMessage id={outcome.messageId} />
        </p>
        {entry ? (
          <dl className="facts bad-entry">
            {entry.action ? (
              <>
                <dt>
                  <FormattedMessage id="verify.entry.action" />
                </dt>
                <dd className="entry-action">{entry.action}</dd>
              </>
            ) : null}
            {entry.eventId ? (
              <>
                <dt>
                  <FormattedMessage id="verify.entry.event" />
                </dt>
                <dd className="entry-event">{entry.eventId}</dd>
              </>
            ) : null}
            {entry.at ? (
              <>
                <dt>
                  <FormattedMessage id="verify.entry.at" />
                </dt>
                <dd>
                  <DateTime value={entry.at} />
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
        <p className="hint">
          <FormattedMessage id="verify.entry.asGiven" />
        </p>
      </div>
    );
  }
  return (
    <div className="verdict verdict-good" role="status" data-ok="true" data-tree-size={outcome.treeSize}>
      <h3>
        <FormattedMessage id="verify.bundle.passed" />
      </h3>
      <ul className="checks">
        <li>
          <FormattedMessage id="verify.check.checkpoints" values={{ count: outcome.checkpoints }} />
        </li>
        <li>
          <FormattedMessage id="verify.check.consistency" values={{ count: outcome.consistencyProofs }} />
        </li>
        <li>
          <FormattedMessage id="verify.check.inclusion" values={{ count: outcome.inclusionProofs }} />
        </li>
        <li>
          <FormattedMessage
            id="verify.check.entries"
            values={{ count: outcome.entries, size: outcome.treeSize }}
          />
        </li>
        {outcome.revealed ? (
          <li>
            <FormattedMessage
              id="verify.check.revealed"
              values={{
                events: outcome.revealed.events,
                versions: outcome.revealed.bidVersions,
                tender: outcome.revealed.tenderId,
              }}
            />
          </li>
        ) : null}
      </ul>
      {outcome.uncoveredEntries > 0 ? (
        <p className="notice">
          <FormattedMessage id="verify.check.uncovered" values={{ count: outcome.uncoveredEntries }} />
        </p>
      ) : null}
      <dl className="facts">
        <dt>
          <FormattedMessage id="verify.fact.origin" />
        </dt>
        <dd>{outcome.origin}</dd>
        <dt>
          <FormattedMessage id="verify.fact.root" />
        </dt>
        <dd className="hash">{outcome.rootHash}</dd>
      </dl>
    </div>
  );
}
