// `cdk synth` refuses PERIOD_ACCELERATION on a production stage and a procedure number out of
// its legal range on any stage, naming the setting.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stageConfigFrom } from '../../infra/stacks/stage-config.ts';
import { buildApp } from './support/synth.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const stages = cdkJson.context['eproc:stages'];
const withSettings = (stage: string, settings: Record<string, string>) =>
  new App({
    context: { stage, 'eproc:stages': { ...stages, [stage]: { ...stages[stage], settings } } },
  }).node;

describe('stage settings for procedures', () => {
  it('refuses acceleration on the production stage, and synth fails with it', () => {
    expect(() => stageConfigFrom(withSettings('prod', { PERIOD_ACCELERATION: '1440' }))).toThrow(
      /stage "prod".*PERIOD_ACCELERATION is 1440.*production/,
    );
    expect(() =>
      buildApp({
        context: {
          stage: 'prod',
          'eproc:stages': { ...stages, prod: { ...stages.prod, settings: { PERIOD_ACCELERATION: '2' } } },
        },
      }),
    ).toThrow(/PERIOD_ACCELERATION/);
    expect(stageConfigFrom(withSettings('prod', { PERIOD_ACCELERATION: '1' })).production).toBe(true);
  });

  it('allows it on a non-production stage, never 0', () => {
    expect(
      stageConfigFrom(withSettings('dev', { PERIOD_ACCELERATION: '1440' })).settings.PERIOD_ACCELERATION,
    ).toBe('1440');
    expect(() => stageConfigFrom(withSettings('dev', { PERIOD_ACCELERATION: '0' }))).toThrow(
      /PERIOD_ACCELERATION/,
    );
  });

  it('refuses a procedure number out of its range, naming the setting', () => {
    expect(() =>
      stageConfigFrom(withSettings('staging', { PROCEDURE_OPEN_AMENDMENT_MIN_DAYS: '5' })),
    ).toThrow(/stage "staging".*PROCEDURE_OPEN_AMENDMENT_MIN_DAYS: must be 10-60 days/);
    expect(stageConfigFrom(withSettings('staging', { PROCEDURE_OPEN_AMENDMENT_MIN_DAYS: '14' })).name).toBe(
      'staging',
    );
  });
});
