/**
 * What a channel stores of a conversation without consent (个人信息保护法 第十三条): the text with
 * every identifier replaced by a label saying what was there. Phone numbers, ID numbers, bank
 * cards, order and other long numbers, e-mail addresses, postal addresses and names, in Chinese
 * and English. Tuned to remove too much rather than too little: what is hidden can be told again
 * after consent, what was stored cannot be unstored.
 */

export type IdentifierKind = 'phone' | 'id_number' | 'bank_card' | 'number' | 'email' | 'address' | 'name';

const LABEL: Record<IdentifierKind, string> = {
  phone: '[已隐去:电话 phone]',
  id_number: '[已隐去:证件号 ID]',
  bank_card: '[已隐去:卡号 card]',
  number: '[已隐去:编号 number]',
  email: '[已隐去:邮箱 e-mail]',
  address: '[已隐去:地址 address]',
  name: '[已隐去:姓名 name]',
};

const HAN = '\\p{Script=Han}';
// The most common surnames (well over 80 % of people in China), for names said without a cue word's certainty.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const COMPOUND_SURNAMES = '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|独孤|南宫|西门';

/**
 * `needs`: what any match of the pattern must contain, tested first on the whole text. Only a
 * necessary condition, so skipping a rule whose `needs` fails changes nothing; it spares the long
 * patterns' scans of text they cannot match (the e-mail pattern alone was quadratic in a reply's runs
 * of Chinese letters, and most of a turn's CPU on the Direct Line path).
 */
type Rule = { kind: IdentifierKind; pattern: RegExp; group?: number; needs?: RegExp };

const DIGIT = /\d/;

const RULES: Rule[] = [
  { kind: 'email', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, needs: /@/ },
  // 18-digit resident ID (last may be X), 15-digit old ones: before the generic long numbers.
  { kind: 'id_number', pattern: /(?<![\dA-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/gu, needs: DIGIT },
  { kind: 'phone', pattern: /(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/gu, needs: DIGIT },
  // Landlines: 010-12345678, (0755) 1234 5678.
  { kind: 'phone', pattern: /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[-\s]?\d{7,8}(?!\d)/gu, needs: DIGIT },
  { kind: 'phone', pattern: /(?<!\d)\+\d{1,3}[\s-]?\d(?:[\s-]?\d){6,13}(?!\d)/gu, needs: DIGIT },
  // Bank cards: 16 to 19 digits, in groups or not.
  { kind: 'bank_card', pattern: /(?<!\d)(?:\d{4}[\s-]){3,4}\d{1,7}(?!\d)|(?<!\d)\d{16,19}(?!\d)/gu, needs: DIGIT },
  // Order, tracking, account numbers: a run of at least 10 digits, or letters and digits (at least 6)
  // mixed. Our own case numbers (WQ-20261128-7K3P) and dates stay.
  { kind: 'number', pattern: /(?<![\dA-Za-z])\d{10,}(?![\dA-Za-z])/gu, needs: DIGIT },
  { kind: 'number', pattern: /(?<![\dA-Za-z-])(?!WQ-\d{8}-)(?=[\d-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){6})[A-Za-z\d-]{8,40}(?![\dA-Za-z])/gu, needs: DIGIT },
  // Addresses: after a cue word, up to the end of the clause; or anything shaped like 某某路88号(3栋502室).
  {
    kind: 'address',
    pattern: new RegExp(`(?:收货地址|家庭住址|联系地址|住址|地址|住在|家住|住|寄到|送到)(?:是|为|在)?[:：\\s]*([${HAN}\\dA-Za-z#\\-－（）()]{2,60})`, 'gu'),
    group: 1,
    needs: /[址住寄送]/,
  },
  {
    kind: 'address',
    pattern: new RegExp(
      `[${HAN}]{0,24}(?:路|街|大道|大街|巷|胡同|里|弄)[\\d一二三四五六七八九十百零〇]+(?:号|弄)(?:[${HAN}\\d\\-－#]{0,16}(?:室|栋|幢|单元|楼|层|号))?`,
      'gu',
    ),
    // 路 街 大道 大街 巷 胡同 里 弄, right before the number.
    needs: /[路街道巷同里弄][\d一二三四五六七八九十百零〇]/,
  },
  {
    kind: 'address',
    pattern: new RegExp(`[${HAN}]{2,12}(?:小区|花园|公寓|大厦|新村|苑)[${HAN}\\d\\-－#]{0,16}(?:室|栋|幢|单元|楼|层|号)`, 'gu'),
    needs: /[区园寓厦村苑]/,
  },
  {
    kind: 'address',
    pattern:
      /\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct)\b\.?(?:,?\s*(?:Apt|Unit|Suite|#)\s*\w+)?/gu,
    needs: DIGIT,
  },
  // Names after a cue: 我叫张三, 姓名：李四, 名字是王小明, 联系人 欧阳娜娜, 收件人赵六.
  {
    kind: 'name',
    pattern: new RegExp(
      `(?:我叫|我的名字是|名字是|名字叫|名叫|姓名|真名|本人|联系人|收件人|收货人|签收人|实名)(?:是|为|叫)?[:：\\s]*((?:${COMPOUND_SURNAMES}|[${HAN}])[${HAN}]{1,3})`,
      'gu',
    ),
    group: 1,
    needs: /[叫名姓真本联收签实]/,
  },
  // 我是张三 / 我姓李: only when a common surname starts it, so 我是消费者 stays.
  {
    kind: 'name',
    pattern: new RegExp(`(?:我是|我姓|我叫做|免贵姓)((?:${COMPOUND_SURNAMES}|[${SURNAMES}])[${HAN}]{0,2})(?=[，。,.!！？?\\s]|$)`, 'gu'),
    group: 1,
    needs: /我|姓/,
  },
  { kind: 'name', pattern: /\b(?:[Mm]y name is|[Nn]ame:|I am called|[Cc]all me|[Tt]his is)\s+((?:[A-Z][a-z'-]+)(?:\s+[A-Z][a-z'-]+){0,3})/gu, group: 1 },
  { kind: 'name', pattern: /\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?/gu },
];

/** The text with every identifier found replaced by its label, and which kinds were found. */
export function redactIdentifiers(text: string): { text: string; found: IdentifierKind[] } {
  let out = text;
  const found = new Set<IdentifierKind>();
  for (const rule of RULES) {
    if (rule.needs && !rule.needs.test(out)) continue;
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const groupValue = rule.group !== undefined ? (args[rule.group] as string | undefined) : undefined;
      // Labels already put in are not identifiers.
      if (match.includes('[已隐去:')) return match;
      found.add(rule.kind);
      if (groupValue === undefined) return LABEL[rule.kind];
      const at = match.lastIndexOf(groupValue);
      return `${match.slice(0, at)}${LABEL[rule.kind]}${match.slice(at + groupValue.length)}`;
    });
  }
  return { text: out, found: [...found] };
}

/**
 * An activity as it may be stored without consent: its text, the sender's display name (a name by
 * definition), attachment names and any string value redacted. The same object when nothing changed.
 */
export function redactActivity(activity: Record<string, unknown>): Record<string, unknown> {
  let changed = false;
  const redact = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const r = redactIdentifiers(value).text;
      if (r !== value) changed = true;
      return r;
    }
    if (Array.isArray(value)) return value.map(redact);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === 'sha256' || k === 'contentType' || k === 'id' || k === 'role' || k === 'type' || k === 'clientActivityID' ? v : redact(v),
        ]),
      );
    return value;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(activity)) {
    if (key === 'from' && value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
      const { name: _name, ...rest } = value as Record<string, unknown>;
      changed = true;
      out[key] = rest;
    } else if (key === 'text' || key === 'value' || key === 'attachments' || key === 'suggestedActions') out[key] = redact(value);
    else out[key] = value;
  }
  return changed ? out : activity;
}
