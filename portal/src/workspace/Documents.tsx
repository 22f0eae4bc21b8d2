// The tender's bidding documents and the upload of a new one: choose a file, see its SHA-256,
// upload it to S3 with a progress bar, and the API checks size and digest before listing it. On a
// published tender a document is a new revision (and may move the deadline, as an amendment).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DocumentCards } from '../components/DocumentCards';
import { DateTime, FileSize } from '../components/format';
import { ProblemAlert } from '../components/problems';
import type { Tender } from './api';
import { putToS3, sha256Hex, UploadFailed } from './upload';

export function Documents({ tender, etag }: { tender: Tender; etag: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | undefined>();
  const [digest, setDigest] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | undefined>();
  const open = tender.status === 'draft' || tender.status === 'published';
  const tenderId = tender.tenderId;

  const choose = async (chosen: File | undefined) => {
    setFile(chosen);
    setDigest(undefined);
    setProgress(undefined);
    upload.reset();
    if (chosen) setDigest(await sha256Hex(chosen));
  };

  const upload = useMutation({
    mutationFn: async () => {
      if (!file || !digest) throw new UploadFailed('no file');
      const headers = { 'if-match': etag };
      const ticket = orThrow(
        await api.POST('/tenders/{tenderId}/documents', {
          params: { path: { tenderId } },
          headers,
          body: {
            fileName: file.name,
            contentType: file.type || 'application/octet-stream',
            size: file.size,
            sha256: digest,
          },
        }),
      );
      setProgress(0);
      await putToS3(ticket, file, setProgress);
      return orThrow(
        await api.POST('/tenders/{tenderId}/documents/{documentId}/confirm', {
          params: { path: { tenderId, documentId: ticket.document.documentId } },
          headers,
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['entity-tender', tenderId] });
    },
  });

  return (
    <section className="ws-section" aria-labelledby="ws-documents-heading" id="ws-documents">
      <h2 id="ws-documents-heading">
        <FormattedMessage id="ws.documents.title" />
      </h2>
      <DocumentCards
        documents={tender.documents}
        moreFacts={(doc) => (
          <div>
            <dt>
              <FormattedMessage id="ws.documents.addedAt" />
            </dt>
            <dd>
              <DateTime value={doc.addedAt} />
            </dd>
          </div>
        )}
      />
      {open ? (
        <form
          className="ws-form"
          onSubmit={(event) => {
            event.preventDefault();
            upload.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="ws-document-file">
              <FormattedMessage id="ws.documents.choose" />
            </label>
            <input
              id="ws-document-file"
              type="file"
              aria-describedby="ws-document-hint"
              onChange={(event) => void choose(event.target.files?.[0])}
            />
            <p className="hint" id="ws-document-hint">
              <FormattedMessage
                id={tender.status === 'published' ? 'ws.documents.hintPublished' : 'ws.documents.hint'}
              />
            </p>
          </div>
          {file ? (
            <dl className="facts" id="ws-upload-facts">
              <div>
                <dt>
                  <FormattedMessage id="documents.size" />
                </dt>
                <dd>
                  <FileSize bytes={file.size} />
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="documents.sha256" />
                </dt>
                <dd>
                  <code className="sha256" id="ws-upload-sha256">
                    {digest ?? intl.formatMessage({ id: 'ws.documents.hashing' })}
                  </code>
                </dd>
              </div>
            </dl>
          ) : null}
          {progress !== undefined ? (
            <div className="field">
              <label htmlFor="ws-upload-progress">
                <FormattedMessage
                  id="ws.documents.progress"
                  values={{ percent: Math.round(progress * 100) }}
                />
              </label>
              <progress id="ws-upload-progress" max={100} value={Math.round(progress * 100)} />
            </div>
          ) : null}
          {upload.isSuccess ? (
            <p className="ws-done" role="status">
              <FormattedMessage id="ws.documents.done" />
            </p>
          ) : null}
          {upload.error instanceof UploadFailed ? (
            <div className="problem" role="alert">
              <p>
                <FormattedMessage id="ws.documents.uploadFailed" />
              </p>
            </div>
          ) : (
            <ProblemAlert error={upload.error} />
          )}
          <div className="actions">
            <button type="submit" disabled={!file || !digest || upload.isPending || upload.isSuccess}>
              <FormattedMessage id="ws.documents.upload" />
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
