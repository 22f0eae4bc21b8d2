// Every name the project reads from its environment, in one list: the functions' settings
// (shared/config/settings.ts, shared/tenders/tender-settings.ts, shared/procedures/procedure-settings.ts), the local runtime's own
// (infra/local/local-settings.ts) and the variables of the CLI, `npm start` and the tests.
// Strict settings (shared/config/strict-settings.ts) refuse anything else that looks like ours:
// a new settings schema adds its names here.

import { settingNames } from '../shared/config/settings.ts';
import {
  describeUnknown,
  unknownEnvironmentSettings,
  unknownStageSettings,
} from '../shared/config/strict-settings.ts';
import { kpiSettingNames } from '../shared/kpis/kpi-settings.ts';
import { procedureSettingNames } from '../shared/procedures/procedure-settings.ts';
import { tenderSettingNames } from '../shared/tenders/tender-settings.ts';
import { localSettingNames } from './local/local-settings.ts';

/** Settings a stage may give its functions (cdk.json `eproc:stages.<stage>.settings`). */
export const functionSettingNames: readonly string[] = [
  ...settingNames,
  ...tenderSettingNames,
  ...kpiSettingNames,
  // Per-stage overrides of the law's numbers (PROCEDURE_<ID>_<NUMBER>, README "Procedures").
  ...procedureSettingNames(),
];

/** Not settings of a function, but the project's all the same. */
const toolVariables = [
  'EPROC_DATA_DIR',
  'EPROC_API',
  'EPROC_TOKEN',
  'EPROC_CONFIG_DIR',
  'EPROC_RECEIPTS_KEY',
  'EPROC_AUDIT_LOG_KEY',
  'EPROC_TEST_CPU',
];

export const declaredNames: readonly string[] = [
  ...functionSettingNames,
  ...localSettingNames,
  ...toolVariables,
];

/** Throws naming each key of a stage's settings that is no function setting. */
export function assertKnownStageSettings(stage: string, settings: Record<string, string>): void {
  const unknown = unknownStageSettings(Object.keys(settings), functionSettingNames);
  if (unknown.length > 0) throw new Error(describeUnknown(`in cdk.json stage "${stage}" settings`, unknown));
}

/** The one-line refusal for the environment, or undefined when every variable of ours is known. */
export function unknownEnvironmentMessage(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const unknown = unknownEnvironmentSettings(env, declaredNames);
  return unknown.length > 0 ? describeUnknown('in the environment', unknown) : undefined;
}
