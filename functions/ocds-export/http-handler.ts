// POST /ocds/exports (admins): the same run as the schedule, now, with document links on the host
// the call came in on.
import { httpHandler } from '../../shared/http/http-handler.ts';
import { publicBaseUrl } from '../ocds/public-url.ts';
import { ocdsExportRoutes } from './contract.ts';
import { exportAndFlag } from './run.ts';

export const handler = httpHandler(ocdsExportRoutes, {
  async runOcdsExport({ event }) {
    return { body: await exportAndFlag(publicBaseUrl(event)) };
  },
});
