// `agentdesk seed demo`: a realistic Turkish/English demo workspace so a new desk shows a working
// console — departments, tariffs, services, products, promotions, knowledge base, and customers with
// Turkish (İ/ı/ş/ğ), Russian (ё/й) and English names, some with history. Plain Node (core).
// Idempotent: everything is keyed by a fixed code / slug / external_id and is only inserted when
// missing, so running it again changes nothing (and never overwrites what the operator edited).
import { appendAudit } from '../../../db/repositories/audit.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { CatalogueRepository, type CatalogueItem, type KnowledgeArticle } from '../../../db/repositories/catalogue.js';
import { newId } from '../../../db/ids.js';
import { OrderRepository } from '../../../db/repositories/orders.js';
import { TicketRepository, type TicketKind, type TicketPriority } from '../../../db/repositories/tickets.js';
import { importDemoScripts, type DemoScriptOptions } from '../scripts/demoScripts.js';
import type { ScriptImportSummary } from '../scripts/scriptImport.js';
import { accountKey, cleanCustomerFields, customerSearchDocument, normalizePhones, withDefaults } from './customerFields.js';
import { articleSearchDocument, catalogueSearchDocument, type CustomerService } from './customerService.js';

export interface SeedSummary {
  created: {
    departments: number;
    catalogueItems: number;
    articles: number;
    customers: number;
    interactions: number;
    tickets: number;
    orders: number;
  };
  existing: { departments: number; catalogueItems: number; articles: number; customers: number };
}

const DAY = 24 * 60 * 60 * 1000;

const departments = [
  { code: 'billing', name: 'Fatura ve Ödeme', transferTarget: '2001' },
  { code: 'technical', name: 'Teknik Destek', transferTarget: '2002' },
  { code: 'sales', name: 'Satış', transferTarget: '2003' },
  { code: 'retention', name: 'Müşteri Sadakati', transferTarget: '2004' },
  { code: 'complaints', name: 'Şikâyet Yönetimi', transferTarget: '2005' },
];

type ItemSeed = Omit<
  CatalogueItem,
  'id' | 'validFrom' | 'validUntil' | 'currency' | 'discountPercent' | 'discountMinor' | 'active' | 'eligibleSegments'
> & {
  /** Days from today; null = open-ended. */
  from?: number;
  until?: number;
  discountPercent?: number;
  discountMinor?: number;
  eligibleSegments?: string[];
};

const catalogue: ItemSeed[] = [
  {
    code: 'TRF-KONUSKAN-20',
    kind: 'tariff',
    name: 'Süper Konuşkan 20 GB',
    description: '20 GB internet, 1000 dakika, 250 SMS; 12 ay taahhütlü.',
    priceMinor: 34990,
    eligibleSegments: ['consumer', 'vip'],
  },
  {
    code: 'TRF-GENC-15',
    kind: 'tariff',
    name: 'Gençlik Paketi 15 GB',
    description: '26 yaş altı: 15 GB internet, sosyal medya sınırsız, 500 dakika.',
    priceMinor: 24990,
    eligibleSegments: ['youth'],
  },
  {
    code: 'TRF-BIZ-PRO-50',
    kind: 'tariff',
    name: 'Business Pro 50 GB',
    description: 'Şirket hatları: 50 GB, sınırsız şirket içi arama, öncelikli destek.',
    priceMinor: 59900,
    eligibleSegments: ['business'],
  },
  {
    code: 'TRF-FIBER-100',
    kind: 'tariff',
    name: 'Fiber İnternet 100 Mbps',
    description: 'Limitsiz ev interneti, modem dahil, 24 ay taahhüt.',
    priceMinor: 44990,
  },
  {
    code: 'SRV-ROAMING-5',
    kind: 'service',
    name: 'Yurt Dışı Paketi 5 GB (Roaming)',
    description: 'Avrupa ve Rusya’da 30 gün geçerli 5 GB internet.',
    priceMinor: 29900,
  },
  {
    code: 'SRV-EK-10',
    kind: 'service',
    name: 'Ek 10 GB',
    description: 'Fatura dönemi sonuna kadar geçerli ek internet.',
    priceMinor: 9990,
  },
  {
    code: 'SRV-MUZIK',
    kind: 'service',
    name: 'Müzik Paketi',
    description: 'Reklamsız müzik, çevrimdışı dinleme.',
    priceMinor: 3990,
  },
  {
    code: 'SRV-GUVENLI',
    kind: 'service',
    name: 'Güvenli İnternet',
    description: 'Aile profili ve zararlı site filtresi; ücretsiz.',
    priceMinor: 0,
  },
  {
    code: 'PRD-MODEM-AX3000',
    kind: 'product',
    name: 'Fiber Modem AX3000 (Wi-Fi 6)',
    description: 'Çift bant Wi-Fi 6 modem.',
    priceMinor: 199900,
  },
  {
    code: 'PRD-PHONE-A54',
    kind: 'product',
    name: 'Akıllı Telefon A54 128 GB',
    description: '12 taksit imkânı.',
    priceMinor: 1799900,
  },
  {
    code: 'PRD-ESIM',
    kind: 'product',
    name: 'eSIM aktivasyonu',
    description: 'Numara aynı kalır; QR kod e-posta ile gönderilir.',
    priceMinor: 5000,
  },
  {
    code: 'PRM-ILK3AY-50',
    kind: 'promotion',
    name: 'İlk 3 Ay %50 İndirim',
    description: 'Yeni bireysel hatlarda ilk üç fatura yarı fiyatına.',
    priceMinor: null,
    discountPercent: 50,
    from: -30,
    until: 60,
    eligibleSegments: ['consumer', 'youth'],
  },
  {
    code: 'PRM-BIZ-2ART1',
    kind: 'promotion',
    name: 'Business 2+1 Hat',
    description: 'İki kurumsal hat alana üçüncü hat 12 ay ücretsiz.',
    priceMinor: null,
    discountPercent: 100,
    from: -10,
    until: 80,
    eligibleSegments: ['business'],
  },
  {
    code: 'PRM-SADAKAT-20',
    kind: 'promotion',
    name: 'Sadakat İndirimi %20',
    description: 'Taahhüdü biten VIP müşterilere 12 ay %20 indirim.',
    priceMinor: null,
    discountPercent: 20,
    from: -90,
    eligibleSegments: ['vip'],
  },
  {
    code: 'PRM-YAZ-2025',
    kind: 'promotion',
    name: 'Yaz Kampanyası 2025',
    description: 'Süresi doldu: yaz aylarında 2 kat internet.',
    priceMinor: null,
    discountMinor: 5000,
    from: -200,
    until: -100,
  },
];

const articles: Omit<KnowledgeArticle, 'id'>[] = [
  {
    slug: 'fatura-itirazi',
    kind: 'procedure',
    language: 'tr',
    title: 'Fatura itirazı nasıl kaydedilir',
    body: '1. Müşterinin kimliğini doğrulayın (T.C. kimlik no son 4 hane ve doğum tarihi).\n2. İtiraz edilen fatura dönemini ve tutarı sorun.\n3. Şikâyet türünde, Fatura ve Ödeme departmanına bir kayıt açın.\n4. Müşteriye kayıt numarasını ve 3 iş günü içinde dönüş yapılacağını söyleyin.',
    tags: ['fatura', 'itiraz', 'şikâyet'],
  },
  {
    slug: 'numara-tasima',
    kind: 'procedure',
    language: 'tr',
    title: 'Numara taşıma (MNP) başvurusu',
    body: 'Numara taşıma için müşterinin kimlik bilgisi ve mevcut operatördeki hat sahipliği gerekir. Başvuru sonrası taşıma en geç 3 iş gününde tamamlanır; bu sürede hat çalışmaya devam eder.',
    tags: ['taşıma', 'mnp', 'yeni hat'],
  },
  {
    slug: 'sim-degisimi',
    kind: 'procedure',
    language: 'tr',
    title: 'SIM kart değişimi ve kimlik doğrulama',
    body: 'Kayıp/çalıntı SIM için önce hattı geçici olarak kapatın. Yeni SIM yalnızca kimlik doğrulaması yapılmış hat sahibine, mağazada veya kuryeyle teslim edilir. eSIM isteyen müşteriye PRD-ESIM ürününü önerin.',
    tags: ['sim', 'esim', 'kayıp', 'güvenlik'],
  },
  {
    slug: 'kvkk-pazarlama-izni',
    kind: 'procedure',
    language: 'tr',
    title: 'KVKK: pazarlama izni nasıl alınır',
    body: 'Kampanya teklif etmeden önce kartta pazarlama izni olup olmadığına bakın. İzin yoksa teklif etmeyin; müşteri isterse izni açık ve anlaşılır biçimde sorun, onayı kayda geçirin. "Aranmak istemiyorum" diyen müşteriyi aranmayacaklar listesine ekleyin.',
    tags: ['kvkk', 'izin', 'aranmayacaklar'],
  },
  {
    slug: 'roaming-data-abroad',
    kind: 'faq',
    language: 'en',
    title: 'Roaming: why does mobile data not work abroad?',
    body: 'Check that roaming is enabled on the line and in the phone settings (Data roaming: on). Without a roaming package, data abroad is blocked to avoid bill shock: offer SRV-ROAMING-5. If the package is active, ask the customer to select a partner network manually.',
    tags: ['roaming', 'abroad', 'data'],
  },
  {
    slug: 'voicemail-pin-reset',
    kind: 'faq',
    language: 'en',
    title: 'Resetting the voicemail PIN',
    body: 'After verifying the caller, reset the PIN from the line services screen. The customer receives a temporary PIN by SMS and must change it on the first call to voicemail.',
    tags: ['voicemail', 'pin'],
  },
  {
    slug: 'perenos-nomera',
    kind: 'faq',
    language: 'ru',
    title: 'Как перенести номер к нам',
    body: 'Для переноса номера нужен паспорт владельца и действующая SIM-карта. Перенос занимает до трёх рабочих дней; всё это время номер работает. Новый тариф можно выбрать заранее.',
    tags: ['перенос', 'номер'],
  },
];

interface CustomerSeed {
  ref: string;
  name: string;
  company?: string;
  segment: 'consumer' | 'youth' | 'business' | 'vip';
  language: 'tr' | 'en' | 'ru';
  phones: string[];
  email?: string;
  address?: string;
  city: string;
  tariff?: string;
  services?: string[];
  notes?: string;
  consent?: boolean;
  doNotCall?: boolean;
  history?: {
    calls?: { daysAgo: number; direction: 'inbound' | 'outbound'; minutes: number; outcome: string; notes?: string }[];
    ticket?: { kind: TicketKind; department: string; priority: TicketPriority; subject: string; description: string };
    order?: { daysAgo: number; lines: { code: string; quantity: number }[] };
  };
}

/** Numbers are written the way people type them; the seed normalises them like any other input. */
const customers: CustomerSeed[] = [
  {
    ref: '0001',
    name: 'Işık Yıldırım',
    segment: 'vip',
    language: 'tr',
    phones: ['0532 123 45 67', '0212 234 56 78'],
    email: 'isik.yildirim@example.com.tr',
    address: 'Bağdat Cad. No: 145 D: 7, Kadıköy',
    city: 'İstanbul',
    tariff: 'TRF-KONUSKAN-20',
    services: ['SRV-MUZIK', 'SRV-EK-10'],
    consent: true,
    notes: 'Fatura tarihini ayın 15’ine aldırmak istiyor.',
    history: {
      calls: [
        { daysAgo: 2, direction: 'inbound', minutes: 6, outcome: 'Bilgi verildi', notes: 'Ek paket kullanımını sordu.' },
        { daysAgo: 20, direction: 'outbound', minutes: 3, outcome: 'Satış', notes: 'Müzik Paketi eklendi.' },
      ],
      ticket: {
        kind: 'complaint',
        department: 'billing',
        priority: 'high',
        subject: 'Mart faturasında fazladan ücret',
        description: 'Yurt dışı kullanımı olmadığı halde roaming ücreti yansımış.',
      },
      order: { daysAgo: 20, lines: [{ code: 'SRV-MUZIK', quantity: 1 }] },
    },
  },
  {
    ref: '0002',
    name: 'İsmail Çağlar',
    segment: 'consumer',
    language: 'tr',
    phones: ['0533 765 43 21'],
    email: 'ismail.caglar@example.com',
    address: 'Atatürk Bulvarı No: 12, Çankaya',
    city: 'Ankara',
    tariff: 'TRF-KONUSKAN-20',
    consent: true,
  },
  {
    ref: '0003',
    name: 'Ayşe Gül Şahin',
    segment: 'youth',
    language: 'tr',
    phones: ['0544 111 22 33'],
    email: 'aysegul.sahin@example.com',
    address: 'Kıbrıs Şehitleri Cad. No: 40, Alsancak',
    city: 'İzmir',
    tariff: 'TRF-GENC-15',
    history: {
      calls: [{ daysAgo: 5, direction: 'inbound', minutes: 9, outcome: 'Şikâyet kaydı', notes: 'Kapsama sorunu, Alsancak.' }],
      ticket: {
        kind: 'complaint',
        department: 'technical',
        priority: 'normal',
        subject: 'Evde çekim gücü zayıf',
        description: 'Alsancak’ta bina içinde 4.5G yok.',
      },
    },
  },
  {
    ref: '0004',
    name: 'Gökhan Öztürk',
    company: 'Anadolu Lojistik A.Ş.',
    segment: 'business',
    language: 'tr',
    phones: ['0505 222 33 44', '0216 345 67 89'],
    email: 'gokhan.ozturk@anadolulojistik.example',
    address: 'Organize Sanayi Bölgesi 3. Cad. No: 8, Tuzla',
    city: 'İstanbul',
    tariff: 'TRF-BIZ-PRO-50',
    services: ['SRV-ROAMING-5'],
    consent: true,
    history: {
      order: {
        daysAgo: 45,
        lines: [
          { code: 'TRF-BIZ-PRO-50', quantity: 3 },
          { code: 'PRD-PHONE-A54', quantity: 2 },
        ],
      },
      calls: [{ daysAgo: 45, direction: 'outbound', minutes: 14, outcome: 'Satış' }],
    },
  },
  {
    ref: '0005',
    name: 'Şule Doğan',
    segment: 'consumer',
    language: 'tr',
    phones: ['0555 333 44 55'],
    address: 'Nilüfer Cad. No: 3, Nilüfer',
    city: 'Bursa',
    tariff: 'TRF-FIBER-100',
    doNotCall: true,
    notes: 'Satış araması istemiyor (aranmayacaklar listesi).',
  },
  {
    ref: '0006',
    name: 'Ümit Kılıç',
    segment: 'consumer',
    language: 'tr',
    phones: ['0506 987 65 43'],
    email: 'umit.kilic@example.com',
    address: 'Lara Cad. No: 210, Muratpaşa',
    city: 'Antalya',
    tariff: 'TRF-KONUSKAN-20',
  },
  {
    ref: '0007',
    name: 'Çağla Ertuğrul',
    segment: 'youth',
    language: 'tr',
    phones: ['0530 111 22 33'],
    email: 'cagla.ertugrul@example.com',
    city: 'Eskişehir',
    tariff: 'TRF-GENC-15',
    services: ['SRV-MUZIK'],
    consent: true,
  },
  {
    ref: '0008',
    name: 'Ilgaz Işıklı',
    segment: 'consumer',
    language: 'tr',
    phones: ['0541 333 44 55'],
    address: 'Uzun Sok. No: 5, Ortahisar',
    city: 'Trabzon',
    tariff: 'TRF-KONUSKAN-20',
  },
  {
    ref: '0009',
    name: 'Zeynep İnce',
    segment: 'vip',
    language: 'tr',
    phones: ['0536 555 66 77'],
    email: 'zeynep.ince@example.com',
    address: 'Valikonağı Cad. No: 77, Nişantaşı',
    city: 'İstanbul',
    tariff: 'TRF-KONUSKAN-20',
    services: ['SRV-ROAMING-5'],
    consent: true,
    history: {
      calls: [
        {
          daysAgo: 1,
          direction: 'inbound',
          minutes: 4,
          outcome: 'Geri arama planlandı',
          notes: 'Taahhüt bitiyor, sadakat teklifi istiyor.',
        },
      ],
    },
  },
  {
    ref: '0010',
    name: 'Oğuzhan Güneş',
    company: 'Boğaziçi Yazılım Ltd. Şti.',
    segment: 'business',
    language: 'tr',
    phones: ['0224 456 78 90'],
    email: 'oguzhan@bogazici-yazilim.example',
    address: 'Teknopark, Nilüfer',
    city: 'Bursa',
    tariff: 'TRF-BIZ-PRO-50',
  },
  {
    ref: '0011',
    name: 'Mehmet Ali Kaya',
    segment: 'consumer',
    language: 'tr',
    phones: ['0242 345 67 89', '0532 987 11 22'],
    address: 'Konyaaltı Cad. No: 19',
    city: 'Antalya',
    tariff: 'TRF-FIBER-100',
  },
  {
    ref: '0012',
    name: 'Fatma Kaya',
    segment: 'consumer',
    language: 'tr',
    phones: ['0242 345 67 89'],
    address: 'Konyaaltı Cad. No: 19',
    city: 'Antalya',
    notes: 'Ev hattını eşi Mehmet Ali Kaya ile paylaşıyor.',
  },
  {
    ref: '0013',
    name: 'Hüseyin Akgül',
    segment: 'consumer',
    language: 'tr',
    phones: ['0462 345 67 89'],
    city: 'Trabzon',
    tariff: 'TRF-KONUSKAN-20',
  },
  {
    ref: '0014',
    name: 'Gülşen Yücel',
    segment: 'vip',
    language: 'tr',
    phones: ['0535 444 55 66'],
    email: 'gulsen.yucel@example.com',
    city: 'İzmir',
    tariff: 'TRF-KONUSKAN-20',
    consent: true,
  },
  {
    ref: '0015',
    name: 'Ebru Çelik',
    company: 'Ege Tekstil San. ve Tic. A.Ş.',
    segment: 'business',
    language: 'tr',
    phones: ['0232 567 89 01'],
    email: 'ebru.celik@egetekstil.example',
    city: 'İzmir',
    tariff: 'TRF-BIZ-PRO-50',
  },
  {
    ref: '0016',
    name: 'Ömer Faruk Bağcı',
    segment: 'youth',
    language: 'tr',
    phones: ['0538 222 11 00'],
    city: 'Konya',
    tariff: 'TRF-GENC-15',
  },
  {
    ref: '0017',
    name: 'İpek Karaca',
    segment: 'consumer',
    language: 'tr',
    phones: ['0549 876 54 32'],
    email: 'ipek.karaca@example.com',
    city: 'Ankara',
    tariff: 'TRF-FIBER-100',
    consent: true,
  },
  { ref: '0018', name: 'Barış Eroğlu', segment: 'consumer', language: 'tr', phones: ['0537 765 12 34'], city: 'Eskişehir' },
  {
    ref: '0019',
    name: 'Пётр Ёлкин',
    segment: 'consumer',
    language: 'ru',
    phones: ['+7 916 123-45-67'],
    email: 'p.yolkin@example.ru',
    address: 'ул. Тверская, д. 7, кв. 12',
    city: 'Москва',
    services: ['SRV-ROAMING-5'],
    notes: 'Говорит по-русски; турецкий номер не нужен.',
    history: { calls: [{ daysAgo: 3, direction: 'inbound', minutes: 7, outcome: 'Bilgi verildi', notes: 'Роуминг в Турции.' }] },
  },
  { ref: '0020', name: 'Анна Ёлкина', segment: 'consumer', language: 'ru', phones: ['+7 926 234-56-78'], city: 'Москва' },
  {
    ref: '0021',
    name: 'Андрей Майский',
    company: 'ООО «Северный Ветер»',
    segment: 'business',
    language: 'ru',
    phones: ['+7 495 123-45-67'],
    email: 'maisky@severveter.example',
    city: 'Москва',
  },
  {
    ref: '0022',
    name: 'Сергей Воробьёв',
    segment: 'vip',
    language: 'ru',
    phones: ['+7 903 123-45-67', '0542 765 43 21'],
    city: 'Antalya',
    tariff: 'TRF-KONUSKAN-20',
    consent: true,
  },
  {
    ref: '0023',
    name: 'Татьяна Гайдай',
    segment: 'consumer',
    language: 'ru',
    phones: ['+7 985 234-56-78'],
    city: 'Санкт-Петербург',
  },
  {
    ref: '0024',
    name: 'John Smith',
    company: 'Smith Logistics Ltd',
    segment: 'business',
    language: 'en',
    phones: ['+44 20 7946 0958'],
    email: 'john.smith@smithlogistics.example',
    address: '221 Baker Street',
    city: 'London',
    services: ['SRV-ROAMING-5'],
  },
  {
    ref: '0025',
    name: 'Emily Clarke',
    segment: 'consumer',
    language: 'en',
    phones: ['+44 7911 123456'],
    email: 'emily.clarke@example.co.uk',
    city: 'Manchester',
    notes: 'Lives in Fethiye half of the year.',
  },
  {
    ref: '0026',
    name: 'Oliver Brown',
    segment: 'consumer',
    language: 'en',
    phones: ['0531 222 33 44'],
    email: 'oliver.brown@example.com',
    address: 'Çalış Mah. 12. Sok. No: 4',
    city: 'Muğla',
    tariff: 'TRF-KONUSKAN-20',
    consent: true,
    history: {
      calls: [
        { daysAgo: 8, direction: 'inbound', minutes: 11, outcome: 'Sorun çözüldü', notes: 'Data roaming was off; switched on.' },
      ],
    },
  },
  {
    ref: '0027',
    name: 'Sophie Turner',
    segment: 'youth',
    language: 'en',
    phones: ['0543 210 98 76'],
    city: 'İstanbul',
    tariff: 'TRF-GENC-15',
  },
  {
    ref: '0028',
    name: 'Emine Ağaoğlu',
    segment: 'consumer',
    language: 'tr',
    phones: ['0312 456 78 90'],
    address: 'Kızılay Meydanı No: 1',
    city: 'Ankara',
  },
  {
    ref: '0029',
    name: 'Duygu Sönmez',
    segment: 'consumer',
    language: 'tr',
    phones: ['0546 333 22 11'],
    city: 'Adana',
    tariff: 'TRF-KONUSKAN-20',
    consent: true,
  },
  {
    ref: '0030',
    name: 'Kemal Işık',
    company: 'Işık Elektrik',
    segment: 'business',
    language: 'tr',
    phones: ['0222 234 56 78'],
    email: 'kemal@isikelektrik.example',
    city: 'Eskişehir',
    tariff: 'TRF-BIZ-PRO-50',
    history: {
      ticket: {
        kind: 'request',
        department: 'sales',
        priority: 'normal',
        subject: 'Ek iki kurumsal hat',
        description: 'Business 2+1 kampanyasıyla iki hat daha istiyor.',
      },
    },
  },
];

export function seedDemoWorkspace(service: CustomerService): SeedSummary {
  const { sqlite, db } = service.database;
  const now = service.now();
  const catalogueRepository = new CatalogueRepository(sqlite);
  const tickets = new TicketRepository(sqlite);
  const orders = new OrderRepository(sqlite);
  const calls = new CallLogRepository(sqlite);
  const summary: SeedSummary = {
    created: { departments: 0, catalogueItems: 0, articles: 0, customers: 0, interactions: 0, tickets: 0, orders: 0 },
    existing: { departments: 0, catalogueItems: 0, articles: 0, customers: 0 },
  };
  const count = (created: boolean, key: keyof SeedSummary['existing']) => {
    if (created) summary.created[key]++;
    else summary.existing[key]++;
  };

  service.repository.transaction(() => {
    const departmentIds = new Map<string, string>();
    for (const department of departments) {
      const { row, created } = catalogueRepository.ensureDepartment({ id: newId(), ...department }, now);
      departmentIds.set(department.code, row.id);
      count(created, 'departments');
    }
    const items = new Map<string, CatalogueItem>();
    for (const seed of catalogue) {
      const { from, until, ...rest } = seed;
      const item: CatalogueItem = {
        ...rest,
        id: newId(),
        currency: 'TRY',
        discountPercent: seed.discountPercent ?? null,
        discountMinor: seed.discountMinor ?? null,
        validFrom: from === undefined ? null : startOfDay(now) + from * DAY,
        validUntil: until === undefined ? null : startOfDay(now) + until * DAY,
        eligibleSegments: seed.eligibleSegments ?? [],
        active: true,
      };
      const { row, created } = catalogueRepository.ensureItem(item, catalogueSearchDocument(item), now);
      items.set(seed.code, row);
      count(created, 'catalogueItems');
    }
    for (const seed of articles) {
      const article = { ...seed, id: newId() };
      count(catalogueRepository.ensureArticle(article, articleSearchDocument(article), now).created, 'articles');
    }

    for (const seed of customers) {
      const externalId = `DEMO-${seed.ref}`;
      if (service.repository.idByExternalId(externalId) !== undefined) {
        summary.existing.customers++;
        continue;
      }
      const cleaned = cleanCustomerFields(
        {
          name: seed.name,
          company: seed.company ?? null,
          segment: seed.segment,
          language: seed.language,
          accountNumber: `ACC-${100000 + Number(seed.ref)}`,
          tariff: seed.tariff ?? null,
          services: seed.services ?? [],
          address: seed.address ?? null,
          city: seed.city,
          email: seed.email ?? null,
          notes: seed.notes ?? null,
          marketingConsent: seed.consent ?? false,
          doNotCall: seed.doNotCall ?? false,
        },
        true,
      );
      const phones = normalizePhones(
        seed.phones.map((number, index) => ({ number, label: index === 0 ? 'mobile' : 'home' })),
        'TR',
      );
      const problems = [...cleaned.problems, ...phones.problems];
      if (problems.length > 0) throw new Error(`demo customer ${externalId}: ${problems.map((p) => p.message).join('; ')}`);
      const fields = withDefaults(cleaned.fields);
      const id = newId();
      service.repository.insert(
        {
          ...fields,
          id,
          externalId,
          accountKey: accountKey(fields.accountNumber),
          phones: phones.phones,
          search: customerSearchDocument(fields),
        },
        now,
      );
      summary.created.customers++;

      const history = seed.history;
      let lastInteractionId: string | null = null;
      for (const call of history?.calls ?? []) {
        const inviteAt = now - call.daysAgo * DAY - 3 * 60 * 60 * 1000;
        const callId = newId();
        calls.insert(
          {
            id: callId,
            direction: call.direction,
            rawCallerId: call.direction === 'inbound' ? `<sip:${phones.phones[0]!.e164}@demo.invalid>` : null,
            e164: phones.phones[0]!.e164,
            displayName: null,
            line: 1,
            inviteAt,
            answerAt: inviteAt + 8000,
            endAt: inviteAt + 8000 + call.minutes * 60000,
            durationMs: call.minutes * 60000,
            hungUpBy: 'remote',
            sipCode: 200,
            sipReason: 'OK',
            quality: { mos: 4.2, rttMs: 38, jitterMs: 4, lossPercent: 0.1 },
          },
          now,
        );
        lastInteractionId = newId();
        service.readers.interactions.insert(
          {
            id: lastInteractionId,
            customerId: id,
            callId,
            kind: 'call',
            direction: call.direction,
            outcome: call.outcome,
            notes: call.notes ?? null,
            agent: 'demo',
            occurredAt: inviteAt,
          },
          now,
        );
        summary.created.interactions++;
      }
      if (history?.ticket) {
        const t = history.ticket;
        tickets.insert(
          {
            id: newId(),
            customerId: id,
            interactionId: lastInteractionId,
            callId: null,
            kind: t.kind,
            departmentId: departmentIds.get(t.department) ?? null,
            status: 'open',
            priority: t.priority,
            subject: t.subject,
            description: t.description,
          },
          now,
        );
        summary.created.tickets++;
      }
      if (history?.order) {
        orders.insert(
          {
            id: newId(),
            customerId: id,
            interactionId: lastInteractionId,
            status: 'submitted',
            currency: 'TRY',
            lines: history.order.lines.map((line) => {
              const item = items.get(line.code)!;
              return {
                id: newId(),
                catalogueItemId: item.id,
                promotionId: null,
                description: item.name,
                quantity: line.quantity,
                unitPriceMinor: item.priceMinor ?? 0,
                discountMinor: 0,
              };
            }),
          },
          now - history.order.daysAgo * DAY,
        );
        summary.created.orders++;
      }
    }
    const createdAnything = Object.values(summary.created).some((n) => n > 0);
    if (createdAnything) appendAudit(db, { actor: 'seed', action: 'demo.seed', details: summary.created }, now);
  });
  if (summary.created.customers > 0) service.changed('seeded', []);
  return summary;
}

/**
 * The demo workspace and the demo call scripts (electron/core/scripts/demoScripts.ts): what `agentdesk seed demo`
 * and the first-run demo choice create. Scripts that do not fit this desk's dispositions are reported in
 * `scripts.errors` and not imported; the rest of the demo is there regardless.
 */
export async function seedDemoDesk(
  service: CustomerService,
  scripts: Omit<DemoScriptOptions, 'now'>,
): Promise<SeedSummary & { scripts: ScriptImportSummary }> {
  const summary = seedDemoWorkspace(service);
  return { ...summary, scripts: await importDemoScripts(service.database, { ...scripts, now: service.now() }) };
}

function startOfDay(ms: number): number {
  return ms - (ms % DAY);
}
