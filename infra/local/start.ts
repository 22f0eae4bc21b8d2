// `npm start`: the whole system locally. `--reset` starts from empty state, `--demo` seeds demo
// data, `--port N` picks the API port (default 3000), `--data-dir DIR` (or EPROC_DATA_DIR, which
// `npm run token` reads too) keeps state somewhere other than .local/.
//
// Ctrl-C, SIGTERM or SIGHUP stop in order: the API and pollers, then S3 saved (from emulators
// still running: they live in process groups of their own, out of the terminal's reach), then
// the emulators. A second signal exits at once; the last periodic snapshot is kept. A start that
// fails says why in one line and leaves no process behind.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { functionSpecs } from '../../functions/catalog.ts';
import { buildPortal } from '../../portal/build.ts';
import { holidayCoverageWarning } from '../../shared/calendar/vn-holidays.ts';
import { unknownEnvironmentMessage } from '../declared-settings.ts';
import { seedDemo } from './demo-seed.ts';
import { type LocalCloud, startLocalCloud } from './local-cloud.ts';
import { localSettings } from './local-settings.ts';
import { assertPortFree } from './ports.ts';
import { StartFailure } from './start-failure.ts';

const say = (message: string) => process.stderr.write(`${message}\n`);
const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';

let cloud: LocalCloud | undefined;
let stopping: Promise<void> | undefined;

function stop(): Promise<void> {
  stopping ??= (async () => {
    say('\nstopping…');
    let code = 0;
    try {
      await cloud?.stop();
    } catch (error) {
      say(`npm start: ${oneLine(error)}`);
      code = 1;
    }
    process.exit(code);
  })();
  return stopping;
}

function onSignal(): void {
  // Still starting: nothing has been written yet, so nothing needs saving. The emulators
  // started so far are signalled on exit (emulators.ts).
  if (!cloud || stopping) {
    if (stopping) say('stopping now; the last periodic snapshot is kept');
    process.exit(130);
  }
  void stop();
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

try {
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
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
    throw new StartFailure(`--port must be a port number (0-65535), got ${values.port}`);
  }
  const port = Number(values.port);
  // Everything that can be checked in a moment is, before the emulators take seconds to start.
  const settings = localSettings();
  const unknownSettings = unknownEnvironmentMessage(process.env);
  if (unknownSettings) throw new StartFailure(unknownSettings);
  await assertPortFree(port);
  const calendarWarning = holidayCoverageWarning(new Date());
  if (calendarWarning) say(`warning: ${calendarWarning}`);
  if (settings.PERIOD_ACCELERATION !== 1) {
    say(
      `procedure periods run ${settings.PERIOD_ACCELERATION}× faster (PERIOD_ACCELERATION=1 for the law's own)`,
    );
  }
  say('building the portal…');
  // Rebuilt only when its sources' hash changed (portal/build.ts); a build takes a few seconds.
  const portal = await buildPortal();
  say(portal.built ? `built the portal in ${(portal.ms / 1000).toFixed(1)} s` : 'the portal is up to date');
  cloud = await startLocalCloud({
    catalog: functionSpecs,
    dataDir,
    reset: values.reset,
    port,
    snapshotIntervalMs: settings.LOCAL_SNAPSHOT_INTERVAL_MS,
    settings: { PERIOD_ACCELERATION: String(settings.PERIOD_ACCELERATION) },
    onProgress: say,
  });
  if (values.demo) {
    say('seeding demo data…');
    const summary = await seedDemo(cloud.url, cloud.userPool);
    say(summary);
  }
  if (!stopping) {
    process.stdout.write(
      `eproc is running at ${cloud.url}\n  Portal:  ${cloud.url}/vi/ (English: ${cloud.url}/en/), sign in at ${cloud.url}/vi/sign-in\n  Mail:    invitations and sign-up codes are printed here and kept in ${cloud.mailbox}\n  OpenAPI: ${cloud.url}/openapi.json\n  tokens:  npm run token -- <role> <user> [organisationId]\nCtrl-C stops everything.\n`,
    );
  }
} catch (error) {
  // A stop under way (e.g. Ctrl-C while the demo is seeded) explains what failed after it.
  if (stopping) await stopping;
  say(`npm start: ${oneLine(error)}`);
  // Started, then failed (the demo seed): stop what runs, saving what was written.
  await cloud?.stop().catch(() => {});
  process.exit(1);
}
