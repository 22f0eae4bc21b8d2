// A stage (dev, staging, prod...) is chosen with `-c stage=NAME`; its settings live in cdk.json under
// `eproc:stages` and are validated here, so a typo fails the synth instead of the deployment.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';
import { procedureValuesFrom } from '../../shared/procedures/procedure-settings.ts';
import { assertKnownStageSettings } from '../declared-settings.ts';

const retentionDays = new Set<number>(Object.values(RetentionDays).filter((v) => typeof v === 'number'));

export const stageConfigSchema = z.strictObject({
  /** Origins allowed to call the API and to upload/download straight to S3 with presigned URLs. */
  corsOrigins: z.array(z.url()).min(1),
  /** CloudWatch log groups and S3 access logs. */
  logRetentionDays: z
    .number()
    .int()
    .refine((d) => retentionDays.has(d), 'not a retention CloudWatch Logs offers'),
  // No API throttle here: every stage (and the local gateway) takes the catalog's, functions/throttles.ts.
  terminationProtection: z.boolean(),
  /** Alarm notifications go to this address when set (the subscription must be confirmed). */
  alarmEmail: z.email().optional(),
  /** Reserved concurrency per catalog function name; absent means the account's unreserved pool. */
  reservedConcurrency: z.record(z.string(), z.number().int().positive()).default({}),
  /** A production stage applies the law's periods as they are: no PERIOD_ACCELERATION. */
  production: z.boolean().default(false),
  /**
   * The portal's own domain: CloudFront serves it with this ACM certificate (us-east-1) and
   * TLSv1.2_2021; absent, the portal is at the distribution's *.cloudfront.net name.
   */
  portalDomain: z
    .strictObject({ domainName: z.string().min(3), certificateArn: z.string().startsWith('arn:') })
    .optional(),
  /** Values for shared/config/settings.ts, passed to every function as environment variables. */
  settings: z.record(z.string(), z.string()).default({}),
});

export type StageConfig = z.infer<typeof stageConfigSchema> & { readonly name: string };

const stageName = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,9}$/, 'lowercase letters and digits, 2-10 long (it goes into bucket names)');

export function stageConfigFrom(node: Node): StageConfig {
  const name = stageName.parse(node.tryGetContext('stage') ?? 'dev');
  const stages = (node.tryGetContext('eproc:stages') ?? {}) as Record<string, unknown>;
  const raw = stages[name];
  if (raw === undefined) {
    throw new Error(`stage "${name}" has no entry under "eproc:stages" in cdk.json context`);
  }
  const parsed = stageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration for stage "${name}": ${detail}`);
  }
  const config = { ...parsed.data, name };
  // A misspelled setting would be passed on and ignored, its default standing: refuse it here.
  assertKnownStageSettings(name, config.settings);
  refuseBadProcedureSettings(config);
  return config;
}

/**
 * Procedure numbers and the acceleration fail the synth, not a cold start after deployment: an
 * override out of its legal range names the setting, and a production stage (`production: true`,
 * or the stage named prod) refuses any PERIOD_ACCELERATION but 1.
 */
function refuseBadProcedureSettings(stage: StageConfig): void {
  const acceleration = stage.settings.PERIOD_ACCELERATION;
  if (acceleration !== undefined) {
    const parsed = z.coerce.number().int().min(1).safeParse(acceleration);
    if (!parsed.success) {
      throw new Error(
        `invalid configuration for stage "${stage.name}": settings.PERIOD_ACCELERATION must be a whole number ≥ 1`,
      );
    }
    if ((stage.production || stage.name === 'prod') && parsed.data !== 1) {
      throw new Error(
        `invalid configuration for stage "${stage.name}": settings.PERIOD_ACCELERATION is ${acceleration}, but a production stage runs the law's periods unaccelerated (remove it)`,
      );
    }
  }
  try {
    procedureValuesFrom(stage.settings);
  } catch (error) {
    throw new Error(`invalid configuration for stage "${stage.name}": ${(error as Error).message}`);
  }
}
