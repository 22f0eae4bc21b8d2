// The contractor's bid page: sign in with a token, keep a signing key in this browser (registered
// on the contractor's profile), seal the price form and documents here, upload the sealed envelope
// straight to storage, commit it with a signature and keep the signed receipt.
import { ApiError, apiBase, createApi } from '../api.ts';
import { byId, h, queryParam, replaceChildren, showError } from '../dom.ts';
import { formatBytes, formatHanoiTime, formatMoney } from '../format.ts';
import { buildPriceForm, type FieldErrors, type PriceFormFields } from '../price-form.ts';
import { checkReceipt } from '../receipt-check.ts';
import { forgetSigningKey, loadOrCreateSigningKey, type StoredSigningKey } from '../signing-key-store.ts';
import { type PendingCommit, SubmitError, type SubmitStep, submitBid } from '../submit-bid.ts';
import { readToken } from '../token.ts';
import type {
  BidReceipt,
  BidView,
  ContractorView,
  Page,
  ReceiptKey,
  SigningKeyView,
  TenderDetail,
  TenderSummary,
} from '../types.ts';

const api = createApi(apiBase());
const tokenStorageKey = 'eproc.token';

const state: {
  token?: string;
  contractor?: ContractorView;
  key?: StoredSigningKey;
  tender?: TenderDetail;
  lotId?: string;
  activeBid?: BidView;
  pending?: PendingCommit;
  busy: boolean;
} = { busy: false };

const el = {
  token: byId<HTMLTextAreaElement>('token'),
  applyToken: byId<HTMLButtonElement>('use-token'),
  who: byId('who'),
  keyStatus: byId('key-status'),
  form: byId<HTMLFormElement>('bid-form'),
  tender: byId<HTMLSelectElement>('tender'),
  lot: byId<HTMLSelectElement>('lot'),
  tenderFacts: byId('tender-facts'),
  price: byId<HTMLInputElement>('price'),
  validityDays: byId<HTMLInputElement>('validity-days'),
  discountKind: byId<HTMLSelectElement>('discount-kind'),
  discount: byId<HTMLInputElement>('discount'),
  securityAmount: byId<HTMLInputElement>('security-amount'),
  securityIssuer: byId<HTMLInputElement>('security-issuer'),
  securityReference: byId<HTMLInputElement>('security-reference'),
  documents: byId<HTMLInputElement>('documents'),
  documentList: byId('document-list'),
  submit: byId<HTMLButtonElement>('submit'),
  submitHint: byId('submit-hint'),
  progress: byId('progress'),
  submitError: byId('submit-error'),
  receipt: byId('receipt'),
  receiptCheck: byId('receipt-check'),
  receiptTable: byId('receipt-table'),
  receiptDownload: byId<HTMLAnchorElement>('receipt-download'),
};

const groupThousands = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const lotOf = () => state.tender?.lots.find((l) => l.lotId === state.lotId);

/** Why the form cannot be submitted yet, or undefined when it can. */
function blocker(): string | undefined {
  if (state.busy) return 'Đang nộp…';
  if (!state.contractor) return 'Nhập token của nhà thầu ở bước 1.';
  if (!state.key) return 'Đang chuẩn bị khóa ký…';
  const t = state.tender;
  if (!t) return 'Chọn gói thầu.';
  if (!lotOf()) return 'Chọn lô.';
  if (t.status !== 'published' || Date.parse(t.submissionDeadline) <= Date.now()) {
    return 'Gói thầu này không còn nhận hồ sơ.';
  }
  if (t.envelopeProcedure !== 'one-envelope') {
    return 'Trang này chưa hỗ trợ nộp hồ sơ hai túi (kỹ thuật và tài chính riêng).';
  }
  return undefined;
}

function refreshSubmit(): void {
  const reason = blocker();
  el.submit.disabled = reason !== undefined;
  el.submitHint.textContent = reason ?? (state.activeBid ? 'Hồ sơ mới sẽ thay thế hồ sơ đã nộp.' : '');
}

/** Anything the contractor changes makes an uploaded but uncommitted envelope stale. */
function dropPending(): void {
  state.pending = undefined;
}

// ---- 1. account and signing key -------------------------------------------------------------

async function ensureRegisteredKey(contractor: ContractorView, sub: string): Promise<StoredSigningKey> {
  const path = `/contractors/${contractor.contractorId}/signing-keys`;
  let { key, created } = await loadOrCreateSigningKey(sub);
  const registered = await api.call<{ items: SigningKeyView[] }>('GET', path);
  const existing = registered.items.find((k) => k.keyId === key.keyId);
  if (existing?.status === 'retired') {
    // A retired key signs nothing new: make another one in its place.
    await forgetSigningKey(sub);
    ({ key, created } = await loadOrCreateSigningKey(sub));
  }
  if (!existing || existing.status === 'retired') {
    await api.call<SigningKeyView>('POST', path, {
      token: state.token,
      body: { publicKeyJwk: key.publicKeyJwk, label: 'Trình duyệt web' },
    });
  }
  replaceChildren(
    el.keyStatus,
    h(
      'p',
      { class: 'ok', 'data-key-id': key.keyId },
      `Khóa ký ${key.keyId.slice(0, 12)}… ${created ? 'vừa được tạo' : 'đã có'} trong trình duyệt này và đã đăng ký với hồ sơ nhà thầu. `,
      h(
        'small',
        {},
        'Khóa bí mật không thể xuất ra khỏi trình duyệt; nếu xóa dữ liệu trình duyệt, trang sẽ tạo và đăng ký khóa mới.',
      ),
    ),
  );
  return key;
}

async function applyToken(): Promise<void> {
  const token = el.token.value.trim();
  state.contractor = undefined;
  state.key = undefined;
  state.activeBid = undefined;
  dropPending();
  replaceChildren(el.keyStatus);
  refreshSubmit();
  const claims = readToken(token);
  if (!claims) {
    replaceChildren(el.who, h('p', { class: 'error' }, 'Token không hợp lệ.'));
    return;
  }
  if (!claims.roles.includes('contractor')) {
    replaceChildren(el.who, h('p', { class: 'error' }, `Token của ${claims.sub} không có vai trò nhà thầu.`));
    return;
  }
  if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) {
    replaceChildren(el.who, h('p', { class: 'error' }, 'Token đã hết hạn.'));
    return;
  }
  state.token = token;
  sessionStorage.setItem(tokenStorageKey, token);
  try {
    const contractor = await api.call<ContractorView>('GET', '/me/contractor', { token });
    state.contractor = contractor;
    replaceChildren(
      el.who,
      h(
        'p',
        { 'data-contractor-id': contractor.contractorId },
        'Nhà thầu: ',
        h('strong', {}, contractor.name),
        ` · MST ${contractor.enterpriseCode}`,
        contractor.status !== 'active' ? h('span', { class: 'badge cancelled' }, contractor.status) : null,
      ),
    );
    state.key = await ensureRegisteredKey(contractor, claims.sub);
    await refreshActiveBid();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && !state.contractor) {
      replaceChildren(
        el.who,
        h(
          'p',
          { class: 'error' },
          `Tài khoản ${claims.sub} chưa đăng ký hồ sơ nhà thầu (POST /contractors).`,
        ),
      );
    } else showError(state.contractor ? el.keyStatus : el.who, error);
  } finally {
    refreshSubmit();
  }
}

// ---- 2. tender and lot ----------------------------------------------------------------------

async function loadTenderOptions(): Promise<void> {
  const page = await api.call<Page<TenderSummary>>('GET', '/tenders?status=published&limit=100');
  const wanted = queryParam('tender');
  const options = page.items.map((t) => ({ id: t.tenderId, label: `${t.title} — ${t.buyerName}` }));
  if (wanted && !options.some((o) => o.id === wanted)) options.unshift({ id: wanted, label: wanted });
  el.tender.append(...options.map((o) => h('option', { value: o.id }, o.label)));
  if (wanted) {
    el.tender.value = wanted;
    await selectTender(wanted, queryParam('lot'));
  }
}

async function selectTender(tenderId: string, lotId?: string): Promise<void> {
  state.tender = undefined;
  state.lotId = undefined;
  state.activeBid = undefined;
  dropPending();
  replaceChildren(el.lot);
  replaceChildren(el.tenderFacts);
  refreshSubmit();
  if (!tenderId) return;
  try {
    const tender = await api.call<TenderDetail>('GET', `/tenders/${encodeURIComponent(tenderId)}`);
    state.tender = tender;
    const option = Array.from(el.tender.options).find((o) => o.value === tenderId);
    if (option) option.textContent = `${tender.title} — ${tender.buyerName}`;
    el.lot.append(...tender.lots.map((lot) => h('option', { value: lot.lotId }, lot.title)));
    el.lot.value =
      lotId && tender.lots.some((l) => l.lotId === lotId) ? lotId : (tender.lots[0]?.lotId ?? '');
    el.validityDays.value = String(tender.bidValidityDays);
    for (const unit of Array.from(document.querySelectorAll('[data-currency]')))
      unit.textContent = tender.currency;
    await selectLot(el.lot.value);
  } catch (error) {
    showError(el.tenderFacts, error);
  }
}

async function selectLot(lotId: string): Promise<void> {
  state.lotId = lotId || undefined;
  dropPending();
  const tender = state.tender;
  const lot = lotOf();
  if (tender && lot) {
    el.securityAmount.value = groupThousands(lot.bidSecurityAmount);
    replaceChildren(
      el.tenderFacts,
      h(
        'table',
        { class: 'facts' },
        h(
          'tr',
          {},
          h('th', {}, 'Thời điểm đóng thầu'),
          h('td', { class: 'deadline' }, formatHanoiTime(tender.submissionDeadline)),
        ),
        h(
          'tr',
          {},
          h('th', {}, 'Giá gói thầu của lô'),
          h('td', {}, formatMoney(lot.estimatedValue, tender.currency)),
        ),
        h(
          'tr',
          {},
          h('th', {}, 'Bảo đảm dự thầu yêu cầu'),
          h('td', {}, formatMoney(lot.bidSecurityAmount, tender.currency)),
        ),
        h('tr', {}, h('th', {}, 'Hiệu lực hồ sơ tối thiểu'), h('td', {}, `${tender.bidValidityDays} ngày`)),
      ),
      h('div', { id: 'active-bid' }),
    );
  }
  await refreshActiveBid();
  refreshSubmit();
}

async function refreshActiveBid(): Promise<void> {
  state.activeBid = undefined;
  const { token, tender, lotId, contractor } = state;
  const note = document.getElementById('active-bid');
  if (note) replaceChildren(note);
  if (!token || !tender || !lotId || !contractor) return;
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({ tenderId: tender.tenderId, limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await api.call<Page<BidView>>('GET', `/me/bids?${q}`, { token });
    state.activeBid ??= page.items.find((b) => b.lotId === lotId && b.status === 'active');
    cursor = page.nextCursor;
  } while (cursor && !state.activeBid);
  if (state.activeBid && note) {
    replaceChildren(
      note,
      h(
        'p',
        { class: 'note' },
        `Bạn đã nộp hồ sơ cho lô này (lần ${state.activeBid.version}, lúc ${formatHanoiTime(state.activeBid.receivedAt)}). Nộp lại sẽ thay thế hồ sơ đó.`,
      ),
    );
  }
  refreshSubmit();
}

// ---- 3-4. the form, documents and submission ------------------------------------------------

const fieldInputs: Record<keyof PriceFormFields, HTMLInputElement | HTMLSelectElement> = {
  price: el.price,
  discountKind: el.discountKind,
  discount: el.discount,
  validityDays: el.validityDays,
  securityAmount: el.securityAmount,
  securityIssuer: el.securityIssuer,
  securityReference: el.securityReference,
};

function showFieldErrors(errors: FieldErrors): void {
  for (const [field, input] of Object.entries(fieldInputs)) {
    const message = errors[field as keyof PriceFormFields];
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    const slot = el.form.querySelector(`[data-for="${field}"]`);
    if (slot) slot.textContent = message ?? '';
  }
}

const stepLabels: Record<SubmitStep, string> = {
  sealing: 'Niêm phong hồ sơ trên máy của bạn',
  'upload-ticket': 'Xin đường dẫn tải lên',
  uploading: 'Tải hồ sơ đã niêm phong lên kho lưu trữ',
  signing: 'Ký xác nhận bằng khóa của bạn',
  committing: 'Nộp hồ sơ và nhận biên nhận',
};

function progressTo(step: SubmitStep, status: 'active' | 'failed', detail?: string): void {
  const steps = Object.keys(stepLabels) as SubmitStep[];
  const at = steps.indexOf(step);
  replaceChildren(
    el.progress,
    ...steps.map((s, i) =>
      h(
        'li',
        { class: i < at ? 'done' : i === at ? status : '', 'data-step': s },
        stepLabels[s],
        i === at && detail ? ` (${detail})` : '',
      ),
    ),
  );
}

async function showReceipt(receipt: BidReceipt): Promise<void> {
  el.receipt.hidden = false;
  el.receipt.dataset.bidId = receipt.bidId;
  const rows: [string, string][] = [
    ['Hành động', receipt.action === 'bid.replaced' ? 'Nộp thay thế' : 'Nộp hồ sơ'],
    ['Mã hồ sơ', receipt.bidId],
    ['Lần nộp', String(receipt.version)],
    ['Thời điểm nhận', `${formatHanoiTime(receipt.receivedAt)} · ${receipt.receivedAt}`],
    ['SHA-256 hồ sơ niêm phong', receipt.envelopeSha256],
    ['Sự kiện nhật ký kiểm toán', receipt.eventId],
    ['Đưa vào nhật ký chậm nhất', `${formatHanoiTime(receipt.integratedBy)} · ${receipt.integratedBy}`],
    ['Khóa ký biên nhận', receipt.keyId],
  ];
  if (receipt.replaces) rows.splice(3, 0, ['Thay thế hồ sơ', receipt.replaces]);
  replaceChildren(
    el.receiptTable,
    ...rows.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value))),
  );
  const json = `${JSON.stringify(receipt, null, 2)}\n`;
  if (el.receiptDownload.href.startsWith('blob:')) URL.revokeObjectURL(el.receiptDownload.href);
  el.receiptDownload.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  el.receiptDownload.download = `bien-nhan-${receipt.bidId}.json`;
  replaceChildren(el.receiptCheck, h('p', { class: 'muted' }, 'Đang kiểm tra chữ ký của biên nhận…'));
  try {
    const key = await api.call<ReceiptKey>('GET', '/receipts/public-key');
    const checked = await checkReceipt(receipt, key, {
      tenderId: receipt.tenderId,
      lotId: state.lotId ?? '',
      contractorId: state.contractor?.contractorId ?? '',
      envelopeSha256: state.pending?.envelopeSha256 ?? '',
    });
    replaceChildren(
      el.receiptCheck,
      checked.ok
        ? h(
            'p',
            { class: 'ok', 'data-verified': 'true' },
            `Chữ ký của biên nhận hợp lệ (khóa ${checked.keyId.slice(0, 12)}…), và biên nhận ghi đúng hồ sơ vừa nộp.`,
          )
        : h('p', { class: 'error', 'data-verified': 'false' }, checked.reason),
    );
  } catch (error) {
    showError(el.receiptCheck, error);
  }
  el.receipt.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function submit(event: Event): Promise<void> {
  event.preventDefault();
  const { tender, contractor, key, token } = state;
  const lot = lotOf();
  if (blocker() || !tender || !lot || !contractor || !key || !token) return;
  const built = buildPriceForm(
    {
      price: el.price.value,
      discountKind: el.discountKind.value as PriceFormFields['discountKind'],
      discount: el.discount.value,
      validityDays: el.validityDays.value,
      securityAmount: el.securityAmount.value,
      securityIssuer: el.securityIssuer.value,
      securityReference: el.securityReference.value,
    },
    {
      currency: tender.currency,
      minValidityDays: tender.bidValidityDays,
      minSecurityAmount: lot.bidSecurityAmount,
    },
  );
  showFieldErrors(built.ok ? {} : built.errors);
  if (!built.ok) return;

  state.busy = true;
  refreshSubmit();
  replaceChildren(el.submitError);
  el.receipt.hidden = true;
  let current: SubmitStep = 'sealing';
  try {
    const result = await submitBid({
      api,
      token,
      tender,
      lotId: lot.lotId,
      contractorId: contractor.contractorId,
      signingKey: key,
      priceForm: built.form,
      files: Array.from(el.documents.files ?? []),
      replaces: state.activeBid?.bidId,
      pending: state.pending,
      onStep: (step, detail) => {
        current = step;
        progressTo(step, 'active', detail);
      },
    });
    state.pending = result.pending;
    replaceChildren(
      el.progress,
      ...Object.values(stepLabels).map((label) => h('li', { class: 'done' }, label)),
    );
    await showReceipt(result.receipt);
    // A later submission replaces this one; it must start from a new envelope.
    dropPending();
    await refreshActiveBid();
  } catch (error) {
    const step = error instanceof SubmitError ? error.step : current;
    progressTo(step, 'failed');
    if (error instanceof SubmitError && error.pending) state.pending = error.pending;
    const cause = error instanceof SubmitError && error.cause instanceof ApiError ? error.cause : undefined;
    if (cause?.problem.code === 'ACTIVE_BID_EXISTS') await refreshActiveBid();
    replaceChildren(
      el.submitError,
      h('p', { class: 'error', role: 'alert' }, (error as Error).message),
      state.pending
        ? h('p', { class: 'muted' }, 'Hồ sơ đã niêm phong đã được tải lên; bấm nộp lại để thử nộp lần nữa.')
        : null,
    );
  } finally {
    state.busy = false;
    refreshSubmit();
  }
}

function listDocuments(): void {
  dropPending();
  const files = Array.from(el.documents.files ?? []);
  replaceChildren(el.documentList, ...files.map((f) => h('li', {}, `${f.name} (${formatBytes(f.size)})`)));
}

el.applyToken.addEventListener('click', () => void applyToken());
el.tender.addEventListener('change', () => void selectTender(el.tender.value));
el.lot.addEventListener('change', () => void selectLot(el.lot.value));
el.discountKind.addEventListener('change', () => {
  el.discount.disabled = el.discountKind.value === 'none';
  el.discount.placeholder =
    el.discountKind.value === 'percent' ? '2,5' : el.discountKind.value === 'amount' ? '50.000.000' : '';
  if (el.discount.disabled) el.discount.value = '';
});
for (const input of Object.values(fieldInputs)) input.addEventListener('input', dropPending);
el.documents.addEventListener('change', listDocuments);
el.form.addEventListener('submit', (event) => void submit(event));

const savedToken = sessionStorage.getItem(tokenStorageKey);
if (savedToken) {
  el.token.value = savedToken;
  void applyToken();
}
loadTenderOptions().catch((error) => showError(el.tenderFacts, error));
refreshSubmit();
