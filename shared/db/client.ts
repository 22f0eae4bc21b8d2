import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutSdkCallLog } from '../runtime/sdk-call-log.ts';
import { traced } from '../runtime/tracer.ts';

// One client per execution environment, reused across invocations.
// The DocumentClient has a middleware stack of its own, with its own copy of the SDK's call log.
export const db = withoutSdkCallLog(
  DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
