// OCDS packages and document links are absolute URLs. API Gateway tells us the domain the call came
// in on (a custom domain or the execute-api one); the local runtime passes the Host header and
// speaks plain HTTP on loopback.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export function publicBaseUrl(event: APIGatewayProxyEventV2): string {
  const host = event.requestContext?.domainName || event.headers.host || 'localhost';
  const proto = event.headers['x-forwarded-proto'] ?? (loopback.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}
