// Which table and bucket hold a log. Normally the deployed `log` ones; a rebuild (or a test) can
// point the same code at another pair.
import { resources } from '../config/settings.ts';

export interface LogLocation {
  readonly table: string;
  readonly bucket: string;
}

/** The deployed log; names resolve on use, so a function granted only the table can still read. */
export const liveLog = (): LogLocation => ({
  get table() {
    return resources.table('log');
  },
  get bucket() {
    return resources.bucket('log');
  },
});
