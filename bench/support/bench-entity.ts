// What several benchmarks need before they measure anything: JSON POSTs to the local API and a
// registered procuring entity with a token to act for it.
import type { LocalCloud } from '../../infra/local/local-cloud.ts';

export type Post = (
  path: string,
  token: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Record<string, any>>;

/** POSTs JSON and returns the parsed answer; any non-2xx answer aborts the benchmark. */
export function poster(baseUrl: string): Post {
  return async (path, token, body, headers = {}) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await r.json()) as Record<string, any>;
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** An organisation registered by an admin, and a procuring-entity token acting for it. */
export async function benchProcuringEntity(
  cloud: Pick<LocalCloud, 'url' | 'tokens'>,
  organisation: { name: string; code: string; street: string },
): Promise<{ post: Post; organisationId: string; token: string }> {
  const post = poster(cloud.url);
  const admin = await cloud.tokens.sign({ sub: 'bench-admin', roles: ['admin'] });
  const org = await post('/organisations', admin, {
    name: organisation.name,
    code: organisation.code,
    address: { street: organisation.street, province: 'Hà Nội' },
    contact: { name: 'Bench', email: 'bench@example.vn' },
  });
  const token = await cloud.tokens.sign({
    sub: 'bench-pe',
    roles: ['procuring-entity'],
    organisationId: org.organisationId,
  });
  return { post, organisationId: org.organisationId as string, token };
}
