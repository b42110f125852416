// Browser tier, the operator's whole job around one call (issue 5), end to end on real parts: Kamailio, the
// real host (core + SQLite, seeded with the demo workspace by `agentdesk seed demo`), the built renderer in
// Chromium, and a customer phone page with plain sip.js. A demo customer calls; the card pops while it rings;
// the chosen script is followed with the keyboard; the catalogue's Offer fills the order; the wrap-up files a
// ticket, an order and a callback; the agent goes Ringing → On call → Wrap-up → Available; then the rows in
// SQLite, each with its outbox row. The other two kill the host (SIGKILL) during the wrap-up and during the
// call itself, and find the draft again after a restart, with its call.
// Run through tests/sip/netns-run.sh (Chromium's ICE needs a routable interface: see tests/sip/README.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { serveCustomerPhone, type CustomerPhoneServer } from '../support/customerPhone.js';
import { prepareDemoDesk, readDesk, type DemoDesk } from '../support/demoDesk.js';
import type { HostProcess } from '../support/host.js';
import { labDomain, labPassword, startKamailio, type Kamailio } from '../support/kamailio.js';

/** A demo customer (DEMO-0001): VIP, Turkish, phone "0532 123 45 67", tariff TRF-KONUSKAN-20. */
const caller = { number: '+905321234567', name: 'Işık Yıldırım', account: 'ACC-100001' };
const agentUser = '1001';
const agentName = 'Agent Deniz';
/** Waits for what the UI shows: generous, the machine is shared. */
const UI_TIMEOUT = 20_000;

/** Chromium gathers ICE candidates only on a non-loopback interface (with a default route). */
const hasRoutableInterface = Object.values(networkInterfaces()).some((list) =>
  list?.some((i) => i.family === 'IPv4' && !i.internal),
);

let kamailio: Kamailio;
let browser: Browser;
let customerServer: CustomerPhoneServer;
let customer: Page;
const dataDirs: string[] = [];
const hosts: HostProcess[] = [];

function log(message: string): void {
  console.log(`[agentWorkflow] ${message}`);
}

/** A fresh data dir with the demo workspace, its host started and the console open and registered. */
async function openDesk(): Promise<{ desk: DemoDesk; host: HostProcess; agent: Page }> {
  // One desk at a time: a host left running by a failed test would also register as 1001 and take the calls.
  for (const running of hosts) await running.stop();
  const dataDir = mkdtempSync(join(tmpdir(), 'agentdesk-workflow-'));
  dataDirs.push(dataDir);
  const desk = await prepareDemoDesk(dataDir, { sipServer: kamailio.wsUrl, sipUser: agentUser, displayName: agentName });
  expect(desk.seeded.created.customers).toBe(30);
  expect(desk.seeded.scripts.errors).toEqual([]);
  const host = await desk.startHost();
  hosts.push(host);
  const agent = await browser.newPage();
  await openConsole(agent, host);
  return { desk, host, agent };
}

async function openConsole(agent: Page, host: HostProcess): Promise<void> {
  await agent.goto(host.url);
  await agent
    .getByRole('region', { name: 'Softphone' })
    .getByText('Line: Registered')
    .waitFor({ timeout: UI_TIMEOUT })
    .catch(async (error: unknown) => {
      console.error('softphone shows:', await agent.getByRole('region', { name: 'Softphone' }).textContent());
      throw error;
    });
}

type CustomerWindow = {
  customer: { state: string; call(t: string, d: string): Promise<void>; session: { bye(): Promise<unknown> } };
};
const customerState = () => customer.evaluate(() => (window as unknown as CustomerWindow).customer.state);

async function ring(agent: Page): Promise<{ startedAt: number }> {
  const startedAt = performance.now();
  await customer.evaluate(({ target, domain }) => (window as unknown as CustomerWindow).customer.call(target, domain), {
    target: agentUser,
    domain: labDomain,
  });
  await agent.getByRole('region', { name: 'Softphone' }).getByText('Incoming call').waitFor({ timeout: UI_TIMEOUT });
  return { startedAt };
}

const regions = (agent: Page) => ({
  softphone: agent.getByRole('region', { name: 'Softphone' }),
  card: agent.getByRole('region', { name: 'Caller card' }),
  script: agent.getByRole('region', { name: 'Script and knowledge' }),
  catalogue: agent.getByRole('region', { name: 'Catalogue and knowledge' }),
  wrapUp: agent.getByRole('region', { name: 'Wrap-up' }),
  status: agent.getByRole('region', { name: 'Status' }),
});

/** The agent state as the status bar's menu button names it ("Agent: Wrap-up"). */
const agentStateButton = (agent: Page, state: string) =>
  regions(agent).status.getByRole('button', { name: `Agent: ${state}`, exact: true });

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The one call of this desk, as the call log stored it. */
function loggedCalls(dataDir: string) {
  return readDesk<{ id: string; direction: string; e164: string; hung_up_by: string; answer_at: number | null }>(
    dataDir,
    // The demo workspace's own call history has the same number; this test's calls came through lab.test.
    "SELECT id, direction, e164, hung_up_by, answer_at FROM calls WHERE e164 = ? AND raw_caller_id LIKE '%@lab.test%'",
    caller.number,
  );
}

function outboxOf(dataDir: string, entity: string, entityId: string) {
  return readDesk<{ operation: string; payload: string }>(
    dataDir,
    'SELECT operation, payload FROM outbox WHERE entity = ? AND entity_id = ?',
    entity,
    entityId,
  );
}

function stateEvents(dataDir: string) {
  return readDesk<{ id: string; state: string; cause: string; call_id: string | null }>(
    dataDir,
    'SELECT id, state, cause, call_id FROM agent_state_events WHERE agent = ? ORDER BY at, id',
    agentUser,
  );
}

describe.skipIf(!hasRoutableInterface)('the agent workflow around a call, on the demo workspace', () => {
  beforeAll(async () => {
    kamailio = await startKamailio({ auth: true });
    customerServer = await serveCustomerPhone();
    browser = await launchChromium(['--disable-features=WebRtcHideLocalIpsWithMdns']);
    customer = await browser.newPage();
    await customer.goto(customerServer.url);
    await customer.waitForFunction(() => (window as unknown as { customerReady?: boolean }).customerReady === true);
    await customer.evaluate(
      (options) => (window as unknown as { customer: { start(o: unknown): Promise<void> } }).customer.start(options),
      {
        server: kamailio.wsUrl,
        user: caller.number,
        domain: labDomain,
        password: labPassword,
        displayName: caller.name,
        toneHz: 440,
      },
    );
  });

  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
    await customerServer?.close();
    await kamailio?.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('rings with the card, follows the script, offers from the catalogue, files one wrap-up, and is Available again', async () => {
    const testStarted = performance.now();
    const { desk, host, agent } = await openDesk();
    const { softphone, card, script, catalogue, wrapUp } = regions(agent);
    // Amounts as the console writes them (English desk): asked of the page's own Intl, not of app code.
    const money = (minor: number) =>
      agent.evaluate((amount) => new Intl.NumberFormat('en', { style: 'currency', currency: 'TRY' }).format(amount / 100), minor);
    await agentStateButton(agent, 'Available').waitFor({ timeout: UI_TIMEOUT });

    // 1. It rings: the demo customer's card pops before the operator answers.
    const { startedAt } = await ring(agent);
    const customerCard = card.getByRole('article', { name: caller.name });
    await customerCard.waitFor({ timeout: UI_TIMEOUT });
    log(`customer dials → caller card shown: ${(performance.now() - startedAt).toFixed(0)} ms`);
    await expect(customerCard.textContent()).resolves.toContain('TRF-KONUSKAN-20');
    expect(await softphone.locator('[data-call-state="ringing"]').count()).toBe(1);
    await agentStateButton(agent, 'Ringing').waitFor({ timeout: UI_TIMEOUT });

    await softphone.getByRole('button', { name: 'Answer', exact: true }).click();
    await softphone.getByText('On call').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(customerState, { timeout: UI_TIMEOUT }).toBe('established');
    await agentStateButton(agent, 'On call').waitFor({ timeout: UI_TIMEOUT });

    // 2. The script: the inbound default in the CUSTOMER's language (Turkish) although the desk speaks English.
    await script.getByText('Gelen çağrı – müşteri hizmetleri', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await script.getByText('The default for incoming calls', { exact: true }).waitFor();
    const heading = (name: string) => script.getByRole('heading', { name, exact: true, level: 3 });
    const currentStep = () =>
      script.getByRole('navigation', { name: 'Path taken' }).locator('[aria-current="step"]').textContent();
    await heading('Karşılama').waitFor();
    await script.getByText(`Hoş geldiniz, ben ${agentName}. ${caller.name} ile mi görüşüyorum?`, { exact: true }).waitFor();
    // The operator puts the focus on the step (a click); from here on the keyboard moves through the script.
    await heading('Karşılama').click();
    await agent.keyboard.press('Enter');
    await heading('Kimlik doğrulama').waitFor();
    await expect(script.getByRole('radiogroup').textContent()).resolves.toBe('1Yes2No');
    await expect(script.getByText(`müşteri numaranızı (${caller.account})`).count()).resolves.toBe(1);
    await agent.keyboard.press('1');
    await expect.poll(() => script.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
    await agent.keyboard.press('Enter');
    await heading('Arama nedeni').waitFor();
    // Next without an answer is refused, with the reason.
    await agent.keyboard.press('Enter');
    await script.getByRole('alert').filter({ hasText: 'Answer the question to go on.' }).waitFor();
    await expect(currentStep()).resolves.toBe('Arama nedeni');
    await agent.keyboard.press('2');
    await expect.poll(() => script.getByRole('radio', { name: 'Tarife değişikliği', exact: true }).isChecked()).toBe(true);
    await agent.keyboard.press('Enter');
    // The branch: the tariff offer, with the customer's tariff by its catalogue name.
    await heading('Tarife önerisi').waitFor();
    await script
      .getByText('Şu anki tarifeniz Süper Konuşkan 20 GB. Kullanımınıza göre Süper Konuşkan 20 GB paketini önerebilirim.', {
        exact: true,
      })
      .waitFor();
    await expect(script.getByRole('article', { name: 'Catalogue item' }).textContent()).resolves.toContain('TRF-KONUSKAN-20');
    await agent.keyboard.press('Enter');
    await heading('Tarife kararı').waitFor();
    await agent.keyboard.press('1');
    await expect.poll(() => script.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
    await agent.keyboard.press('Enter');
    await script.getByText('Suggested disposition: Sale', { exact: true }).waitFor();
    // The path taken, as the breadcrumb shows it (the untitled suggest step is the sixth, current one).
    const path = await script.getByRole('navigation', { name: 'Path taken' }).getByRole('listitem').allTextContents();
    expect(path.slice(0, 5)).toEqual(['Karşılama', 'Kimlik doğrulama', 'Arama nedeni', 'Tarife önerisi', 'Tarife kararı']);
    expect(path).toHaveLength(6);

    // 3. The catalogue: Alt+C, folded Turkish search, only what is valid now and open to a VIP.
    await agent.keyboard.press('Alt+c');
    const searchBox = catalogue.getByRole('searchbox', { name: 'Search the catalogue and knowledge base' });
    expect(await isFocused(searchBox)).toBe(true);
    const results = catalogue.getByRole('list', { name: 'Results' });
    const resultTitles = () => results.locator('.catalogue-hit-title').allTextContents();
    await agent.keyboard.type('kampanya');
    // "kampanya" names the promotions: only the one valid now and open to a VIP (not the expired "Yaz Kampanyası
    // 2025", not the consumer and business ones), then the KVKK procedure whose text says "Kampanya".
    await expect
      .poll(resultTitles, { timeout: UI_TIMEOUT })
      .toEqual(['Sadakat İndirimi %20', 'KVKK: pazarlama izni nasıl alınır']);
    await catalogue.getByText('Only what the “vip” segment may get is listed.', { exact: true }).waitFor();
    await agent.keyboard.press('Alt+c'); // selects the typed text: the next word replaces it
    await agent.keyboard.type('FİBER');
    await expect.poll(resultTitles, { timeout: UI_TIMEOUT }).toEqual(['Fiber İnternet 100 Mbps', 'Fiber Modem AX3000 (Wi-Fi 6)']);
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('o');
    await catalogue
      .getByRole('status')
      .filter({ hasText: 'Fiber İnternet 100 Mbps was added to the order.' })
      .waitFor({ state: 'attached' });
    const order = wrapUp.getByRole('list', { name: 'Order' });
    await order.getByText('Fiber İnternet 100 Mbps', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    // Only the VIP's promotion is offered for the line; choosing it prices the line and the read-back.
    const promotion = order.getByRole('combobox', { name: 'Promotion for Fiber İnternet 100 Mbps' });
    await expect(promotion.locator('option').allTextContents()).resolves.toEqual(['No promotion', 'Sadakat İndirimi %20']);
    await promotion.selectOption({ label: 'Sadakat İndirimi %20' });
    const totals = wrapUp.locator('dl.wrapup-totals');
    const expectedTotals = `Subtotal${await money(44990)}Discount${await money(-8998)}Total${await money(35992)}`;
    await expect.poll(() => totals.textContent(), { timeout: UI_TIMEOUT }).toBe(expectedTotals);
    await order.getByText(`line total ${await money(35992)}`, { exact: true }).waitFor();
    const readBack = wrapUp.getByRole('figure', { name: 'Read back to the customer (Turkish)' });
    // The read-back is written by core (Node): Node's Intl says how it writes Turkish money.
    const tr = (minor: number) => new Intl.NumberFormat('tr', { style: 'currency', currency: 'TRY' }).format(minor / 100);
    await expect
      .poll(() => readBack.locator('p').textContent(), { timeout: UI_TIMEOUT })
      .toBe(
        `Siparişinizi tekrar ediyorum: 1 adet Fiber İnternet 100 Mbps, birim fiyatı ${tr(44990)}, tutarı ${tr(35992)} ` +
          `(Sadakat İndirimi %20: −${tr(8998)}). Toplam tutar: ${tr(35992)}. Siparişi onaylıyor musunuz?`,
      );

    // 4. The wrap-up, opened by the answer: F6 to it, Tab to the outcomes, a number key chooses one.
    const form = wrapUp.getByRole('form', { name: `Call with ${caller.name}` });
    await form.waitFor();
    await form.getByText(`Customer: ${caller.name} · call in progress`, { exact: true }).waitFor();
    await agent.keyboard.press('F6');
    await agent.keyboard.press('Tab');
    expect(await isFocused(form.getByRole('radio', { name: 'Resolved', exact: true }))).toBe(true);
    await agent.keyboard.press('2');
    await expect.poll(() => form.getByRole('radio', { name: 'Sale', exact: true }).isChecked()).toBe(true);
    await form.getByRole('combobox', { name: /^Contract channel/ }).selectOption({ label: 'SMS approval' });
    await form.getByRole('checkbox', { name: 'File a ticket' }).check();
    await form.getByRole('combobox', { name: 'Department' }).selectOption({ label: 'Teknik Destek' });
    await form.getByRole('combobox', { name: 'Priority' }).selectOption({ label: 'High' });
    await form.getByRole('textbox', { name: 'Subject' }).fill('Fiber altyapı kontrolü');
    await form.getByRole('textbox', { name: 'Description' }).fill('Adreste fiber altyapısı var mı, kurulumdan önce bakılsın.');
    // While the call is on, the department's number is one click away.
    await expect(form.getByRole('button', { name: 'Transfer call to Teknik Destek' }).isEnabled()).resolves.toBe(true);
    await form.getByRole('checkbox', { name: 'Schedule a callback' }).check();
    const { date, time, dueAt } = await agent.evaluate(() => {
      const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
      const pad = (n: number) => String(n).padStart(2, '0');
      const day = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`;
      return {
        date: day,
        time: '10:30',
        dueAt: new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 10, 30).getTime(),
      };
    });
    await form.getByLabel('Date', { exact: true }).fill(date);
    await form.getByLabel('Time', { exact: true }).fill(time);
    await expect(form.getByRole('radio', { name: 'Me', exact: true }).isChecked()).resolves.toBe(true);
    await form.getByRole('textbox', { name: 'Note for the callback' }).fill('Kurulum sonrası memnuniyet araması');
    const notes = 'Fibere geçmek istiyor; sadakat indirimi uygulandı, SMS onayı verecek.';
    await form.getByRole('textbox', { name: 'Notes', exact: true }).click();
    await agent.keyboard.type(notes);

    // Filing while the call is still on is refused, with the reason.
    await agent.keyboard.press('Control+Enter');
    await form.getByText('The call is still on: file the wrap-up once it has ended.').first().waitFor({ timeout: UI_TIMEOUT });
    expect(readDesk(desk.dataDir, 'SELECT id FROM interactions WHERE agent = ?', agentUser)).toEqual([]);

    // Hang up from the keyboard (Alt+H) without leaving the notes: the agent is in Wrap-up.
    await form.getByRole('textbox', { name: 'Notes', exact: true }).focus();
    await agent.keyboard.press('Alt+h');
    await expect.poll(customerState, { timeout: UI_TIMEOUT }).toBe('terminated');
    await agentStateButton(agent, 'Wrap-up').waitFor({ timeout: UI_TIMEOUT });
    await form.getByText(`Customer: ${caller.name} · call ended`, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    expect(await isFocused(form.getByRole('textbox', { name: 'Notes', exact: true }))).toBe(true);

    // Ctrl+Enter files it; the agent is Available again.
    const submittedAt = performance.now();
    await agent.keyboard.press('Control+Enter');
    await wrapUp.getByText('Wrap-up filed: Sale.', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await agentStateButton(agent, 'Available').waitFor({ timeout: UI_TIMEOUT });
    log(`Ctrl+Enter → "Wrap-up filed" and Available: ${(performance.now() - submittedAt).toFixed(0)} ms`);
    await wrapUp.getByText('Nothing to wrap up.', { exact: true }).waitFor();

    // 5. The rows in SQLite, each with its outbox row.
    const dataDir = desk.dataDir;
    const [call, ...otherCalls] = loggedCalls(dataDir);
    expect(otherCalls).toEqual([]);
    expect(call).toMatchObject({ direction: 'inbound', e164: caller.number, hung_up_by: 'local' });
    expect(call!.answer_at).not.toBeNull();
    const [customerRow] = readDesk<{ id: string }>(dataDir, 'SELECT id FROM customers WHERE external_id = ?', 'DEMO-0001');
    const [scriptRow] = readDesk<{ id: string }>(dataDir, "SELECT id FROM call_scripts WHERE key = 'inbound-service-tr'");
    const interactions = readDesk<Record<string, unknown>>(
      dataDir,
      'SELECT id, customer_id, call_id, kind, direction, outcome, outcome_subcode, custom_fields, script_id, script_run, notes FROM interactions WHERE agent = ?',
      agentUser,
    );
    expect(interactions).toHaveLength(1);
    const interaction = interactions[0]!;
    expect(interaction).toMatchObject({
      customer_id: customerRow!.id,
      call_id: call!.id,
      kind: 'call',
      direction: 'inbound',
      outcome: 'sale',
      outcome_subcode: null,
      script_id: scriptRow!.id,
      notes,
    });
    expect(JSON.parse(String(interaction.custom_fields))).toEqual({ channel: 'sms' });
    expect(JSON.parse(String(interaction.script_run))).toEqual({
      scriptId: scriptRow!.id,
      path: [
        { stepId: 'greeting' },
        { stepId: 'verify', answer: true },
        { stepId: 'reason', answer: 'tariff' },
        { stepId: 'tariff-offer' },
        { stepId: 'tariff-interest', answer: true },
        { stepId: 'suggest-sale' },
      ],
    });

    const tickets = readDesk<Record<string, unknown>>(
      dataDir,
      `SELECT t.id, t.customer_id, t.call_id, t.kind, t.priority, t.status, t.subject, d.code AS department
         FROM tickets t LEFT JOIN departments d ON d.id = t.department_id WHERE t.interaction_id = ?`,
      interaction.id,
    );
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      customer_id: customerRow!.id,
      call_id: call!.id,
      kind: 'request',
      priority: 'high',
      status: 'open',
      subject: 'Fiber altyapı kontrolü',
      department: 'technical',
    });

    const orders = readDesk<{ id: string; customer_id: string; currency: string; total_minor: number; status: string }>(
      dataDir,
      'SELECT id, customer_id, currency, total_minor, status FROM orders WHERE interaction_id = ?',
      interaction.id,
    );
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ customer_id: customerRow!.id, currency: 'TRY', total_minor: 35992, status: 'submitted' });
    const lines = readDesk<Record<string, unknown>>(
      dataDir,
      `SELECT l.id, l.position, i.code AS item, p.code AS promotion, l.description, l.quantity, l.unit_price_minor,
              l.discount_minor, l.line_total_minor
         FROM order_lines l LEFT JOIN catalogue_items i ON i.id = l.catalogue_item_id
         LEFT JOIN catalogue_items p ON p.id = l.promotion_id WHERE l.order_id = ?`,
      orders[0]!.id,
    );
    expect(lines).toEqual([
      {
        id: expect.any(String),
        position: expect.any(Number),
        item: 'TRF-FIBER-100',
        promotion: 'PRM-SADAKAT-20',
        description: 'Fiber İnternet 100 Mbps',
        quantity: 1,
        unit_price_minor: 44990,
        discount_minor: 8998,
        line_total_minor: 35992,
      },
    ]);

    const callbacks = readDesk<Record<string, unknown>>(
      dataDir,
      'SELECT id, customer_id, call_id, e164, due_at, assignee, created_by, note, status FROM callbacks WHERE interaction_id = ?',
      interaction.id,
    );
    expect(callbacks).toEqual([
      {
        id: expect.any(String),
        customer_id: customerRow!.id,
        call_id: call!.id,
        e164: caller.number,
        due_at: dueAt,
        assignee: agentUser,
        created_by: agentUser,
        note: 'Kurulum sonrası memnuniyet araması',
        status: 'scheduled',
      },
    ]);
    expect(readDesk(dataDir, 'SELECT id FROM wrap_up_drafts')).toEqual([]);

    const events = stateEvents(dataDir);
    expect(events.map((event) => event.state)).toEqual(['available', 'ringing', 'onCall', 'wrapUp', 'available']);
    expect(events.map((event) => event.cause)).toEqual(['system', 'call', 'call', 'call', 'operator']);
    expect(events.map((event) => event.call_id)).toEqual([null, call!.id, call!.id, call!.id, null]);

    // Every record the desk created has its outbox row (the order's carries its lines).
    const expectInsert = (entity: string, id: string) => {
      const rows = outboxOf(dataDir, entity, id);
      expect(rows, `${entity} ${id}`).toHaveLength(1);
      expect(rows[0]!.operation).toBe('insert');
      return JSON.parse(rows[0]!.payload) as Record<string, unknown>;
    };
    expectInsert('call', call!.id);
    expect(expectInsert('interaction', String(interaction.id))).toMatchObject({ outcome: 'sale', scriptId: scriptRow!.id });
    expectInsert('ticket', String(tickets[0]!.id));
    const orderPayload = expectInsert('order', orders[0]!.id) as { lines: { id: string }[]; totalMinor: number };
    expect(orderPayload.totalMinor).toBe(35992);
    expect(orderPayload.lines.map((line) => line.id)).toEqual([lines[0]!.id]);
    expectInsert('callback', String(callbacks[0]!.id));
    for (const event of events) expectInsert('agent_state_event', event.id);

    await agent.close();
    await host.stop();
    log(
      `whole flow (desk seeded, host started, call, script, order, wrap-up): ${((performance.now() - testStarted) / 1000).toFixed(1)} s`,
    );
  }, 300_000);

  it('a host killed (SIGKILL) during the wrap-up comes back with the draft, its notes, outcome and call', async () => {
    const { desk, host, agent } = await openDesk();
    const { softphone, wrapUp } = regions(agent);
    await agentStateButton(agent, 'Available').waitFor({ timeout: UI_TIMEOUT });
    await ring(agent);
    await softphone.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(customerState, { timeout: UI_TIMEOUT }).toBe('established');
    // This time the customer hangs up.
    await customer.evaluate(() => (window as unknown as CustomerWindow).customer.session.bye());
    await agentStateButton(agent, 'Wrap-up').waitFor({ timeout: UI_TIMEOUT });

    const form = wrapUp.getByRole('form', { name: `Call with ${caller.name}` });
    await form.getByText(`Customer: ${caller.name} · call ended`, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await form.getByRole('radio', { name: 'Resolved', exact: true }).focus();
    await agent.keyboard.press('1');
    await form.getByRole('combobox', { name: 'Sub-code' }).selectOption({ label: 'Information given' });
    const notes = 'Fatura tarihini ayın 15’ine aldırmak istiyor; İŞLEM yapıldı, ılık bir görüşme.';
    await form.getByRole('textbox', { name: 'Notes', exact: true }).click();
    await agent.keyboard.type(notes);
    const typedAt = performance.now();

    // The draft reaches SQLite on its own (debounced ≤ 500 ms after the last key), and the form says so.
    const storedDraft = () =>
      readDesk<{ call_id: string; content: string }>(desk.dataDir, 'SELECT call_id, content FROM wrap_up_drafts');
    await expect
      .poll(() => storedDraft().map((row) => JSON.parse(row.content) as { notes: string })[0]?.notes, {
        timeout: UI_TIMEOUT,
        interval: 25,
      })
      .toBe(notes);
    log(`last key → draft in SQLite: ${(performance.now() - typedAt).toFixed(0)} ms (debounce target ≤ 500 ms)`);
    await form.getByText('Draft saved', { exact: true }).waitFor({ timeout: UI_TIMEOUT });

    const exit = await host.stop('SIGKILL');
    expect(exit).toBeNull(); // ended by the signal, not by a clean exit
    expect(host.child.signalCode).toBe('SIGKILL');
    const [call] = loggedCalls(desk.dataDir);
    expect(call).toMatchObject({ hung_up_by: 'remote' });
    const [draftRow, ...otherDrafts] = storedDraft();
    expect(otherDrafts).toEqual([]);
    expect(draftRow!.call_id).toBe(call!.id);
    expect(JSON.parse(draftRow!.content)).toMatchObject({ disposition: 'resolved', subcode: 'info', notes });

    const restartedAt = performance.now();
    const restarted = await desk.startHost();
    hosts.push(restarted);
    await openConsole(agent, restarted);
    const reopened = regions(agent).wrapUp.getByRole('form', { name: `Call with ${caller.name}` });
    await reopened.getByText(`Customer: ${caller.name} · call ended`, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    log(
      `SIGKILL → restarted host (${restarted.startupMs.toFixed(0)} ms) → draft on screen: ${(performance.now() - restartedAt).toFixed(0)} ms`,
    );
    await expect(reopened.getByRole('textbox', { name: 'Notes', exact: true }).inputValue()).resolves.toBe(notes);
    await expect(reopened.getByRole('radio', { name: 'Resolved', exact: true }).isChecked()).resolves.toBe(true);
    await expect(reopened.getByRole('combobox', { name: 'Sub-code' }).inputValue()).resolves.toBe('info');
    // The after-call work the kill interrupted resumes (it is not filed yet), so no new call rings meanwhile.
    await agentStateButton(agent, 'Wrap-up').waitFor({ timeout: UI_TIMEOUT });

    // The reopened draft files against its call; then the agent is Available again.
    await reopened.getByRole('textbox', { name: 'Notes', exact: true }).focus();
    await agent.keyboard.press('Control+Enter');
    await regions(agent).wrapUp.getByText('Wrap-up filed: Resolved.', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    const filed = readDesk<Record<string, unknown>>(
      desk.dataDir,
      'SELECT id, call_id, outcome, outcome_subcode, notes FROM interactions WHERE agent = ?',
      agentUser,
    );
    expect(filed).toEqual([{ id: expect.any(String), call_id: call!.id, outcome: 'resolved', outcome_subcode: 'info', notes }]);
    expect(outboxOf(desk.dataDir, 'interaction', String(filed[0]!.id))).toHaveLength(1);
    expect(storedDraft()).toEqual([]);
    await agentStateButton(agent, 'Available').waitFor({ timeout: UI_TIMEOUT });
    // The killed session is closed in the state log at the next start; the new one resumes the wrap-up.
    expect(stateEvents(desk.dataDir).map((event) => event.state)).toEqual([
      'available',
      'ringing',
      'onCall',
      'wrapUp',
      'loggedOut',
      'wrapUp',
      'available',
    ]);

    await agent.close();
    await restarted.stop();
  }, 300_000);

  it('a host killed in the middle of the call keeps the notes typed while talking; the call is closed as interrupted', async () => {
    const { desk, host, agent } = await openDesk();
    const { softphone, wrapUp } = regions(agent);
    await agentStateButton(agent, 'Available').waitFor({ timeout: UI_TIMEOUT });
    await ring(agent);
    await softphone.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(customerState, { timeout: UI_TIMEOUT }).toBe('established');
    const form = wrapUp.getByRole('form', { name: `Call with ${caller.name}` });
    await form.getByText(`Customer: ${caller.name} · call in progress`, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await form.getByRole('radio', { name: 'Resolved', exact: true }).focus();
    await agent.keyboard.press('5');
    await expect.poll(() => form.getByRole('radio', { name: 'Not interested', exact: true }).isChecked()).toBe(true);
    const notes = 'Görüşme sürerken yazıldı: kampanyayla ilgilenmiyor, ÇAĞRI kesilmeden önce.';
    await form.getByRole('textbox', { name: 'Notes', exact: true }).click();
    await agent.keyboard.type(notes);
    const storedNotes = () =>
      readDesk<{ content: string }>(desk.dataDir, 'SELECT content FROM wrap_up_drafts').map(
        (row) => (JSON.parse(row.content) as { notes: string }).notes,
      );
    await expect.poll(storedNotes, { timeout: UI_TIMEOUT, interval: 25 }).toEqual([notes]);

    await host.stop('SIGKILL');
    expect(host.child.signalCode).toBe('SIGKILL');
    // The customer gives up on the silent line.
    await customer.evaluate(() => (window as unknown as CustomerWindow).customer.session.bye());

    const restarted = await desk.startHost();
    hosts.push(restarted);
    await openConsole(agent, restarted);
    const reopened = regions(agent).wrapUp.getByRole('form', { name: `Call with ${caller.name}` });
    await reopened.getByText(`Customer: ${caller.name} · call ended`, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await expect(reopened.getByRole('textbox', { name: 'Notes', exact: true }).inputValue()).resolves.toBe(notes);
    await expect(reopened.getByRole('radio', { name: 'Not interested', exact: true }).isChecked()).resolves.toBe(true);
    const [call, ...others] = readDesk<{ id: string; hung_up_by: string; end_reason: string; answer_at: number | null }>(
      desk.dataDir,
      "SELECT id, hung_up_by, end_reason, answer_at FROM calls WHERE raw_caller_id LIKE '%@lab.test%'",
    );
    expect(others).toEqual([]);
    expect(call).toMatchObject({ hung_up_by: 'system', end_reason: 'interrupted' });
    expect(call!.answer_at).not.toBeNull();

    await reopened.getByRole('textbox', { name: 'Notes', exact: true }).focus();
    await agent.keyboard.press('Control+Enter');
    await regions(agent).wrapUp.getByText('Wrap-up filed: Not interested.', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    expect(readDesk(desk.dataDir, 'SELECT call_id, outcome, notes FROM interactions WHERE agent = ?', agentUser)).toEqual([
      { call_id: call!.id, outcome: 'not-interested', notes },
    ]);
    expect(stateEvents(desk.dataDir).map((event) => event.state)).toEqual([
      'available',
      'ringing',
      'onCall',
      'loggedOut',
      'available',
    ]);

    await agent.close();
    await restarted.stop();
  }, 300_000);
});
