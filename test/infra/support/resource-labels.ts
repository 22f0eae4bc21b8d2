// Names the resource an IAM statement points at, from the synthesized templates alone:
// `table:tenders`, `index:tenders/byStatus`, `objects:documents/tenders/*`, `tableKey:audit`,
// `key:tenderKeys`... Anything it cannot name comes back as `unknown:<resource>`, so a statement
// on something unexpected shows up in comparisons instead of being skipped.
import { flat, resourcesOfType } from './template-walk.ts';

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function resourceLabeler(dataTemplate: any, stage: string): (resource: unknown) => string {
  const byLogicalId: [string, string][] = [];
  for (const [, alias] of resourcesOfType(dataTemplate, 'AWS::KMS::Alias')) {
    const name: string = alias.Properties.AliasName.replace(`alias/eproc-${stage}-`, '');
    const keyId: string = alias.Properties.TargetKeyId['Fn::GetAtt'][0];
    const label = name.endsWith('-table')
      ? `tableKey:${camel(name.replace(/-table$/, ''))}`
      : name.endsWith('-bucket')
        ? `bucketKey:${camel(name.replace(/-bucket$/, ''))}`
        : `key:${camel(name)}`;
    byLogicalId.push([keyId, label]);
  }
  for (const [logicalId, table] of resourcesOfType(dataTemplate, 'AWS::DynamoDB::Table')) {
    const name = camel(String(table.Properties.TableName).replace(`eproc-${stage}-`, ''));
    byLogicalId.push([`${logicalId}StreamArn`, `stream:${name}`]);
  }
  const prefix = `eproc-${stage}-`;
  return (resource) => {
    const text = flat(resource);
    if (text === '*') return '*';
    let m = new RegExp(`:table/${prefix}([a-z0-9-]+)/index/(\\w+)$`).exec(text);
    if (m) return `index:${camel(m[1]!)}/${m[2]}`;
    m = new RegExp(`:table/${prefix}([a-z0-9-]+)/stream/\\*$`).exec(text);
    if (m) return `streams:${camel(m[1]!)}`;
    m = new RegExp(`:table/${prefix}([a-z0-9-]+)$`).exec(text);
    if (m) return `table:${camel(m[1]!)}`;
    m = new RegExp(`:s3:::${prefix}([a-z0-9-]+)-<AWS::AccountId>-<AWS::Region>/(.*)$`).exec(text);
    if (m) return `objects:${camel(m[1]!)}/${m[2]}`;
    m = new RegExp(`:sqs:<AWS::Region>:<AWS::AccountId>:${prefix}([a-z0-9-]+)$`).exec(text);
    if (m) return `queue:${camel(m[1]!)}`;
    // The Auth stack's user pool, imported by the API stack.
    if (/FnGetAttUsers[0-9A-F]{8}Arn/.test(text)) return 'userPool:users';
    // The same pool in its own stack (the post-confirmation trigger's policy).
    if (/^<Users[0-9A-F]{8}\.Arn>$/.test(text)) return 'userPool:users';
    for (const [logicalId, label] of byLogicalId) {
      if (new RegExp(`FnGetAtt${logicalId}(Arn)?[0-9A-F]{8}>$`).test(text)) return label;
    }
    return `unknown:${text}`;
  };
}
