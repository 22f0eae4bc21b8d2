// Public tender list: GET /tenders with the page's own query (status, category, buyer) passed on,
// so a link such as /app/?buyer=<organisationId> lists one procuring entity's tenders.
import { apiBase, createApi } from '../api.ts';
import { byId, h, replaceChildren, showError } from '../dom.ts';
import { categoryLabels, formatHanoiTime, statusLabels } from '../format.ts';
import type { Page, TenderSummary } from '../types.ts';

const api = createApi(apiBase());
const passedOn = ['status', 'category', 'buyer'] as const;
const list = byId('tenders');
const more = byId<HTMLButtonElement>('more');
const rows = h('tbody');
let cursor: string | undefined;

function query(): URLSearchParams {
  const own = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const name of passedOn) {
    const value = own.get(name);
    if (value) query.set(name, value);
  }
  return query;
}

function row(t: TenderSummary): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-tender-id': t.tenderId },
    h('td', {}, h('a', { href: `tender.html?id=${encodeURIComponent(t.tenderId)}` }, t.title)),
    h('td', {}, t.buyerName),
    h('td', {}, categoryLabels[t.category] ?? t.category),
    h('td', { class: 'amount' }, t.lotCount),
    h('td', { class: 'deadline' }, formatHanoiTime(t.submissionDeadline)),
    h('td', {}, h('span', { class: `badge ${t.status}` }, statusLabels[t.status] ?? t.status)),
  );
}

async function load(first: boolean): Promise<void> {
  const q = query();
  q.set('limit', '20');
  if (cursor) q.set('cursor', cursor);
  more.disabled = true;
  try {
    const page = await api.call<Page<TenderSummary>>('GET', `/tenders?${q}`);
    if (first) {
      rows.replaceChildren();
      if (page.items.length === 0) {
        replaceChildren(list, h('p', { class: 'muted' }, 'Không có gói thầu nào.'));
        more.hidden = true;
        return;
      }
      replaceChildren(
        list,
        h(
          'table',
          { id: 'tender-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Gói thầu'),
              h('th', {}, 'Bên mời thầu'),
              h('th', {}, 'Lĩnh vực'),
              h('th', { class: 'amount' }, 'Số lô'),
              h('th', {}, 'Thời điểm đóng thầu'),
              h('th', {}, 'Trạng thái'),
            ),
          ),
          rows,
        ),
      );
    }
    rows.append(...page.items.map(row));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  } catch (error) {
    showError(list, error);
  } finally {
    more.disabled = false;
  }
}

for (const name of ['status', 'category'] as const) {
  const select = byId<HTMLSelectElement>(`filter-${name}`);
  select.value = new URLSearchParams(location.search).get(name) ?? '';
  select.addEventListener('change', () => {
    const own = new URLSearchParams(location.search);
    if (select.value) own.set(name, select.value);
    else own.delete(name);
    history.replaceState(null, '', `?${own}`);
    cursor = undefined;
    void load(true);
  });
}
more.addEventListener('click', () => void load(false));
void load(true);
