// The outage queue's work. `find` reads the affected tenders off the deadline index, records how
// many there are (once), and queues one `extend` per tender; `extend` applies the incident to one
// tender. Thousands of tenders (KONEPS postponed 1,600 and 2,400 notices in two 2023 outages)
// become thousands of small, independently retried, idempotent records, not one long request.
import { clock } from '../runtime/clock.ts';
import { logger } from '../runtime/logger.ts';
import { applyIncident } from './extend-tender.ts';
import { findAffectedTenders } from './find-affected.ts';
import type { OutageMessage } from './incident-schemas.ts';
import { getStoredIncident, recordAffected } from './incident-store.ts';
import { sendOutageMessages } from './outage-queue.ts';

export async function handleOutageMessage(message: OutageMessage): Promise<void> {
  const incident = await getStoredIncident(message.incidentId);
  // Declared in the same transaction that wrote the incident: a missing one is a bug, not a race.
  if (!incident) throw new Error(`no incident ${message.incidentId}`);
  if (message.kind === 'find') {
    const tenderIds = await findAffectedTenders(incident.window);
    const first = await recordAffected(incident.incidentId, tenderIds.length);
    logger.info('incident: affected tenders found', {
      incidentId: incident.incidentId,
      affected: tenderIds.length,
      firstCount: first,
    });
    await sendOutageMessages(
      tenderIds.map((tenderId) => ({ kind: 'extend', incidentId: incident.incidentId, tenderId })),
    );
    return;
  }
  const result = await applyIncident(incident, message.tenderId, clock.iso);
  logger.info('incident applied to tender', {
    incidentId: incident.incidentId,
    tenderId: message.tenderId,
    outcome: result.outcome,
    ...('reason' in result && result.reason ? { reason: result.reason } : {}),
  });
}
