// A declared queue with its dead-letter queue and the two alarms that say work is stuck: anything
// at all in the dead-letter queue, and an oldest message older than every retry could explain.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, QueueSpec } from '../../shared/resources/queues.ts';
import { deadLetterQueueName, queueName } from './naming.ts';

export interface WorkQueueProps {
  readonly stage: string;
  readonly name: QueueName;
  readonly spec: QueueSpec;
  readonly alarmAction: IAlarmAction;
}

// SQS delays a message by 15 minutes at most; delayed timers are re-sent, so age resets.
const maxDelaySeconds = 15 * 60;

export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly ageAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { stage, name, spec } = props;

    // Messages carry identifiers only (tender ids, timers), never document content: SQS-managed
    // encryption protects them at rest without adding KMS grants to every producer and consumer.
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      queueName: deadLetterQueueName(stage, name),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: queueName(stage, name),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
    });

    this.deadLetterAlarm = new Alarm(this, 'DeadLettersVisible', {
      alarmName: `${deadLetterQueueName(stage, name)}-not-empty`,
      alarmDescription: `Messages of ${name} failed ${spec.maxReceiveCount} times and wait in its dead-letter queue`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const ageLimitSeconds = spec.visibilityTimeoutSeconds * spec.maxReceiveCount + maxDelaySeconds;
    this.ageAlarm = new Alarm(this, 'OldestMessageAge', {
      alarmName: `${queueName(stage, name)}-oldest-message-age`,
      alarmDescription: `A message of ${name} has waited longer than all its deliveries (${ageLimitSeconds} s): consumers are not keeping up`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: ageLimitSeconds,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.deadLetterAlarm, this.ageAlarm]) alarm.addAlarmAction(props.alarmAction);
  }
}
