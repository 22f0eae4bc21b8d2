// `npm start`: the whole system locally. `--reset` starts from empty state, `--demo` seeds demo
// data, `--port N` picks the API port (default 3000), `--data-dir DIR` (or EPROC_DATA_DIR, which
// `npm run token` reads too) keeps state somewhere other than .local/.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { functionSpecs } from '../../functions/catalog.ts';
import { buildWeb } from '../../web/build.ts';
import { seedDemo } from './demo-seed.ts';
import { startLocalCloud } from './local-cloud.ts';
import { MissingPrerequisite } from './prerequisites.ts';

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'data-dir': { type: 'string' },
  },
});

const dataDir =
  values['data-dir'] ?? process.env.EPROC_DATA_DIR ?? join(import.meta.dirname, '..', '..', '.local');
const say = (message: string) => process.stderr.write(`${message}\n`);

try {
  say('building the web pages…');
  await buildWeb();
  const cloud = await startLocalCloud({
    catalog: functionSpecs,
    dataDir,
    reset: values.reset,
    port: Number(values.port),
    onProgress: say,
  });
  if (values.demo) {
    say('seeding demo data…');
    const summary = await seedDemo(cloud.url, cloud.issuer);
    say(summary);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nstopping…');
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(
    `eproc is running at ${cloud.url}\n  Web:     ${cloud.url}/app/\n  OpenAPI: ${cloud.url}/openapi.json\n  tokens:  npm run token -- <role> <user> [organisationId]\nCtrl-C stops everything.\n`,
  );
} catch (error) {
  if (error instanceof MissingPrerequisite) {
    say(`npm start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
