// Strict settings: an unknown or misspelled setting fails `cdk synth` (a stage's settings in
// cdk.json) and `npm start` (the environment), naming it and the setting it was probably meant as.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredNames, functionSettingNames } from '../../infra/declared-settings.ts';
import { unknownEnvironmentSettings, unknownStageSettings } from '../../shared/config/strict-settings.ts';
import { buildApp } from '../infra/support/synth.ts';

const root = join(import.meta.dirname, '../..');

describe('a stage’s settings in cdk.json', () => {
  it('may only name declared settings', () => {
    expect(
      unknownStageSettings(
        ['OPENING_CONCURRENCY', 'PERIOD_ACCELERATION', 'PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC'],
        functionSettingNames,
      ),
    ).toEqual([]);
    expect(unknownStageSettings(['OPENING_CONCURENCY', 'COLOUR'], functionSettingNames)).toEqual([
      { name: 'OPENING_CONCURENCY', didYouMean: 'OPENING_CONCURRENCY' },
      { name: 'COLOUR' },
    ]);
  });

  it('fail the synth with an unknown key, naming it', () => {
    const context = (settings: Record<string, string>) => ({
      'eproc:stages': {
        dev: {
          corsOrigins: ['http://localhost:5173'],
          logRetentionDays: 30,
          terminationProtection: false,
          reservedConcurrency: {},
          settings,
        },
      },
    });
    expect(() => buildApp({ context: context({ MAX_BODY_BYTE: '1000' }) })).toThrow(
      /unknown setting in cdk.json stage "dev" settings: MAX_BODY_BYTE \(did you mean MAX_BODY_BYTES\?\)/,
    );
    expect(() =>
      buildApp({ context: context({ MAX_BODY_BYTES: '1000', BID_VALIDITY_MAX_DAYS: '90' }) }),
    ).not.toThrow();
  }, 120_000);
});

describe('the environment', () => {
  const check = (env: Record<string, string>) => unknownEnvironmentSettings(env, declaredNames);

  it('refuses a variable of a project family that no one declared, and near misses anywhere', () => {
    expect(
      check({
        OPENING_CONCURENCY: '4',
        LOCAL_FAULT_RAT: '0.1',
        EPROC_DATA_DRI: '/tmp',
        CHECKPOINT_EVERY: '5',
        PAGE_SIZE_MAXX: '10',
      }),
    ).toEqual([
      { name: 'CHECKPOINT_EVERY' },
      { name: 'EPROC_DATA_DRI', didYouMean: 'EPROC_DATA_DIR' },
      { name: 'LOCAL_FAULT_RAT', didYouMean: 'LOCAL_FAULT_RATE' },
      { name: 'OPENING_CONCURENCY', didYouMean: 'OPENING_CONCURRENCY' },
      { name: 'PAGE_SIZE_MAXX', didYouMean: 'PAGE_SIZE_MAX' },
    ]);
  });

  it('leaves other tools’ variables, resource variables and declared settings alone', () => {
    expect(
      check({
        PATH: '/bin',
        HOME: '/root',
        NODE_OPTIONS: '',
        MAX_OLD_SPACE: '1',
        LOG_LEVEL: 'debug',
        TIME_STYLE: 'iso',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        AWS_REGION: 'ap-southeast-1',
        STAGE: 'local',
        TABLE_TENDERS: 't',
        QUEUE_OPENING_URL: 'u',
        KEY_TENDER_KEYS_ID: 'k',
        OPENING_CONCURRENCY: '8',
        LOCAL_SNAPSHOT_INTERVAL_MS: '500',
        EPROC_TOKEN: 'x',
      }),
    ).toEqual([]);
  });

  it('fails npm start before anything starts, naming the variable', () => {
    const started = spawnSync(process.execPath, [join(root, 'infra/local/start.ts'), '--port', '0'], {
      cwd: root,
      env: { ...process.env, OPENING_CONCURENCY: '4' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).not.toBe(0);
    expect(started.stdout + started.stderr).toMatch(
      /unknown setting in the environment: OPENING_CONCURENCY \(did you mean OPENING_CONCURRENCY\?\)/,
    );
  }, 90_000);
});
