// `npm start -- --demo`: a few procuring entities, contractors and tenders, created through the
// public API (so every one has its audit events), skipped when already present; and a user of the
// Cognito pool with a password for every role, printed in one block to sign in to the portal with.
import type { Role } from '../../shared/auth/roles.ts';
import { ensureUser, type LocalUserPool, passwordSignIn } from './user-pool.ts';

/** Every demo user's password (the pool's policy: 12+ characters, upper, lower, digit, symbol). */
export const demoPassword = 'Demo!Eproc2025';

interface DemoUser {
  readonly email: string;
  readonly role: Role;
  readonly sub: string;
  readonly organisationId?: string;
  readonly note: string;
}

/** Creates (or resets the password of) a demo user and signs them in: their ID token. */
async function demoUser(pool: LocalUserPool, user: DemoUser): Promise<string> {
  await ensureUser(pool, {
    email: user.email,
    password: demoPassword,
    role: user.role,
    sub: user.sub,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
  });
  const signedIn = await passwordSignIn(pool, user.email, demoPassword);
  const token = signedIn.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`demo user ${user.email} could not sign in (${signedIn.ChallengeName})`);
  return token;
}

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const demoContractors = [
  {
    user: 'demo-contractor-1',
    name: 'Công ty TNHH Xây dựng Sông Hồng',
    enterpriseCode: '0101234567',
    province: 'Hà Nội',
  },
  {
    user: 'demo-contractor-2',
    name: 'Công ty CP Thiết bị Sài Gòn',
    enterpriseCode: '0301234568',
    province: 'TP. Hồ Chí Minh',
  },
  {
    user: 'demo-contractor-3',
    name: 'Công ty TNHH Tư vấn Đà Nẵng',
    enterpriseCode: '0401234569',
    province: 'Đà Nẵng',
  },
];

// Procuring entities and their tenders; deadlines are set relative to today so the demo is live.
const demoOrganisations = [
  {
    user: 'demo-pe-1',
    name: 'Sở Giáo dục và Đào tạo Hà Nội',
    code: '1012345',
    province: 'Hà Nội',
    tenders: [
      {
        publish: true,
        title: 'Mua sắm máy tính cho các trường THPT',
        category: 'goods',
        evaluation: { method: 'lowest-price' },
        lots: [
          { title: 'Lô 1: máy tính để bàn', estimatedValue: 2_000_000_000, bidSecurityAmount: 30_000_000 },
          { title: 'Lô 2: máy chiếu', estimatedValue: 500_000_000, bidSecurityAmount: 7_500_000 },
        ],
        days: 30,
      },
      {
        publish: false,
        title: 'Cải tạo nhà đa năng Trường THPT Chu Văn An',
        category: 'works',
        evaluation: { method: 'evaluated-price' },
        lots: [
          { title: 'Toàn bộ công trình', estimatedValue: 8_500_000_000, bidSecurityAmount: 120_000_000 },
        ],
        days: 45,
      },
    ],
  },
  {
    user: 'demo-pe-2',
    name: 'Ban Quản lý dự án Đầu tư xây dựng TP. Hồ Chí Minh',
    code: '1023456',
    province: 'TP. Hồ Chí Minh',
    tenders: [
      {
        publish: true,
        title: 'Xây dựng cầu bộ hành qua kênh Nhiêu Lộc',
        category: 'works',
        evaluation: { method: 'combined', technicalWeight: 20, priceWeight: 80, minTechnicalScore: 70 },
        lots: [
          { title: 'Toàn bộ công trình', estimatedValue: 25_000_000_000, bidSecurityAmount: 375_000_000 },
        ],
        days: 40,
      },
      {
        publish: true,
        title: 'Tư vấn giám sát thi công cầu bộ hành',
        category: 'consulting',
        evaluation: { method: 'technical-score', minTechnicalScore: 80 },
        lots: [{ title: 'Tư vấn giám sát', estimatedValue: 900_000_000, bidSecurityAmount: 0 }],
        days: 25,
      },
    ],
  },
];

async function seedOrganisations(url: string, pool: LocalUserPool, users: DemoUser[]): Promise<string> {
  const adminUser: DemoUser = { email: 'admin@demo.eproc.vn', role: 'admin', sub: 'demo-admin', note: '' };
  users.push({ ...adminUser, note: 'invites staff, disables users, registers organisations' });
  const admin = await demoUser(pool, adminUser);
  let organisations = 0;
  let tenders = 0;
  for (const o of demoOrganisations) {
    const created = await call(url, admin, 'POST', '/organisations', {
      name: o.name,
      code: o.code,
      address: { street: '1 Đường Demo', province: o.province },
      contact: { name: 'Bộ phận đấu thầu', email: `${o.user}@example.gov.vn` },
    });
    let organisationId = created.body.organisationId as string | undefined;
    if (created.status === 201) organisations++;
    else {
      // Already seeded: find it, to print its token command, and leave its tenders alone.
      const list = await call(url, admin, 'GET', '/organisations?limit=100');
      const items = (list.body.items ?? []) as { organisationId: string; code: string }[];
      organisationId = items.find((i) => i.code === o.code)?.organisationId;
    }
    if (!organisationId) continue;
    const peUser: DemoUser = {
      email: `${o.user.replace('demo-', '')}@demo.eproc.vn`,
      role: 'procuring-entity',
      sub: o.user,
      organisationId,
      note: o.name,
    };
    users.push(peUser);
    const token = await demoUser(pool, peUser);
    if (created.status !== 201) continue;
    for (const t of o.tenders) {
      const deadline = new Date(Date.now() + t.days * 86_400_000);
      deadline.setUTCHours(2, 0, 0, 0); // 09:00 in Vietnam
      const draft = await call(url, token, 'POST', '/tenders', {
        title: t.title,
        description: `${t.title} (dữ liệu minh hoạ).`,
        category: t.category,
        procurementMethod: 'open',
        envelopeProcedure: t.category === 'consulting' ? 'two-envelope' : 'one-envelope',
        lots: t.lots,
        bidValidityDays: 120,
        evaluation: t.evaluation,
        submissionDeadline: deadline.toISOString(),
        questionsDeadline: new Date(deadline.getTime() - 7 * 86_400_000).toISOString(),
      });
      if (draft.status !== 201) throw new Error(`demo tender refused: ${JSON.stringify(draft.body)}`);
      tenders++;
      if (t.publish) {
        await call(url, token, 'POST', `/tenders/${draft.body.tenderId}/publish`, undefined, {
          'if-match': `"${draft.body.version}"`,
        });
      }
    }
  }
  return `${organisations} procuring entities and ${tenders} tenders created`;
}

/** Seeds the demo; answers the summary and the block of demo users to print. */
export async function seedDemo(url: string, pool: LocalUserPool): Promise<string> {
  const users: DemoUser[] = [];
  let created = 0;
  for (const c of demoContractors) {
    const user: DemoUser = {
      email: `${c.user.replace('demo-', '')}@demo.eproc.vn`,
      role: 'contractor',
      sub: c.user,
      note: c.name,
    };
    users.push(user);
    const token = await demoUser(pool, user);
    const result = await call(url, token, 'POST', '/contractors', {
      name: c.name,
      enterpriseCode: c.enterpriseCode,
      address: { street: '1 Đường Demo', province: c.province },
      contacts: [{ name: 'Nguyễn Văn A', email: `${c.user}@example.vn` }],
      representatives: [{ name: 'Trần Thị B', title: 'Giám đốc' }],
    });
    if (result.status === 201) created++;
  }
  const entities = await seedOrganisations(url, pool, users);
  const auditor: DemoUser = {
    email: 'auditor@demo.eproc.vn',
    role: 'auditor',
    sub: 'demo-auditor',
    note: 'reads the audit log',
  };
  users.push(auditor);
  await demoUser(pool, auditor);
  return `demo: ${created} contractors created; ${entities}\n${demoUsersBlock(users)}`;
}

function demoUsersBlock(users: readonly DemoUser[]): string {
  const width = Math.max(...users.map((u) => u.email.length));
  const roleWidth = Math.max(...users.map((u) => u.role.length));
  const lines = users.map(
    (u) => `  ${u.email.padEnd(width)}  ${demoPassword}  ${u.role.padEnd(roleWidth)}  ${u.note}`,
  );
  return [
    '┌ demo users: sign in at /vi/sign-in (English: /en/sign-in) with these (user, password, role)',
    ...lines,
    '└',
  ].join('\n');
}
