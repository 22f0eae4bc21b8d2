import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import type { Actor } from './audit-event.ts';

export const actorOf = (principal: Principal, role: Role): Actor => ({
  sub: principal.sub,
  role,
  organisationId: principal.organisationId,
});
