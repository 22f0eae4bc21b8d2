// One audit event and the proof that the log holds it: where it is (GET /log/events/{eventId}:
// seq, leaf hash, the latest checkpoint and the inclusion proof against it), the event itself as
// logged (GET /log/entries/{seq} at that checkpoint's size), and the check done here, in the
// browser: the checkpoint's signature against the log key, the leaf hash recomputed from the
// event, and the inclusion proof up to the signed root (shared/tlog, as the CLI verifier does).
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { BackToDashboard, OversightGate } from './Gate';
import { checkInclusion } from './log-checks';
import { CheckResult, useLogKey } from './proof-result';

export function EventPage() {
  const { eventId = '' } = useParams();
  const integration = useQuery({
    queryKey: ['oversight', 'event', eventId],
    queryFn: async () => orThrow(await api.GET('/log/events/{eventId}', { params: { path: { eventId } } })),
  });
  const where = integration.data;
  const checkpoint = where?.checkpoint;
  const entry = useQuery({
    queryKey: ['oversight', 'entry', where?.seq, checkpoint?.size],
    enabled: where?.seq !== undefined && checkpoint !== undefined,
    queryFn: async () =>
      orThrow(
        await api.GET('/log/entries/{seq}', {
          params: { path: { seq: where?.seq as number }, query: { treeSize: checkpoint?.size as number } },
        }),
      ),
  });
  const key = useLogKey();
  const check = useQuery({
    queryKey: ['oversight', 'inclusion-check', eventId, checkpoint?.size],
    enabled: Boolean(entry.data && key.data && where?.inclusionProof && checkpoint),
    retry: false,
    queryFn: () =>
      checkInclusion(
        {
          seq: where?.seq as number,
          event: entry.data?.event,
          leafHash: where?.leafHash as string,
          inclusionProof: where?.inclusionProof ?? [],
          checkpointNote: checkpoint?.note as string,
        },
        key.data as { name: string; keyId: string; publicKey: string },
      ),
  });
  const event = entry.data?.event;
  return (
    <OversightGate>
      <BackToDashboard />
      <h1>
        <FormattedMessage id="oversight.event.title" />
      </h1>
      <p>
        <code className="event-id">{eventId}</code>
      </p>
      <ProblemAlert error={integration.error ?? entry.error ?? key.error} />
      {where ? (
        <dl className="event-place" data-status={where.status}>
          <dt>
            <FormattedMessage id="oversight.event.at" />
          </dt>
          <dd>
            <DateTime value={where.at} />
          </dd>
          <dt>
            <FormattedMessage id="oversight.event.status" />
          </dt>
          <dd>
            <FormattedMessage id={`oversight.event.status.${where.status}`} />
          </dd>
          <dt>
            <FormattedMessage id="oversight.event.integratedBy" />
          </dt>
          <dd>
            <DateTime value={where.integratedBy} />
          </dd>
          {where.seq !== undefined ? (
            <>
              <dt>
                <FormattedMessage id="oversight.event.seq" />
              </dt>
              <dd className="event-seq">{where.seq}</dd>
            </>
          ) : null}
          {where.integratedAt ? (
            <>
              <dt>
                <FormattedMessage id="oversight.event.integratedAt" />
              </dt>
              <dd>
                <DateTime value={where.integratedAt} />{' '}
                <FormattedMessage
                  id={where.withinPromise ? 'oversight.event.withinPromise' : 'oversight.event.late'}
                />
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {where && where.status === 'integrated' && !checkpoint ? (
        <p className="event-uncovered">
          <FormattedMessage id="oversight.event.notCovered" />
        </p>
      ) : null}
      {event ? (
        <section className="oversight-section" aria-labelledby="event-body-heading">
          <h2 id="event-body-heading">
            <FormattedMessage id="oversight.event.body" />
          </h2>
          <dl className="event-body">
            <dt>
              <FormattedMessage id="oversight.log.col.action" />
            </dt>
            <dd>
              <code className="event-action">{event.action}</code>
            </dd>
            <dt>
              <FormattedMessage id="oversight.log.col.actor" />
            </dt>
            <dd>
              <FormattedMessage id={`oversight.role.${event.actor.role}`} /> <code>{event.actor.sub}</code>
            </dd>
            <dt>
              <FormattedMessage id="oversight.log.col.object" />
            </dt>
            <dd>
              <code>
                {event.object.type} {event.object.id}
              </code>
            </dd>
          </dl>
          <pre className="event-change">{JSON.stringify(event.change, null, 2)}</pre>
        </section>
      ) : null}
      {checkpoint ? (
        <section className="oversight-section" aria-labelledby="proof-heading" id="inclusion">
          <h2 id="proof-heading">
            <FormattedMessage id="oversight.event.proof" />
          </h2>
          <CheckResult pending={check.isFetching} error={check.error} ok={Boolean(check.data)}>
            <p className="check-detail">
              <FormattedMessage
                id="oversight.event.proofDetail"
                values={{ seq: where?.seq, size: check.data?.size, at: <DateTime value={checkpoint.at} /> }}
              />
            </p>
            <p>
              <FormattedMessage id="oversight.check.root" />{' '}
              <code className="root-hash">{checkpoint.rootHash}</code>
            </p>
          </CheckResult>
        </section>
      ) : null}
    </OversightGate>
  );
}
