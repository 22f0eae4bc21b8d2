// `npm run token -- <role> <user> [organisationId]` prints a bearer token for the local API,
// signed by the same local issuer `npm start` verifies against.
import { join } from 'node:path';
import { type Role, roles } from '../../shared/auth/roles.ts';
import { openLocalIssuer } from './local-issuer.ts';

const [role, user, organisationId] = process.argv.slice(2);
if (!role || !user || !(roles as readonly string[]).includes(role)) {
  process.stderr.write(
    `usage: npm run token -- <role> <user> [organisationId]\n  role: one of ${roles.join(', ')}\n  example: npm run token -- procuring-entity lan 01HXYZ…\n`,
  );
  process.exit(2);
}
if (role === 'procuring-entity' && !organisationId) {
  process.stderr.write('a procuring-entity token needs the organisation id it acts for\n');
  process.exit(2);
}
// EPROC_DATA_DIR points at another local cloud's state (the README test uses it).
const dataDir = process.env.EPROC_DATA_DIR ?? join(import.meta.dirname, '..', '..', '.local');
const issuer = await openLocalIssuer(join(dataDir, 'issuer-key.json'));
process.stdout.write(
  `${await issuer.sign({ sub: user, roles: [role as Role], ...(organisationId ? { organisationId } : {}) })}\n`,
);
