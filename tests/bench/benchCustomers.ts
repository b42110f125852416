// Deterministic, realistic customers for the benchmarks (customerBench.ts, importBench.ts). Plain Node.
// Not a benchmark itself (the name does not end in Bench.ts, so `npm run bench` does not run it).
// Turkish (with İ/ı/ş/ğ/ç/ö/ü), Russian and English names, Turkish mobile and landline numbers (plus
// Russian and UK ones), addresses, e-mails for most customers; the same sequence on every run.
let seed = 20261128;
export function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
export const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
export const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const turkishFirst = [
  'Ahmet',
  'Mehmet',
  'Mustafa',
  'Ayşe',
  'Fatma',
  'Emine',
  'Hatice',
  'Zeynep',
  'Elif',
  'İbrahim',
  'İsmail',
  'Hüseyin',
  'Hasan',
  'Ali',
  'Ömer',
  'Özlem',
  'Şule',
  'Gökhan',
  'Çağla',
  'Ilgaz',
  'Işıl',
  'Gülşen',
  'Ümit',
  'Barış',
  'Oğuzhan',
  'Duygu',
  'Ebru',
  'Kemal',
  'Murat',
  'Serkan',
  'Derya',
  'Büşra',
  'Tuğba',
  'Yiğit',
  'Çınar',
  'Irmak',
  'Ağah',
  'Eylül',
  'Deniz',
  'Cem',
];
const turkishLast = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Yıldırım',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kara',
  'Koç',
  'Kurt',
  'Özkan',
  'Şimşek',
  'Işık',
  'Ağaoğlu',
  'Güneş',
  'Erdoğan',
  'Bağcı',
  'Sönmez',
  'Karaca',
  'İnce',
  'Ertuğrul',
  'Akgül',
  'Yücel',
  'Eroğlu',
  'Polat',
  'Tekin',
  'Uçar',
];
const russianFirst = [
  'Пётр',
  'Анна',
  'Сергей',
  'Ольга',
  'Дмитрий',
  'Наталья',
  'Андрей',
  'Юлия',
  'Алексей',
  'Татьяна',
  'Николай',
  'Ирина',
];
const russianLast = [
  'Ёлкин',
  'Иванов',
  'Петрова',
  'Смирнов',
  'Воробьёв',
  'Майский',
  'Соколова',
  'Кузнецов',
  'Попова',
  'Гайдай',
  'Королёв',
  'Васильева',
];
const englishFirst = ['John', 'Emily', 'Oliver', 'Sophie', 'James', 'Charlotte', 'Harry', 'Amelia', 'George', 'Isla'];
const englishLast = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Clarke', 'Turner'];
const cities = [
  'İstanbul',
  'Ankara',
  'İzmir',
  'Bursa',
  'Antalya',
  'Konya',
  'Adana',
  'Gaziantep',
  'Kayseri',
  'Eskişehir',
  'Trabzon',
  'Muğla',
  'Москва',
  'London',
];
const streets = [
  'Atatürk Cad.',
  'Cumhuriyet Mah.',
  'İstiklal Cad.',
  'Bağdat Cad.',
  'Gazi Bulvarı',
  'Çamlık Sok.',
  'Gül Sok.',
  'Şehitler Cad.',
  'ул. Ленина',
  'High Street',
];
const companies = [
  'Anadolu Lojistik A.Ş.',
  'Boğaziçi Yazılım Ltd. Şti.',
  'Ege Tekstil A.Ş.',
  'Işık Elektrik',
  'Karadeniz Gıda',
  'ООО «Северный Ветер»',
  'Smith Logistics Ltd',
];
const segments = ['consumer', 'consumer', 'consumer', 'youth', 'business', 'vip'];
const turkishMobile = [
  '530',
  '532',
  '533',
  '535',
  '536',
  '537',
  '538',
  '539',
  '541',
  '542',
  '543',
  '544',
  '545',
  '546',
  '505',
  '506',
  '507',
  '551',
  '552',
  '553',
  '554',
  '555',
];
const turkishArea = ['212', '216', '312', '232', '224', '242', '332', '322', '342', '352', '222', '462'];

function phoneNumber(): string {
  const r = random();
  if (r < 0.75) return `+90${pick(turkishMobile)}${digits(7)}`;
  if (r < 0.93) return `+90${pick(turkishArea)}${1 + Math.floor(random() * 8)}${digits(6)}`;
  if (r < 0.98) return `+79${pick(['03', '05', '15', '16', '26', '77', '85'])}${digits(7)}`;
  return `+4420${7 + Math.floor(random() * 2)}${digits(7)}`; // London landlines (UK mobile ranges are patchy)
}

export interface GeneratedCustomer {
  externalId: string;
  name: string;
  company: string | null;
  segment: string;
  language: string;
  accountNumber: string;
  address: string;
  city: string;
  email: string | null;
  phones: string[];
}

export function generate(index: number): GeneratedCustomer {
  const r = random();
  const [first, last, language] =
    r < 0.85
      ? [pick(turkishFirst), pick(turkishLast), 'tr']
      : r < 0.95
        ? [pick(russianFirst), pick(russianLast), 'ru']
        : [pick(englishFirst), pick(englishLast), 'en'];
  const name = `${first} ${last}`;
  const phones = [phoneNumber()];
  if (random() < 0.3) phones.push(phoneNumber()); // 1.3 numbers per customer on average
  const local =
    `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '') || 'musteri';
  return {
    externalId: `CRM-${String(index).padStart(8, '0')}`,
    name,
    company: random() < 0.1 ? pick(companies) : null,
    segment: pick(segments),
    language,
    accountNumber: `ACC-${String(1_000_000 + index)}`,
    address: `${pick(streets)} No: ${1 + Math.floor(random() * 250)}`,
    city: pick(cities),
    email: random() < 0.6 ? `${local}${Math.floor(random() * 1000)}@example.com` : null,
    phones: phones[1] === phones[0] ? [phones[0]!] : phones,
  };
}

/** A generated customer as an import row: its fields (as the CSV's columns give them) and its numbers. */
export function importRowOf(c: GeneratedCustomer): {
  externalId: string;
  fields: Pick<GeneratedCustomer, 'name' | 'company' | 'segment' | 'language' | 'accountNumber' | 'address' | 'city' | 'email'>;
  phones: { e164: string; label: null }[];
} {
  return {
    externalId: c.externalId,
    fields: {
      name: c.name,
      company: c.company,
      segment: c.segment,
      language: c.language,
      accountNumber: c.accountNumber,
      address: c.address,
      city: c.city,
      email: c.email,
    },
    phones: c.phones.map((e164) => ({ e164, label: null })),
  };
}
