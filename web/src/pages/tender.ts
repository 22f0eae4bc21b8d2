// One public tender: its notice, lots with their values, documents, answered questions and
// revisions, with links to bid on each lot while submissions are open.
import { apiBase, createApi } from '../api.ts';
import { byId, h, queryParam, replaceChildren, showError } from '../dom.ts';
import {
  categoryLabels,
  formatBytes,
  formatHanoiTime,
  formatMoney,
  methodLabels,
  procedureLabels,
  statusLabels,
} from '../format.ts';
import type { DocumentLink, TenderDetail } from '../types.ts';

const api = createApi(apiBase());
const main = byId('tender');

function fact(label: string, value: Node | string): HTMLTableRowElement {
  return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value));
}

async function download(tenderId: string, documentId: string): Promise<void> {
  const link = await api.call<DocumentLink>('GET', `/tenders/${tenderId}/documents/${documentId}`);
  location.assign(link.url);
}

function render(t: TenderDetail): void {
  document.title = `${t.title} · eProc`;
  const open = t.status === 'published' && Date.parse(t.submissionDeadline) > Date.now();
  const lotTitle = new Map(t.lots.map((lot) => [lot.lotId, lot.title]));
  const answered = t.questions.filter((q) => q.status === 'answered');
  replaceChildren(
    main,
    h('p', {}, h('a', { href: './' }, '← Danh sách gói thầu')),
    h('h1', {}, t.title),
    h(
      'div',
      { class: 'meta' },
      h('span', { class: `badge ${t.status}` }, statusLabels[t.status] ?? t.status),
      h('span', {}, `Bên mời thầu: ${t.buyerName}`),
      h('span', {}, `Phiên bản công bố ${t.revision}`),
    ),
    h(
      'table',
      { class: 'facts', id: 'tender-facts' },
      fact('Thời điểm đóng thầu', h('strong', { class: 'deadline' }, formatHanoiTime(t.submissionDeadline))),
      fact('Hạn gửi câu hỏi làm rõ', formatHanoiTime(t.questionsDeadline)),
      fact('Lĩnh vực', categoryLabels[t.category] ?? t.category),
      fact('Hình thức lựa chọn', methodLabels[t.procurementMethod] ?? t.procurementMethod),
      fact('Phương thức', procedureLabels[t.envelopeProcedure] ?? t.envelopeProcedure),
      fact('Hiệu lực hồ sơ dự thầu', `${t.bidValidityDays} ngày`),
      fact('Đồng tiền', t.currency),
    ),
    h('h2', {}, 'Mô tả'),
    h('p', { class: 'description' }, t.description),
    h('h2', {}, 'Các lô'),
    h(
      'table',
      { id: 'lots' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Lô'),
          h('th', { class: 'amount' }, 'Giá gói thầu'),
          h('th', { class: 'amount' }, 'Bảo đảm dự thầu'),
          h('th', {}, ''),
        ),
      ),
      h(
        'tbody',
        {},
        ...t.lots.map((lot) =>
          h(
            'tr',
            { 'data-lot-id': lot.lotId },
            h('td', {}, lot.title, lot.description ? h('div', { class: 'muted' }, lot.description) : null),
            h('td', { class: 'amount estimated-value' }, formatMoney(lot.estimatedValue, t.currency)),
            h('td', { class: 'amount' }, formatMoney(lot.bidSecurityAmount, t.currency)),
            h(
              'td',
              {},
              open
                ? h(
                    'a',
                    {
                      class: 'button',
                      href: `bid.html?tender=${encodeURIComponent(t.tenderId)}&lot=${encodeURIComponent(lot.lotId)}`,
                    },
                    'Nộp hồ sơ',
                  )
                : null,
            ),
          ),
        ),
      ),
    ),
    t.documents.length > 0 ? h('h2', {}, 'Hồ sơ mời thầu') : null,
    t.documents.length > 0
      ? h(
          'ul',
          { class: 'files' },
          ...t.documents.map((d) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: '#',
                  onclick: (event: Event) => {
                    event.preventDefault();
                    download(t.tenderId, d.documentId).catch((error) => alert((error as Error).message));
                  },
                },
                d.fileName,
              ),
              ` (${formatBytes(d.size)})`,
            ),
          ),
        )
      : null,
    h('h2', {}, 'Câu hỏi và trả lời làm rõ'),
    answered.length === 0
      ? h('p', { class: 'muted' }, 'Chưa có câu hỏi nào được trả lời.')
      : h(
          'div',
          { id: 'questions' },
          ...answered.map((q) =>
            h(
              'div',
              { class: 'qa', 'data-question-id': q.questionId },
              q.lotId ? h('p', { class: 'muted' }, lotTitle.get(q.lotId) ?? q.lotId) : null,
              h('p', {}, h('strong', {}, 'Hỏi: '), q.question),
              h('p', {}, h('strong', {}, 'Đáp: '), q.answer ?? ''),
              q.answeredAt
                ? h('p', { class: 'muted' }, `Trả lời lúc ${formatHanoiTime(q.answeredAt)}`)
                : null,
            ),
          ),
        ),
    t.revisions.length > 1 ? h('h2', {}, 'Lịch sử công bố') : null,
    t.revisions.length > 1
      ? h(
          'ul',
          {},
          ...t.revisions.map((r) =>
            h('li', {}, `Phiên bản ${r.revision} · ${formatHanoiTime(r.at)}${r.note ? ` · ${r.note}` : ''}`),
          ),
        )
      : null,
  );
}

const tenderId = queryParam('id');
if (!tenderId) {
  replaceChildren(main, h('p', { class: 'error' }, 'Thiếu mã gói thầu (?id=…).'));
} else {
  api
    .call<TenderDetail>('GET', `/tenders/${encodeURIComponent(tenderId)}`)
    .then(render, (error) => showError(main, error));
}
