// `npm start -- --demo`: a few procuring entities, contractors and tenders, created through the
// public API (so every one has its audit events), skipped when already present.
import type { LocalIssuer } from './local-issuer.ts';

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
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

export async function seedDemo(url: string, issuer: LocalIssuer): Promise<string> {
  let created = 0;
  for (const c of demoContractors) {
    const token = await issuer.sign({ sub: c.user, roles: ['contractor'] });
    const result = await call(url, token, 'POST', '/contractors', {
      name: c.name,
      enterpriseCode: c.enterpriseCode,
      address: { street: '1 Đường Demo', province: c.province },
      contacts: [{ name: 'Nguyễn Văn A', email: `${c.user}@example.vn` }],
      representatives: [{ name: 'Trần Thị B', title: 'Giám đốc' }],
    });
    if (result.status === 201) created++;
  }
  return `demo: ${created} contractors created (users demo-contractor-1..3)`;
}
