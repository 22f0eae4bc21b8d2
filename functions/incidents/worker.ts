// The outage queue's consumer: finds an incident's affected tenders, then extends them one by one.
import { OutageMessage } from '../../shared/incidents/incident-schemas.ts';
import { handleOutageMessage } from '../../shared/incidents/outage-work.ts';
import { queueHandler } from '../../shared/platform/lambda/queue-handler.ts';

export const handler = queueHandler('outage', OutageMessage, handleOutageMessage);
