// ScriptService on the demo desk: which script a call gets (dialled number, queue, direction, language), the
// values it fills in, catalogue items a customer may not get, and the operator's place saved in core and in the
// wrap-up draft (seam 3, through the real WrapUpService) until the wrap-up files it with the interaction.
// Also the INVITE headers that carry the dialled number and the queue (seam 5). Real SQLite, real sip.js parser.
import { Core } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../../../electron/core/customers/demoWorkspace.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { ScriptService } from '../../../electron/core/scripts/scriptService.js';
import { describeInboundRouting } from '../../../electron/core/sip/inboundRouting.js';
import { WRAP_UP_FILED } from '../../../electron/core/workflow/wrapUpFiled.js';
import { WrapUpService } from '../../../electron/core/workflow/wrapUpService.js';
import type { ScriptRun } from '../../../electron/shared/callScript.js';
import { CommandFailure } from '../../../electron/shared/ipc/result.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { builtinDispositions } from '../../../electron/shared/workflow.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from '../customers/customerTestSupport.js';
import { demoScriptsDir, importDir, simpleScript, writeScriptDir } from './scriptTestSupport.js';

const tempDir = useTempDirs();
let root: string;
let store: TestStore;
let scripts: ScriptService;
let wrapUp: WrapUpService;
let deskLocale: string;
/** The caller card's link: call → customer id. */
const linked = new Map<string, string>();

beforeEach(async () => {
  root = tempDir();
  store = openTestStore(root);
  seedDemoWorkspace(store.service);
  deskLocale = 'tr';
  linked.clear();
  const logger = new MemoryLogger();
  wrapUp = new WrapUpService({
    database: store.database,
    clock: store.clock,
    events: { emit: () => {} },
    logger,
    dispositions: () => builtinDispositions,
    agent: () => '1001',
    deskLanguage: () => 'tr',
    defaultCountry: () => 'TR',
    customerOfCall: (callId) => linked.get(callId),
    // As deskServices.ts wires it: a filed wrap-up frees the panel of a window that reloads without a call.
    onSubmitted: (callId) => {
      if (callId !== null) scripts.wrapUpFiled(callId);
    },
  });
  scripts = new ScriptService({
    database: store.database,
    clock: store.clock,
    logger,
    customerForCall: async (callId) => {
      const id = linked.get(callId);
      return id === undefined ? undefined : (await store.service.card(id)).customer;
    },
    agentName: () => 'Derya Kaya',
    deskLocale: () => deskLocale,
    defaultCountry: () => 'TR',
    dispositions: () => builtinDispositions,
    drafts: wrapUp,
  });
  expect((await scripts.importDirectory(demoScriptsDir)).errors).toEqual([]);
});
afterEach(() => store.close());

const at = Date.UTC(2026, 10, 28, 9, 0, 0);
function call(id: string, overrides: Partial<CallView> = {}): CallView {
  return {
    id,
    line: 1,
    direction: 'inbound',
    state: 'ringing',
    remoteUri: '<sip:+905321234567@lab.test>',
    remoteUser: '+905321234567',
    remoteNumber: '+905321234567',
    displayName: '',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: at,
    at,
    ...overrides,
  };
}
const customerId = (externalId: string) => store.service.repository.idByExternalId(externalId)!;

describe('choosing the script for a call', () => {
  it('inbound: the default, in the customer’s language, else the desk’s', async () => {
    scripts.observeCall(call('c-tr'));
    linked.set('c-tr', customerId('DEMO-0001')); // Işık Yıldırım, Turkish
    expect(await scripts.forCall('c-tr')).toMatchObject({
      reason: 'inboundDefault',
      script: { key: 'inbound-service-tr', language: 'tr' },
    });

    const english = store.database.sqlite
      .prepare("SELECT id FROM customers WHERE language = 'en' LIMIT 1")
      .pluck()
      .get() as string;
    scripts.observeCall(call('c-en'));
    linked.set('c-en', english);
    expect((await scripts.forCall('c-en'))!.script.key).toBe('inbound-service-en');

    deskLocale = 'en';
    scripts.observeCall(call('c-unknown', { remoteNumber: '+905559998877' }));
    expect((await scripts.forCall('c-unknown'))!.script.key).toBe('inbound-service-en');
  });

  it('inbound: by the dialled number written any way, then by the queue (folded); outbound: its default', async () => {
    scripts.observeCall(call('dialled', { dialledNumber: '908502220005' }));
    expect(await scripts.forCall('dialled')).toMatchObject({ reason: 'dialledNumber', script: { key: 'complaint-intake-tr' } });
    scripts.observeCall(call('queue', { queue: 'ŞİKAYET' }));
    expect(await scripts.forCall('queue')).toMatchObject({ reason: 'queue', script: { key: 'complaint-intake-tr' } });
    scripts.observeCall(call('other-queue', { queue: 'satis', dialledNumber: '4440123' }));
    expect(await scripts.forCall('other-queue')).toMatchObject({
      reason: 'inboundDefault',
      script: { key: 'inbound-service-tr' },
    });
    scripts.observeCall(call('out', { direction: 'outbound', state: 'dialing' }));
    expect(await scripts.forCall('out')).toMatchObject({ reason: 'outboundDefault', script: { key: 'telesales-offer-tr' } });
    // Without a call id: the most recent call.
    expect((await scripts.forCall())!.callId).toBe('out');
  });

  it('no script when no rule matches, or for a call this desk never saw', async () => {
    const only = writeScriptDir(root, 'only', { 'q.yaml': simpleScript('queue-only', { extra: 'choose: { queues: [vip] }' }) });
    const fresh = openTestStore(tempDir());
    try {
      const bare = new ScriptService({
        database: fresh.database,
        clock: fresh.clock,
        logger: new MemoryLogger(),
        customerForCall: () => undefined,
        agentName: () => 'x',
        deskLocale: () => 'en',
        defaultCountry: () => 'TR',
        dispositions: () => builtinDispositions,
      });
      expect((await bare.importDirectory(only)).written).toBe(true);
      bare.observeCall(call('plain'));
      expect(await bare.forCall('plain')).toBeNull();
      bare.observeCall(call('vip', { queue: 'VIP' }));
      expect((await bare.forCall('vip'))!.script.key).toBe('queue-only');
      expect(await bare.forCall('never-seen')).toBeNull();
    } finally {
      fresh.close();
    }
  });

  it('a call keeps its version when a new one is imported; the next call gets the new one', async () => {
    scripts.observeCall(call('before'));
    const first = (await scripts.forCall('before'))!;
    const dir = writeScriptDir(root, 'newer', {
      'inbound-service-tr.yaml': simpleScript('inbound-service-tr', {
        language: 'tr',
        extra: 'choose: { inboundDefault: true }',
      }),
    });
    expect((await importDir(scripts.repository, dir)).files[0]).toMatchObject({ status: 'imported', version: 2 });
    expect((await scripts.forCall('before'))!.script).toMatchObject({ id: first.script.id, version: 1, active: false });
    scripts.observeCall(call('after'));
    expect((await scripts.forCall('after'))!.script).toMatchObject({ key: 'inbound-service-tr', version: 2, active: true });
    expect(scripts.get(first.script.id)).toMatchObject({ version: 1, active: false });
  });
});

describe('what the script shows', () => {
  it('fills the values of the call, the linked customer and the operator', async () => {
    scripts.observeCall(call('c1', { dialledNumber: '08502220005', queue: 'sikayet' }));
    linked.set('c1', customerId('DEMO-0001'));
    const shown = (await scripts.forCall('c1'))!;
    expect(shown.values).toEqual({
      'customer.name': 'Işık Yıldırım',
      'customer.company': null,
      'customer.accountNumber': 'ACC-100001',
      'customer.tariff': 'Süper Konuşkan 20 GB',
      'customer.segment': 'vip',
      'customer.city': 'İstanbul',
      'customer.email': 'isik.yildirim@example.com.tr',
      'agent.name': 'Derya Kaya',
      'call.number': '+90 532 123 45 67',
      'call.dialledNumber': '+90 850 222 0005',
      'call.queue': 'sikayet',
      'call.date': new Intl.DateTimeFormat('tr', { dateStyle: 'long' }).format(at),
    });
    // Before a customer is linked, customer values are unknown (the viewer shows placeholders).
    scripts.observeCall(call('c2', { remoteNumber: undefined, remoteUser: '2001' }));
    const unknown = (await scripts.forCall('c2'))!;
    expect(unknown.values['customer.name']).toBeNull();
    expect(unknown.values['call.number']).toBe('2001');
  });

  it('marks catalogue items this customer may not be offered, and brings the articles', async () => {
    scripts.observeCall(call('sale', { direction: 'outbound', state: 'dialing' }));
    linked.set('sale', customerId('DEMO-0001')); // segment vip: the %50 promotion is for consumer and youth
    const shown = (await scripts.forCall('sale'))!;
    expect(shown.items.map((item) => [item.code, item.unavailable])).toEqual(
      expect.arrayContaining([
        ['PRM-ILK3AY-50', 'segment'],
        ['TRF-KONUSKAN-20', null],
      ]),
    );
    scripts.observeCall(call('complaint', { dialledNumber: '0850 222 00 05' }));
    expect((await scripts.forCall('complaint'))!.articles).toEqual([
      expect.objectContaining({ slug: 'fatura-itirazi', title: 'Fatura itirazı nasıl kaydedilir' }),
    ]);
  });
});

describe('the operator’s place', () => {
  it('is kept for a reloading window, merged into the wrap-up draft, and filed with the interaction', async () => {
    scripts.observeCall(call('c1'));
    linked.set('c1', customerId('DEMO-0001'));
    const { script } = (await scripts.forCall('c1'))!;
    const run: ScriptRun = {
      scriptId: script.id,
      path: [
        { stepId: 'greeting' },
        { stepId: 'verify', answer: true },
        { stepId: 'reason', answer: 'tariff' },
        { stepId: 'tariff-offer' },
      ],
    };
    expect(await scripts.saveProgress('c1', run)).toEqual({ run, draftSaved: true });
    expect((await scripts.forCall('c1'))!.run).toEqual(run);
    const draft = store.database.sqlite
      .prepare('SELECT id, revision, content FROM wrap_up_drafts WHERE call_id = ?')
      .get('c1') as {
      id: string;
      revision: number;
      content: string;
    };
    expect(JSON.parse(draft.content).script).toEqual(run);

    const filed = wrapUp.submit({
      draftId: draft.id,
      revision: draft.revision,
      content: { disposition: 'resolved', subcode: 'info', notes: '', fields: {} },
    });
    if (filed.outcome !== 'filed') throw new Error(`wrap-up refused: ${JSON.stringify(filed)}`);
    const interaction = store.database.sqlite
      .prepare('SELECT script_id AS scriptId, script_run AS scriptRun FROM interactions WHERE id = ?')
      .get(filed.interactionId) as { scriptId: string; scriptRun: string };
    expect(interaction.scriptId).toBe(script.id);
    expect(JSON.parse(interaction.scriptRun)).toEqual(run);
    expect(await scripts.forCall()).toBeNull();
    expect((await scripts.forCall('c1'))!.run).toEqual(run);
  });

  it('is refused once the wrap-up is filed: a late answer save opens no second draft for the call', async () => {
    scripts.observeCall(call('c1'));
    const { script } = (await scripts.forCall('c1'))!;
    const first: ScriptRun = { scriptId: script.id, path: [{ stepId: 'greeting' }] };
    await scripts.saveProgress('c1', first);
    const draft = wrapUp.openDraft('c1');
    const filed = wrapUp.submit({
      draftId: draft.id,
      revision: draft.revision,
      content: { disposition: 'resolved', subcode: 'info', notes: '', fields: {} },
    });
    expect(filed.outcome).toBe('filed');

    // The answer typed just before filing arrives after it (the renderer's 400 ms pause).
    const late: ScriptRun = { scriptId: script.id, path: [{ stepId: 'greeting' }, { stepId: 'verify', answer: true }] };
    const error = await scripts.saveProgress('c1', late).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandFailure);
    expect(error).toMatchObject({ code: 'conflict', details: [{ path: 'callId', message: WRAP_UP_FILED }] });
    expect(store.database.sqlite.prepare('SELECT count(*) FROM wrap_up_drafts WHERE call_id = ?').pluck().get('c1')).toBe(0);
    // The place stays the filed one.
    expect((await scripts.forCall('c1'))!.run).toEqual(first);
  });

  it('refuses a path that does not follow the script, an answer that does not fit, an unknown call', async () => {
    scripts.observeCall(call('c1'));
    const { script } = (await scripts.forCall('c1'))!;
    const refused = async (run: ScriptRun, callId = 'c1') => {
      const error = await scripts.saveProgress(callId, run).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CommandFailure);
      return error as CommandFailure;
    };
    const skipped = await refused({ scriptId: script.id, path: [{ stepId: 'greeting' }, { stepId: 'closing' }] });
    expect(skipped).toMatchObject({
      code: 'invalid_args',
      details: [{ path: 'run.path.0', message: '"closing" does not follow "greeting" with that answer' }],
    });
    const badAnswer = await refused({
      scriptId: script.id,
      path: [{ stepId: 'greeting' }, { stepId: 'verify', answer: true }, { stepId: 'reason', answer: 'weather' }],
    });
    expect(badAnswer.details).toEqual([{ path: 'run.path.2.answer', message: 'answer to "reason": unknownOption' }]);
    const unanswered = await refused({
      scriptId: script.id,
      path: [{ stepId: 'greeting' }, { stepId: 'verify' }, { stepId: 'reason' }],
    });
    expect(unanswered.details).toContainEqual({ path: 'run.path.1.answer', message: 'answer to "verify": required' });
    expect((await refused({ scriptId: script.id, path: [{ stepId: 'greeting' }] }, 'nope')).code).toBe('not_found');
    expect((await refused({ scriptId: 'no-such-script', path: [{ stepId: 'greeting' }] })).code).toBe('not_found');
  });

  it('a run of another active script switches the call to it (the operator’s choice)', async () => {
    scripts.observeCall(call('c1'));
    const complaint = scripts.list().find((summary) => summary.key === 'complaint-intake-tr')!;
    const run: ScriptRun = { scriptId: complaint.id, path: [{ stepId: 'greeting' }] };
    await scripts.saveProgress('c1', run);
    expect(await scripts.forCall('c1')).toMatchObject({ reason: 'operator', script: { key: 'complaint-intake-tr' }, run });
  });
});

describe('the INVITE headers behind the rules (seam 5)', () => {
  const invite = (headers: string[]) =>
    Core.Parser.parseMessage(
      [
        'INVITE sip:1001@10.0.0.5:5060 SIP/2.0',
        'Via: SIP/2.0/WS 10.0.0.1;branch=z9hG4bK776asdhds',
        'Max-Forwards: 70',
        'To: <sip:+908502220005@pbx.example>',
        'From: "Ayşe" <sip:+905321234567@pbx.example>;tag=1928301774',
        'Call-ID: a84b4c76e66710',
        'CSeq: 314159 INVITE',
        'Contact: <sip:+905321234567@10.0.0.1>',
        ...headers,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
      new Core.LoggerFactory().getLogger('test'),
    ) as never;

  it('reads P-Called-Party-ID, else To; X-Queue, else the first Diversion user; hostile values become plain text', () => {
    expect(describeInboundRouting(invite([]))).toEqual({ dialledNumber: '+908502220005' });
    expect(
      describeInboundRouting(
        invite([
          'P-Called-Party-ID: <sip:08502220000@pbx.example>',
          'X-Queue: sikayet',
          'Diversion: <sip:2005@pbx.example>;reason=unconditional',
        ]),
      ),
    ).toEqual({ dialledNumber: '08502220000', queue: 'sikayet' });
    expect(describeInboundRouting(invite(['Diversion: <tel:+902125550000>;reason=user-busy,<sip:9@x>']))).toEqual({
      dialledNumber: '+908502220005',
      queue: '+902125550000',
    });
    expect(describeInboundRouting(invite(['X-Queue: \u202Esatis\u0007 ']))).toMatchObject({ queue: 'satis' });
  });
});
