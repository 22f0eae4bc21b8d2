import { actorOf } from '../../shared/audit/actor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { notFound } from '../../shared/http/problem.ts';
import { declareIncident } from '../../shared/incidents/declare-incident.ts';
import {
  getStoredIncident,
  listIncidents,
  listOutcomes,
  toIncident,
} from '../../shared/incidents/incident-store.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { incidentRoutes } from './contract.ts';

export const handler = httpHandler(incidentRoutes, {
  async declareIncident({ body, principal, role, headers }) {
    const { incident, created } = await declareIncident(
      body,
      actorOf(principal, role),
      clock.iso(),
      headers['idempotency-key'],
    );
    return {
      status: created ? 201 : 200,
      body: incident,
      headers: { location: `/incidents/${incident.incidentId}` },
    };
  },

  async listIncidents() {
    return { body: { items: await listIncidents() } };
  },

  async getIncident({ params }) {
    const stored = await getStoredIncident(params.incidentId);
    if (!stored) throw notFound(`no incident ${params.incidentId}`);
    const tenders = await listOutcomes(params.incidentId);
    return { body: { ...toIncident(stored as unknown as Record<string, unknown>), tenders } };
  },
});
