// The bid page in a real browser proves that bids are sealed in the bidder's hands: Chromium
// generates the signing key, seals the typed price form and the attached file with
// shared/sealing, uploads straight to the presigned S3 URL and commits. Then, outside the browser:
// the stored object holds neither the price nor the file, and only the tender's opening key
// (unwrapped through KMS, as the opener does) gives back exactly what was typed and attached.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIdentity } from '../../shared/bids/sealed-identity.ts';
import { bidVersionEntity, currentBidEntity } from '../../shared/entities/bids.ts';
import { PriceForm } from '../../shared/opening/price-form.ts';
import {
  openDocument,
  openManifest,
  openPriceForm,
  readEnvelopeHeader,
  verifySubmission,
} from '../../shared/sealing/index.ts';
import { bidItems, contains, openingKeyOf, refOf, sha256Hex, storedObject } from '../bids/fixtures.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { procuringEntity, publishedTender, registeredContractor } from '../tenders/fixtures.ts';
import { type Browser, screenshot, startBrowserAndCloud } from './browser.ts';

let cloud: TestCloud;
let browser: Browser;
let stop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ browser, cloud, stop } = await startBrowserAndCloud());
}, 120_000);
afterAll(() => stop?.());

const typedPrice = '1.987.654.321';
const price = 1_987_654_321;
const issuer = 'Ngân hàng TMCP Ngoại thương Việt Nam';
const fileName = 'de-xuat-ky-thuat.pdf';
// A recognisable, non-repeating document: any stretch of it stored in clear would be found.
const marker = 'HO-SO-KY-THUAT-BI-MAT';
const fileBytes = new TextEncoder().encode(
  `%PDF-1.7\n${Array.from({ length: 1500 }, (_, i) => `${marker} dòng ${i}: thiết bị ${i * 7919}\n`).join('')}`,
);

async function fillAndSubmit(page: Page, fields: { price: string; validityDays: string }) {
  await page.fill('#price', fields.price);
  await page.selectOption('#discount-kind', 'percent');
  await page.fill('#discount', '2,5');
  await page.fill('#validity-days', fields.validityDays);
  await page.fill('#security-issuer', issuer);
  await page.fill('#security-reference', 'BL-2026-0815');
  await page.setInputFiles('#documents', {
    name: fileName,
    mimeType: 'application/pdf',
    buffer: Buffer.from(fileBytes),
  });
  await page.locator('#submit:not([disabled])').click();
}

async function receiptOnPage(page: Page) {
  // Sealing, upload, commit and the receipt's check run in a real browser: on a loaded 2-core
  // machine that can take longer than Playwright's default 30 s.
  await page.locator('#receipt-check [data-verified]').waitFor({ timeout: 90_000 });
  const verified = await page.locator('#receipt-check [data-verified]').getAttribute('data-verified');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#receipt-download')]);
  const downloaded = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
  return {
    verified,
    bidId: await page.locator('#receipt').getAttribute('data-bid-id'),
    table: await page.locator('#receipt-table').textContent(),
    downloaded,
    fileName: download.suggestedFilename(),
  };
}

describe('the bid page in Chromium', () => {
  it('seals in the browser, uploads to S3, commits with the browser-held key, and shows the receipt', async () => {
    const entity = await procuringEntity(cloud);
    const tender = await publishedTender(cloud, entity, { title: `Gói thầu web ${crypto.randomUUID()}` });
    const lot = tender.lots[1];
    const contractor = await registeredContractor(cloud);
    const { page, errors } = await browser.page();

    await page.goto(`${cloud.url}/app/bid.html?tender=${tender.tenderId}&lot=${lot.lotId}`);
    await page.fill('#token', contractor.token);
    await page.click('#use-token');
    const keyId = await page.locator('#key-status [data-key-id]').getAttribute('data-key-id');
    // The only key on the contractor's profile is the one the browser made and registered.
    const keys = await cloud.call('GET', `/contractors/${contractor.contractorId}/signing-keys`);
    expect(keys.body.items.map((k: any) => [k.keyId, k.status])).toEqual([[keyId, 'active']]);
    await page.locator('#tender-facts .deadline').waitFor();
    expect(await page.locator('#lot').inputValue()).toBe(lot.lotId);
    expect(await page.locator('#security-amount').inputValue()).toBe('7.500.000');

    await fillAndSubmit(page, { price: typedPrice, validityDays: '150' });
    const shown = await receiptOnPage(page);
    await screenshot(page, 'bid-receipt');

    // Committed: one active version, whose receipt is the one shown and downloaded.
    const items = await bidItems(tender.tenderId);
    const versions = items.filter((i) => i.sk.startsWith(bidVersionEntity.skPrefix({})));
    expect(versions).toHaveLength(1);
    const stored = versions[0]!;
    expect(stored).toMatchObject({
      bidId: shown.bidId,
      lotId: lot.lotId,
      bidderRef: await refOf(contractor, tender.tenderId),
      status: 'active',
      version: 1,
    });
    // Who bid, and with which key, is sealed to the tender's opening key.
    const identity = await openIdentity(
      await openingKeyOf(tender.tenderId),
      { tenderId: tender.tenderId, lotId: lot.lotId, bidderRef: stored.bidderRef, bidId: stored.bidId },
      stored.sealedIdentity,
    );
    expect(identity).toMatchObject({ contractorId: contractor.contractorId, signingKeyId: keyId });
    const own = await cloud.call(
      'GET',
      `/tenders/${tender.tenderId}/lots/${lot.lotId}/bids/${stored.bidId}`,
      {
        token: contractor.token,
      },
    );
    expect(shown.downloaded).toEqual(own.body.receipt);
    expect(shown.fileName).toBe(`bien-nhan-${stored.bidId}.json`);
    expect(shown.verified).toBe('true');
    expect(shown.table).toContain(stored.bidId);
    expect(shown.table).toContain(stored.envelopeSha256);
    expect(items.find((i) => i.sk.startsWith(currentBidEntity.skPrefix({})))).toMatchObject({
      bidId: stored.bidId,
      status: 'active',
    });

    // The stored object is sealed: no price, no file, no names in it.
    const { bytes } = await storedObject(stored.envelopeKey, stored.envelopeVersionId);
    expect(bytes.length).toBe(stored.envelopeSize);
    expect(sha256Hex(bytes)).toBe(stored.envelopeSha256);
    const utf8 = (s: string) => new TextEncoder().encode(s);
    for (const clear of [String(price), typedPrice, marker, fileName, issuer, 'BL-2026-0815']) {
      expect(contains(bytes, utf8(clear)), clear).toBe(false);
    }
    expect(contains(bytes, fileBytes.subarray(0, 64))).toBe(false);
    expect(contains(bytes, fileBytes.subarray(fileBytes.length - 64))).toBe(false);

    // The browser's key signed it: the stored signature verifies with the registered public key.
    const binding = { tenderId: tender.tenderId, lotId: lot.lotId, contractorId: contractor.contractorId };
    const publicKeyJwk = keys.body.items[0].publicKeyJwk;
    expect(
      await verifySubmission(
        publicKeyJwk,
        { ...binding, envelopeSha256: stored.envelopeSha256 },
        identity.signature,
      ),
    ).toBe(true);

    // Only the tender's opening key, unwrapped by KMS, opens it: exactly what was typed and attached.
    const openingKey = await openingKeyOf(tender.tenderId);
    expect(readEnvelopeHeader(bytes).recipientKeyId).toBe(tender.openingPublicKey.keyId);
    const { priceForm, header } = await openPriceForm({ openingKey, binding }, bytes);
    expect(priceForm).toEqual({
      currency: 'VND',
      price,
      discount: { kind: 'percent', basisPoints: 250 },
      bidSecurity: { amount: 7_500_000, issuer, reference: 'BL-2026-0815' },
      validityDays: 150,
    });
    expect(PriceForm.safeParse(priceForm).success).toBe(true);
    const documents = await openManifest({ openingKey, binding }, bytes);
    expect(documents.map((d) => ({ name: d.name, contentType: d.contentType, size: d.size }))).toEqual([
      { name: fileName, contentType: 'application/pdf', size: fileBytes.length },
    ]);
    const document = documents[0]!;
    const opened = await openDocument({
      openingKey,
      binding,
      header,
      index: 0,
      ciphertext: new Blob([
        bytes.subarray(document.offset, document.offset + document.sealedLength),
      ]).stream(),
    });
    expect(new Uint8Array(await new Response(opened).arrayBuffer())).toEqual(fileBytes);

    // A second submission on the same lot replaces the first, as the page says it will.
    await page.locator('#active-bid .note').waitFor();
    await fillAndSubmit(page, { price: '1.950.000.000', validityDays: '150' });
    await page.locator(`#receipt:not([data-bid-id="${shown.bidId}"])`).waitFor();
    const second = await receiptOnPage(page);
    expect(second.downloaded).toMatchObject({ action: 'bid.replaced', version: 2, replaces: shown.bidId });
    expect(second.verified).toBe('true');
    const after = (await bidItems(tender.tenderId)).filter((i) =>
      i.sk.startsWith(bidVersionEntity.skPrefix({})),
    );
    expect(after.map((i) => [i.version, i.status])).toEqual([
      [1, 'superseded'],
      [2, 'active'],
    ]);
    const replaced = after[1]!;
    const reopened = await openPriceForm(
      { openingKey, binding },
      (await storedObject(replaced.envelopeKey)).bytes,
    );
    expect(reopened.priceForm).toMatchObject({ price: 1_950_000_000 });

    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('refuses a mistyped price on the page, naming the field, before anything is sealed or sent', async () => {
    const entity = await procuringEntity(cloud);
    const tender = await publishedTender(cloud, entity, { title: `Gói thầu web ${crypto.randomUUID()}` });
    const contractor = await registeredContractor(cloud);
    const { page, errors } = await browser.page();
    await page.goto(`${cloud.url}/app/bid.html?tender=${tender.tenderId}`);
    await page.fill('#token', contractor.token);
    await page.click('#use-token');
    await page.locator('#key-status [data-key-id]').waitFor();
    await page.fill('#price', '1.987.654,5');
    await page.locator('#submit:not([disabled])').click();
    await page.locator('#price[aria-invalid="true"]').waitFor();
    expect(await page.locator('[data-for="price"]').textContent()).toContain('không có phần thập phân');
    expect(await page.locator('#progress li').count()).toBe(0);
    expect(await bidItems(tender.tenderId)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
