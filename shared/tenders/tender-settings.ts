// Numbers from the law that only tender rules use, validated once at cold start like
// shared/config/settings.ts (whose pattern this follows; they could move there).
import * as z from 'zod';

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const schema = z
  .object({
    /** Bid validity up to 180 days (domain notes: from memory, not verified). */
    BID_VALIDITY_MAX_DAYS: int(180),
    // Bid security ranges are procedure numbers now (shared/procedures/law-numbers.ts).
    /** Consulting, combined method: technical 70-80 %, price 20-30 % (Law on Bidding Art. 59). */
    CONSULTING_TECHNICAL_WEIGHT_MIN: int(70),
    CONSULTING_TECHNICAL_WEIGHT_MAX: int(80),
  })
  .refine((s) => s.CONSULTING_TECHNICAL_WEIGHT_MIN <= s.CONSULTING_TECHNICAL_WEIGHT_MAX, {
    path: ['CONSULTING_TECHNICAL_WEIGHT_MIN'],
    message: 'must not exceed CONSULTING_TECHNICAL_WEIGHT_MAX',
  });

export type TenderSettings = z.infer<typeof schema>;

/** Every setting this schema declares (strict settings: shared/config/strict-settings.ts). */
export const tenderSettingNames: readonly string[] = Object.keys(schema.shape);

function load(env: NodeJS.ProcessEnv): TenderSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid settings: ${detail}`);
  }
  return parsed.data;
}

export const tenderSettings: TenderSettings = load(process.env);

/** Every setting's value when none is given (the README's settings table is generated from it). */
export const tenderSettingDefaults = (): TenderSettings => load({});
