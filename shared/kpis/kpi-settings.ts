// The city's online-selection target, validated once at cold start like shared/config/settings.ts
// (whose pattern this follows). Default: Hanoi's 2019 IT plan, at least 50 % of competitive
// (shopping) goods packages and of small open or limited bidding packages selected online.
import * as z from 'zod';
import { ProcedureId } from '../procedures/procedure-schema.ts';
import { Category } from '../tenders/tender-schemas.ts';

/** One rule of the target's scope: which packages the target counts. `*` matches any. */
export interface ScopeRule {
  readonly category: z.infer<typeof Category> | '*';
  readonly method: ProcedureId | '*';
  /** `small`: only small packages (shared/procedures isSmallPackage thresholds). */
  readonly size: 'small' | 'any';
}

const categories = new Set<string>(Category.options);
const methods = new Set<string>(ProcedureId.options);

const Scope = z
  .string()
  .default('goods/competitive-shopping/any,*/open/small,*/limited/small')
  .transform((text, ctx): ScopeRule[] => {
    const rules: ScopeRule[] = [];
    for (const part of text.split(',').map((p) => p.trim())) {
      const [category, method, size, ...rest] = part.split('/');
      const ok =
        rest.length === 0 &&
        category !== undefined &&
        (category === '*' || categories.has(category)) &&
        method !== undefined &&
        (method === '*' || methods.has(method)) &&
        (size === 'small' || size === 'any');
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part}" is not category/method/size (category: * or ${[...categories].join(' ')}; method: * or ${[...methods].join(' ')}; size: small or any)`,
        });
        return z.NEVER;
      }
      rules.push({ category, method, size } as ScopeRule);
    }
    return rules;
  });

const schema = z.object({
  /** The least share (percent) of in-scope plan packages selected online. */
  KPI_ONLINE_TARGET_PERCENT: z.coerce.number().min(0).max(100).default(50),
  /** Which packages the target counts: comma-separated category/method/size rules. */
  KPI_ONLINE_TARGET_SCOPE: Scope,
});

export type KpiSettings = z.infer<typeof schema>;

/** Every setting this schema declares (strict settings: shared/config/strict-settings.ts). */
export const kpiSettingNames: readonly string[] = Object.keys(schema.shape);

export function loadKpiSettings(env: NodeJS.ProcessEnv): KpiSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid settings: ${detail}`);
  }
  return parsed.data;
}

export const kpiSettings: KpiSettings = loadKpiSettings(process.env);

/** Every setting's value when none is given (the README's settings table is generated from it). */
export const kpiSettingDefaults = (): KpiSettings => loadKpiSettings({});

export const describeScope = (rules: readonly ScopeRule[]) =>
  rules.map((r) => `${r.category}/${r.method}/${r.size}`).join(',');
