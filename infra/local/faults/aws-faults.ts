// The errors AWS really answers when it is throttling, failing or slow, per service, as the wire
// bytes it sends: the SDK's own deserializer turns them into its exception classes (with their
// $metadata, $retryable and CancellationReasons), so handlers see exactly what they would see on
// AWS. `after` faults happen once the call reached the service: the write took effect, the
// answer was lost.

export type FaultService = 'dynamodb' | 's3' | 'kms' | 'sqs';

export interface SyntheticResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

export interface Fault {
  readonly name: string;
  /** `before`: the call never reached the service; `after`: it did, and its answer was lost. */
  readonly phase: 'before' | 'after';
  /** Only for these operations (e.g. a transaction conflict only on TransactWriteItems). */
  readonly operations?: readonly string[];
  /** Either an error response from the service, or a transport failure. */
  readonly respond: (requestId: string) => SyntheticResponse | TransportFailure;
}

export interface TransportFailure {
  readonly transport: 'timeout' | 'reset';
}

const bytes = (text: string) => new TextEncoder().encode(text);

const awsJson =
  (version: '1.0' | '1.1', status: number, type: string, body: Record<string, unknown> = {}, extra = {}) =>
  (requestId: string): SyntheticResponse => ({
    statusCode: status,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': requestId,
      ...extra,
    },
    body: bytes(JSON.stringify({ __type: type, ...body })),
  });

const s3Xml =
  (status: number, code: string, message: string) =>
  (requestId: string): SyntheticResponse => ({
    statusCode: status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: bytes(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
    ),
  });

const dynamo = (status: number, type: string, body: Record<string, unknown>) =>
  awsJson('1.0', status, `com.amazonaws.dynamodb.v20120810#${type}`, body);
// SQS speaks JSON with query-compatible error codes in x-amzn-query-error.
const sqs = (status: number, type: string, queryCode: string, message: string) =>
  awsJson('1.0', status, `com.amazonaws.sqs#${type}`, { message }, { 'x-amzn-query-error': queryCode });

const timeout = (): TransportFailure => ({ transport: 'timeout' });
const reset = (): TransportFailure => ({ transport: 'reset' });

const transport: readonly Fault[] = [
  { name: 'TimeoutError', phase: 'before', respond: timeout },
  { name: 'TimeoutError(after)', phase: 'after', respond: timeout },
  { name: 'ECONNRESET(after)', phase: 'after', respond: reset },
];

export const faultsByService: Record<FaultService, readonly Fault[]> = {
  dynamodb: [
    {
      name: 'ProvisionedThroughputExceededException',
      phase: 'before',
      respond: dynamo(400, 'ProvisionedThroughputExceededException', {
        message:
          'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      }),
    },
    {
      name: 'ThrottlingException',
      phase: 'before',
      respond: awsJson('1.0', 400, 'com.amazon.coral.availability#ThrottlingException', {
        message: 'Throughput exceeds the current capacity for one or more global secondary indexes.',
      }),
    },
    {
      name: 'TransactionConflict',
      phase: 'before',
      operations: ['TransactWriteItems'],
      respond: dynamo(400, 'TransactionCanceledException', {
        Message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
        CancellationReasons: [
          { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
        ],
      }),
    },
    {
      name: 'InternalServerError',
      phase: 'before',
      respond: dynamo(500, 'InternalServerError', { message: 'Internal server error' }),
    },
    {
      name: 'InternalServerError(after)',
      phase: 'after',
      respond: dynamo(500, 'InternalServerError', { message: 'Internal server error' }),
    },
    ...transport,
  ],
  s3: [
    {
      name: 'InternalError',
      phase: 'before',
      respond: s3Xml(500, 'InternalError', 'We encountered an internal error. Please try again.'),
    },
    {
      name: 'SlowDown',
      phase: 'before',
      respond: s3Xml(503, 'SlowDown', 'Please reduce your request rate.'),
    },
    {
      name: 'InternalError(after)',
      phase: 'after',
      respond: s3Xml(500, 'InternalError', 'We encountered an internal error. Please try again.'),
    },
    ...transport,
  ],
  kms: [
    {
      name: 'ThrottlingException',
      phase: 'before',
      respond: awsJson('1.1', 400, 'ThrottlingException', { message: 'Rate exceeded' }),
    },
    {
      name: 'KMSInternalException',
      phase: 'before',
      respond: awsJson('1.1', 500, 'KMSInternalException', { message: 'An internal error occurred.' }),
    },
    ...transport,
  ],
  sqs: [
    {
      name: 'RequestThrottled',
      phase: 'before',
      respond: sqs(400, 'RequestThrottled', 'RequestThrottled;Sender', 'Rate exceeded'),
    },
    {
      name: 'InternalError',
      phase: 'before',
      respond: sqs(500, 'InternalError', 'InternalError;Receiver', 'We encountered an internal error.'),
    },
    {
      name: 'InternalError(after)',
      phase: 'after',
      respond: sqs(500, 'InternalError', 'InternalError;Receiver', 'We encountered an internal error.'),
    },
    ...transport,
  ],
};

/** The SDK's serviceId → the service faults are drawn for (DynamoDB Streams is the pollers' own). */
export const serviceOf = (serviceId: string | undefined): FaultService | undefined =>
  ({ DynamoDB: 'dynamodb', S3: 's3', KMS: 'kms', SQS: 'sqs' })[serviceId ?? ''] as FaultService | undefined;
