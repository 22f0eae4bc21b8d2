// Settings of the local runtime itself (not of the functions, see shared/config/settings.ts),
// read and validated once when `npm start` starts: a bad value fails the start in one line.
import * as z from 'zod';
import { StartFailure } from './start-failure.ts';

const localSettingsSchema = z.object({
  /**
   * How often moto's S3 state is saved to disk while running (only when something changed):
   * after a `kill -9` a restart loses at most the writes of this last interval.
   */
  LOCAL_SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2000),
  /**
   * The functions' PERIOD_ACCELERATION under `npm start` (shared/config/settings.ts), set explicitly
   * like ProZorro's sandbox: 1440× turns the 18-day submission period into 18 minutes and a
   * working day into a minute, so a demo runs a whole procedure in an afternoon. 1: the law's periods.
   */
  PERIOD_ACCELERATION: z.coerce.number().int().min(1).max(100_000_000).default(1440),
});

export type LocalSettings = z.infer<typeof localSettingsSchema>;

export const localSettingNames: readonly string[] = Object.keys(localSettingsSchema.shape);

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const parsed = localSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StartFailure(`invalid setting ${detail}`);
  }
  return parsed.data;
}
