// `npm run token -- <role> <user> [organisationId]` prints an ID token for the local API, minted
// through the running local cloud's Cognito user pool on moto (a user for the role, its sub the
// given user, signed in with USER_PASSWORD_AUTH): the same tokens the portal gets. It needs
// `npm start` running (it reads the pool's ids from <data dir>/user-pool.json).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Role, roles } from '../../shared/auth/roles.ts';
import { type LocalUserPool, mintToken } from './user-pool.ts';

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
const poolFile = join(dataDir, 'user-pool.json');
if (!existsSync(poolFile)) {
  process.stderr.write(
    `npm run token: no user pool in ${dataDir}: start the local cloud first (npm start)\n`,
  );
  process.exit(1);
}
const pool = JSON.parse(readFileSync(poolFile, 'utf8')) as LocalUserPool;
try {
  const minted = await mintToken(pool, user, role as Role, organisationId);
  process.stdout.write(`${minted.idToken}\n`);
} catch (error) {
  process.stderr.write(
    `npm run token: the user pool at ${pool.endpoint} did not answer (${(error as Error).message}); is npm start running?\n`,
  );
  process.exit(1);
}
