// Queues with dead-letter queues and alarms, and the wiring of queue, schedule and stream triggers.
// The real catalog has no such triggers yet, so the test catalog supplies them.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { queues } from '../../shared/resources/queues.ts';
import { buildApp, stage, synth } from './support/synth.ts';
import { flat, functionRoles, policyDocuments, resourcesOfType } from './support/template-walk.ts';
import { testCatalog } from './support/test-catalog.ts';

const { json } = synth(testCatalog);
const workflow = json.workflow;
const functions = functionRoles(json.api, stage);
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const queueByName = (name: string) => {
  const found = resourcesOfType(workflow, 'AWS::SQS::Queue').find(([, q]) => q.Properties.QueueName === name);
  if (!found) throw new Error(`no queue ${name}`);
  return { logicalId: found[0], props: found[1].Properties };
};
const alarms = resourcesOfType(workflow, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
/** A cross-stack reference to a function of the Api stack (its name or its ARN). */
const functionRef = (name: string) =>
  new RegExp(`(Ref|FnGetAtt)${functions.get(name)!.fn}(Arn)?[0-9A-F]{8}>$`);

describe.each(Object.entries(queues))('queue %s', (name, spec) => {
  const queue = queueByName(`eproc-${stage}-${kebab(name)}`);
  const dlq = queueByName(`eproc-${stage}-${kebab(name)}-dlq`);

  it('sends messages to its dead-letter queue after the declared number of receives', () => {
    expect(queue.props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq.logicalId, 'Arn'] },
      maxReceiveCount: spec.maxReceiveCount,
    });
    expect(queue.props.VisibilityTimeout).toBe(spec.visibilityTimeoutSeconds);
  });

  it('is encrypted and refuses requests without TLS, as is its dead-letter queue', () => {
    for (const q of [queue, dlq]) {
      expect(q.props.SqsManagedSseEnabled).toBe(true);
      const policy = policyDocuments(workflow).find(
        (d) =>
          d.type === 'AWS::SQS::QueuePolicy' &&
          JSON.stringify(workflow.Resources[d.logicalId].Properties.Queues).includes(`"${q.logicalId}"`),
      );
      expect(policy?.statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('alarms as soon as any message is in its dead-letter queue', () => {
    const depth = alarms.filter(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions) ===
          JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq.logicalId, 'QueueName'] } }]),
    );
    expect(depth).toHaveLength(1);
    expect(depth[0]).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      Statistic: 'Maximum',
    });
    expect(depth[0].AlarmActions).toHaveLength(1);
  });

  it('alarms when its oldest message outlives every retry', () => {
    const age = alarms.filter(
      (a) =>
        a.MetricName === 'ApproximateAgeOfOldestMessage' &&
        JSON.stringify(a.Dimensions).includes(`"${queue.logicalId}"`),
    );
    expect(age).toHaveLength(1);
    expect(age[0].Threshold).toBe(spec.visibilityTimeoutSeconds * spec.maxReceiveCount + 900);
  });
});

describe('triggers', () => {
  const mappings = resourcesOfType(workflow, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
  const mappingsOf = (name: string) => mappings.filter((m) => functionRef(name).test(flat(m.FunctionName)));
  const entries = (kind: string) => Object.entries(testCatalog).filter(([, s]) => s.trigger.kind === kind);

  it('exercises every trigger kind', () => {
    for (const kind of ['queue', 'schedule', 'stream']) expect(entries(kind).length, kind).toBeGreaterThan(0);
  });

  it.each(entries('queue'))('maps queue messages to %s with partial batch failures', (name, spec) => {
    const trigger = spec.trigger as Extract<FunctionSpec['trigger'], { kind: 'queue' }>;
    const found = mappingsOf(name);
    expect(found).toHaveLength(1);
    const queue = queueByName(`eproc-${stage}-${kebab(trigger.queue)}`);
    expect(found[0]).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queue.logicalId, 'Arn'] },
      BatchSize: trigger.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    if (trigger.maxConcurrency)
      expect(found[0].ScalingConfig).toEqual({ MaximumConcurrency: trigger.maxConcurrency });
    if (trigger.batchSize > 10) expect(found[0].MaximumBatchingWindowInSeconds).toBeGreaterThan(0);
    const timeout = functions.get(name)!.props.Timeout;
    expect(timeout * 6).toBeLessThanOrEqual(queues[trigger.queue].visibilityTimeoutSeconds);
  });

  it.each(entries('schedule'))('runs %s on its schedule', (name, spec) => {
    const trigger = spec.trigger as Extract<FunctionSpec['trigger'], { kind: 'schedule' }>;
    const rules = resourcesOfType(workflow, 'AWS::Events::Rule').filter(([, r]) =>
      r.Properties.Targets.some((t: any) => functionRef(name).test(flat(t.Arn))),
    );
    expect(rules).toHaveLength(1);
    // EventBridge wants the singular for one unit: rate(1 minute), rate(5 minutes); CDK writes
    // whole hours and days in those units (1440 minutes: rate(1 day)).
    const [count, unit] =
      trigger.everyMinutes % 1440 === 0
        ? [trigger.everyMinutes / 1440, 'day']
        : trigger.everyMinutes % 60 === 0
          ? [trigger.everyMinutes / 60, 'hour']
          : [trigger.everyMinutes, 'minute'];
    expect(rules[0]![1].Properties.ScheduleExpression).toBe(
      `rate(${count} ${unit}${count === 1 ? '' : 's'})`,
    );
    const permissions = resourcesOfType(workflow, 'AWS::Lambda::Permission').filter(
      ([, p]) =>
        functionRef(name).test(flat(p.Properties.FunctionName)) &&
        p.Properties.Principal === 'events.amazonaws.com',
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties.SourceArn).toEqual({ 'Fn::GetAtt': [rules[0]![0], 'Arn'] });
  });

  it.each(entries('stream'))(
    'feeds %s from its table stream, in order, without skipping records',
    (name, spec) => {
      const trigger = spec.trigger as Extract<FunctionSpec['trigger'], { kind: 'stream' }>;
      const found = mappingsOf(name);
      expect(found).toHaveLength(1);
      expect(flat(found[0].EventSourceArn)).toMatch(
        new RegExp(`Table${trigger.table[0]!.toUpperCase()}${trigger.table.slice(1)}[0-9A-F]{8}StreamArn`),
      );
      expect(found[0]).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: trigger.batchSize,
        ParallelizationFactor: 1,
        MaximumRetryAttempts: -1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      expect(found[0].MaximumBatchingWindowInSeconds).toBe(trigger.batchingWindowSeconds);
      expect(
        alarms.some(
          (a) =>
            a.MetricName === 'IteratorAge' &&
            JSON.stringify(a.Dimensions).includes(`eproc-${stage}-${kebab(name)}`),
        ),
      ).toBe(true);
    },
  );

  it('maps nothing for HTTP functions', () => {
    for (const [name] of entries('http')) expect(mappingsOf(name), name).toEqual([]);
  });
});

describe('catalog checks', () => {
  const base = testCatalog.openingTimer!;
  const attempt = (spec: FunctionSpec) => () => buildApp({ catalog: { broken: spec } });

  it('refuses a queue consumer whose timeout exceeds a sixth of the visibility timeout', () => {
    expect(attempt({ ...base, timeoutSeconds: 61 })).toThrow(/timeout 61 s exceeds 1\/6 of queue opening/);
    expect(attempt({ ...base, timeoutSeconds: 60 })).not.toThrow();
  });

  it('refuses a stream trigger on a table without a stream', () => {
    expect(attempt({ ...base, trigger: { kind: 'stream', table: 'tenders', batchSize: 10 } })).toThrow(
      /table tenders has no stream/,
    );
  });

  it("refuses a stream trigger's batch size or batching window outside Lambda's ranges", () => {
    const stream = { kind: 'stream', table: 'audit', batchSize: 100 } as const;
    expect(attempt({ ...base, trigger: { ...stream, batchingWindowSeconds: 301 } })).toThrow(
      /batchingWindowSeconds must be a whole number from 0 to 300/,
    );
    expect(attempt({ ...base, trigger: { ...stream, batchingWindowSeconds: 1.5 } })).toThrow(
      /batchingWindowSeconds/,
    );
    expect(attempt({ ...base, trigger: { ...stream, batchSize: 10_001 } })).toThrow(
      /batchSize must be a whole number from 1 to 10000/,
    );
    expect(attempt({ ...base, trigger: { ...stream, batchingWindowSeconds: 300 } })).not.toThrow();
  });

  it('deploys an HTTP function that outlives the 30 s HTTP API timeout, with a warning', () => {
    const { stacks } = buildApp({ catalog: { slow: { ...testCatalog.bidSealer!, timeoutSeconds: 60 } } });
    Annotations.fromStack(stacks.api).hasWarning(
      '*',
      Match.stringLikeRegexp('slow: timeout is 60 s but HTTP API'),
    );
  });

  it('refuses two functions serving the same route', () => {
    const sealer = testCatalog.bidSealer!;
    expect(() => buildApp({ catalog: { one: sealer, two: sealer } })).toThrow(/already served by one/);
  });
});
