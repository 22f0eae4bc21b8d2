// The shapes the oversight pages read, taken from the generated API types (one source: the route
// contracts), so a change of the API's schema shows here as a type error.
import type { paths } from '../api/schema';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : never
  : never;

export type ContractorView = Json<'/contractors/{contractorId}', 'get'>;
export type PublicContractor = Json<'/contractors', 'get'>['items'][number];
export type StatusHistoryEntry = Json<'/contractors/{contractorId}/status-history', 'get'>['items'][number];
export type AuditEvent = Json<'/audit/events', 'get'>['items'][number];
export type Checkpoint = Json<'/log/checkpoint', 'get'>;
export type ContractorStatus = PublicContractor['status'];
