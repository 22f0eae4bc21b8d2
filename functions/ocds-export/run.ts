// One export run and the flags over it, shared by the schedule and the admin route.
import { settings } from '../../shared/config/settings.ts';
import { runOcdsExport } from '../../shared/ocds-export/run-export.ts';
import { runExportFlags } from '../../shared/ocds-export/run-export-flags.ts';

export async function exportAndFlag(baseUrl: string) {
  const manifest = await runOcdsExport({ prefix: settings.OCDS_PREFIX, baseUrl });
  const outcome = await runExportFlags();
  return {
    export: {
      runId: manifest.runId,
      startedAt: manifest.startedAt,
      finishedAt: manifest.finishedAt,
      releases: manifest.releases,
      months: manifest.months,
    },
    flags:
      outcome.status === 'no-export'
        ? { status: outcome.status }
        : { status: outcome.status, runId: outcome.run.runId, flags: outcome.run.flags },
  };
}
