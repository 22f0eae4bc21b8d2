// A procuring-entity token names its organisation in `custom:organisation_id`; the identity
// provider is trusted to sign it, not to keep it in step with our register. Every
// procuring-entity call checks here, once (shared/http/http-handler.ts), that the organisation is
// registered, so no handler acts for, lists or notifies an organisation that does not exist.
import type { Principal } from '../auth/principal.ts';
import { Forbidden } from '../errors/domain-error.ts';
import { getOrganisation } from './organisation-store.ts';

/** How long a warm function trusts a lookup that found the organisation (none is ever deleted). */
const knownForMs = 60_000;
const knownUntil = new Map<string, number>();

export async function requireKnownOrganisation(principal: Principal): Promise<string> {
  const organisationId = principal.organisationId;
  if (!organisationId) {
    throw new Forbidden(
      'ORGANISATION_MISSING',
      'this account acts for no organisation (custom:organisation_id is missing)',
    );
  }
  const now = Date.now();
  if ((knownUntil.get(organisationId) ?? 0) > now) return organisationId;
  // Unknown ids are not cached: an organisation registered a moment ago works at once.
  if (!(await getOrganisation(organisationId))) {
    throw new Forbidden('ORGANISATION_UNKNOWN', `organisation ${organisationId} is not registered`);
  }
  knownUntil.set(organisationId, now + knownForMs);
  return organisationId;
}
