// A tender's documents as cards: each with its name, size and SHA-256 (what a bidder checks the
// file against), or the "no documents" line. The public page adds a download button to each card,
// the workspace the time it was added.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { FileSize } from './format';

interface DocumentFacts {
  readonly documentId: string;
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
}

export function DocumentCards<D extends DocumentFacts>({
  documents,
  moreFacts,
  after,
}: {
  documents: readonly D[];
  /** Further `<div><dt/><dd/></div>` facts of one document. */
  moreFacts?: (doc: D) => ReactNode;
  /** What follows a document's facts in its card. */
  after?: (doc: D) => ReactNode;
}) {
  if (documents.length === 0) {
    return (
      <p>
        <FormattedMessage id="documents.none" />
      </p>
    );
  }
  return (
    <ul className="cards">
      {documents.map((doc) => (
        <li key={doc.documentId} className="card" data-document-id={doc.documentId}>
          <h3>{doc.fileName}</h3>
          <dl className="facts">
            <div>
              <dt>
                <FormattedMessage id="documents.size" />
              </dt>
              <dd>
                <FileSize bytes={doc.size} />
              </dd>
            </div>
            <div>
              <dt>
                <FormattedMessage id="documents.sha256" />
              </dt>
              <dd>
                <code className="sha256">{doc.sha256}</code>
              </dd>
            </div>
            {moreFacts?.(doc)}
          </dl>
          {after?.(doc)}
        </li>
      ))}
    </ul>
  );
}
