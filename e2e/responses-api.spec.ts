import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';

const valid = () => ({ clientKey: randomUUID(), servicePoint: 'complaints-centre', locale: 'en', overallRating: 3 });

test.describe('POST /api/responses', () => {
  test('creates (201), then adds to the same response (200)', async ({ request }) => {
    const body = valid();
    const created = await request.post('/api/responses', { data: body });
    expect(created.status()).toBe(201);
    const { reference } = await created.json();
    const again = await request.post('/api/responses', { data: { ...body, answers: { staff_equal: 5 } } });
    expect(again.status()).toBe(200);
    expect((await again.json()).reference).toBe(reference);
  });

  test('the client key alone amends nothing: another client gets a response of its own (issue 17)', async ({
    request,
    playwright,
    baseURL,
  }) => {
    const body = valid();
    const created = await request.post('/api/responses', { data: { ...body, suggestion: { text: 'รอนานมาก', category: 'staff' } } });
    expect(created.status()).toBe(201);
    const mine = (await created.json()) as { reference: string; receiptCode: string; clientKey: string };
    expect(mine.clientKey).toBe(body.clientKey);
    expect(mine.receiptCode).toMatch(new RegExp(`^${mine.reference}-[ACDEFGHJKMNPQRTUVWXY]{4}$`));

    // The attack: the same key from another client (no receipt, or a made-up one) turns the complaint into praise.
    const other = await playwright.request.newContext({ baseURL });
    for (const receipt of [undefined, 'a-receipt-made-up-by-the-attacker']) {
      const attack = await other.post('/api/responses', {
        data: { ...body, receipt, overallRating: 1, suggestion: { text: 'ดีมาก', category: 'praise' } },
      });
      expect(attack.status()).toBe(201);
      const theirs = (await attack.json()) as { reference: string; clientKey: string };
      expect(theirs.reference).not.toBe(mine.reference);
      expect(theirs.clientKey).not.toBe(body.clientKey);
    }
    await other.dispose();
    const tracked = await request.get(`/api/track/${mine.receiptCode}`);
    expect(((await tracked.json()) as { suggestion: { category: string } }).suggestion.category).toBe('staff');
  });

  test('answers bad input with a 4xx JSON body in the reader’s language, never a 500', async ({ request }) => {
    const bad = await request.post('/api/responses', { data: { ...valid(), overallRating: 7, locale: 'th' } });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'invalid_submission',
      message: 'ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณาตรวจสอบแล้วส่งใหม่',
      fieldErrors: { overallRating: 'กรุณาเลือกระดับความพึงพอใจ 1 ถึง 5' },
    });

    const unknown = await request.post('/api/responses', { data: { ...valid(), servicePoint: 'nowhere' } });
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).message).toBe('We could not find this service point.');

    const notJson = await request.post('/api/responses', {
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      data: Buffer.from('{"overallRating":'),
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error).toBe('invalid_json');

    const form = await request.post('/api/responses', { form: { overallRating: '3' } });
    expect(form.status()).toBe(415);

    const huge = await request.post('/api/responses', { data: { ...valid(), suggestion: { text: 'ก'.repeat(40_000) } } });
    expect(huge.status()).toBe(413);

    const get = await request.get('/api/responses');
    expect(get.status()).toBe(405);
  });
});
