import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import {
  Incident,
  IncidentDeclaration,
  IncidentTenderOutcome,
} from '../../shared/incidents/incident-schemas.ts';
import { Id } from '../../shared/schemas/common.ts';

const tags = ['incidents'];

export const incidentRoutes = {
  declareIncident: defineRoute({
    operationId: 'declareIncident',
    method: 'POST',
    path: '/incidents',
    summary:
      'Declare a system incident (admins): tenders closing between its start and 2 h after its fix get a new closing time (Circular 79/2025 Art. 6). Declaring the same window again, or retrying with the same Idempotency-Key, returns the incident (200) and changes nothing',
    tags,
    auth: ['admin'],
    body: IncidentDeclaration,
    response: Incident,
    successStatus: 201,
  }),
  listIncidents: defineRoute({
    operationId: 'listIncidents',
    method: 'GET',
    path: '/incidents',
    summary: 'Every declared system incident, newest first, with its extension progress',
    tags,
    auth: 'public',
    response: z.object({ items: z.array(Incident) }),
  }),
  getIncident: defineRoute({
    operationId: 'getIncident',
    method: 'GET',
    path: '/incidents/{incidentId}',
    summary: 'One system incident with the outcome for each affected tender (extended, or skipped and why)',
    tags,
    auth: 'public',
    params: z.strictObject({ incidentId: Id }),
    response: Incident.extend({ tenders: z.array(IncidentTenderOutcome) }),
  }),
};
