// The asynchronous side: the declared queues (each with a dead-letter queue and alarms), and the
// wiring of every non-HTTP catalog trigger to its function: SQS event source mappings, EventBridge
// schedules and DynamoDB stream event sources.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EventSourceMapping, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { type QueueName, type QueueSpec, queues } from '../../shared/resources/queues.ts';
import type { DataResources } from '../constructs/data-resources.ts';
import { keyPolicy } from '../constructs/key-policy.ts';
import { functionName, pascal, physicalName } from '../constructs/naming.ts';
import { WorkQueue } from '../constructs/work-queue.ts';
import type { StageConfig } from './stage-config.ts';

export interface WorkflowStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly catalog: Readonly<Record<string, FunctionSpec>>;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly data: DataResources;
}

// A stream consumer this far behind is stuck on a record, not merely busy.
const iteratorAgeLimit = Duration.minutes(5);

export class WorkflowStack extends Stack {
  readonly queues: Readonly<Record<QueueName, WorkQueue>>;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { stage, catalog, data } = props;

    const alarmKey = new Key(this, 'AlarmTopicKey', {
      alias: `alias/${physicalName(stage.name, 'alarms')}`,
      description: 'Encrypts the alarm notification topic',
      policy: keyPolicy('ENCRYPT_DECRYPT'),
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic as itself.
    alarmKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    this.alarmTopic = new Topic(this, 'Alarms', {
      topicName: physicalName(stage.name, 'alarms'),
      masterKey: alarmKey,
      enforceSSL: true,
    });
    if (stage.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(stage.alarmEmail));
    const alarmAction = new SnsAction(this.alarmTopic);

    const workQueues = {} as Record<QueueName, WorkQueue>;
    for (const [name, spec] of Object.entries(queues) as [QueueName, QueueSpec][]) {
      workQueues[name] = new WorkQueue(this, `Queue${pascal(name)}`, {
        stage: stage.name,
        name,
        spec,
        alarmAction,
      });
    }
    this.queues = workQueues;

    for (const [name, spec] of Object.entries(catalog)) {
      const trigger = spec.trigger;
      if (trigger.kind === 'http' || trigger.kind === 'userPool') continue;
      const target = props.functions[name];
      if (!target) throw new Error(`no function was built for ${name}`);
      const id = pascal(name);
      const physical = functionName(stage.name, name);

      if (trigger.kind === 'queue') {
        new EventSourceMapping(this, `${id}QueueSource`, {
          target,
          eventSourceArn: workQueues[trigger.queue].queue.queueArn,
          batchSize: trigger.batchSize,
          // SQS batches above 10 messages need a batching window.
          ...(trigger.batchSize > 10 ? { maxBatchingWindow: Duration.seconds(1) } : {}),
          ...(trigger.maxConcurrency ? { maxConcurrency: trigger.maxConcurrency } : {}),
          // Only the failed messages of a batch return to the queue, not the whole batch.
          reportBatchItemFailures: true,
        });
      } else if (trigger.kind === 'schedule') {
        new Rule(this, `${id}Schedule`, {
          ruleName: `${physical}-schedule`,
          description: `Runs ${physical} every ${trigger.everyMinutes} min`,
          schedule: Schedule.rate(Duration.minutes(trigger.everyMinutes)),
          // A tick older than its period is superseded by the next one.
          targets: [
            new LambdaFunction(target, {
              retryAttempts: 2,
              maxEventAge: Duration.minutes(trigger.everyMinutes),
            }),
          ],
        });
        new Alarm(this, `${id}Errors`, {
          alarmName: `${physical}-errors`,
          alarmDescription: `Scheduled function ${name} failed`,
          metric: new Metric({
            namespace: 'AWS/Lambda',
            metricName: 'Errors',
            dimensionsMap: { FunctionName: physical },
            statistic: 'Sum',
            period: Duration.minutes(Math.max(1, trigger.everyMinutes)),
          }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(alarmAction);
      } else {
        const streamArn = data.tableStreamArns[trigger.table];
        if (!streamArn) throw new Error(`${name}: table ${trigger.table} has no stream`);
        new EventSourceMapping(this, `${id}StreamSource`, {
          target,
          eventSourceArn: streamArn,
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: trigger.batchSize,
          ...(trigger.batchingWindowSeconds
            ? { maxBatchingWindow: Duration.seconds(trigger.batchingWindowSeconds) }
            : {}),
          // One poller per shard keeps records in order; a failed record is retried, never
          // skipped, so the batch resumes from it (the audit log must not lose events).
          parallelizationFactor: 1,
          reportBatchItemFailures: true,
          retryAttempts: -1,
        });
        new Alarm(this, `${id}IteratorAge`, {
          alarmName: `${physical}-iterator-age`,
          alarmDescription: `Stream consumer ${name} is more than ${iteratorAgeLimit.toMinutes()} min behind ${trigger.table}`,
          metric: new Metric({
            namespace: 'AWS/Lambda',
            metricName: 'IteratorAge',
            dimensionsMap: { FunctionName: physical },
            statistic: 'Maximum',
            period: Duration.minutes(1),
          }),
          threshold: iteratorAgeLimit.toMilliseconds(),
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(alarmAction);
      }
    }
  }
}
