/**
 * The head of an issued notice (通知): what the plan is called, its 文号,
 * who issued it and when. A notice as GB/T 9704 lays it out:
 *
 *   南昌市青云谱区人民政府办公室文件                      ← 红头 (发文机关标志)
 *   青政办发〔2022〕16号                                   ← 文号
 *   青云谱区人民政府办公室关于印发2022年…工作要点的通知     ← 标题
 *   各街办、镇、集聚区，区政府各相关部门：                 ← 主送
 *   …（此件主动公开）
 *   2022年青云谱区科技创新基础大提升工作要点              ← the plan's own title
 *   一、工作目标 …                                        ← the body
 *   …
 *   青云谱区人民政府办公室      2022年6月16日印发          ← 版记
 *
 * Every piece is optional: a document that is only the plan (title and
 * body), or only an annex table under its title, still gives what it has.
 */
import { squeezeCjkSpaces } from '../cells';
import type { NoticeHead } from '../types';
import { yearsIn } from '../year';

export interface NumberedParagraph {
  /** 第N段: 1-based among the body's non-empty paragraphs (text inside tables not counted). */
  no: number;
  text: string;
  centered: boolean;
  /** Index of the block in the document (tables between paragraphs count). */
  block: number;
}

/** "一、工作目标": a top-level heading of the body. */
export const TOP_HEADING = /^\s*[一二三四五六七八九十]{1,3}\s*[、.．]/;

const DOC_NUMBER = /^(\S{1,16}?)\s*[〔［[【(（]\s*((?:19|20)\d{2})\s*[〕］\]】)）]\s*([0-9０-９]{1,4})\s*号/;
/** Names of issuing organs end like these. */
const ORGAN = /(?:办公室|办公厅|人民政府|政府|委员会|领导小组|管委会|管理委员会|局|委|办|厅|院|中心|部)$/;
const PLAN_TITLE = /(?:工作要点|实施方案|行动方案|工作方案|行动计划|工作计划|方案|计划|要点|任务分解表|分解表|清单)$/;
const NOTICE_END = /(?:通知|意见|决定|批复|函)$/;
const DIGITS = '0-9０-９〇零一二三四五六七八九十';
const DATE = new RegExp(`^([${DIGITS}]{4})\\s*年\\s*([${DIGITS}]{1,3})\\s*月\\s*([${DIGITS}]{1,3})\\s*日`);

const squeeze = (text: string) => squeezeCjkSpaces(text).replace(/\s+/g, ' ');

/** "〇" … "九", "十": a Chinese-numeral date's digits (二〇二二年六月十六日). */
function chineseNumber(text: string): number | null {
  const ascii = text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  const digit: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!ascii.includes('十')) {
    const ds = [...ascii].map((c) => digit[c]);
    return ds.every((d) => d !== undefined) ? Number(ds.join('')) : null;
  }
  const [tens, ones] = ascii.split('十');
  const t = tens === '' ? 1 : digit[tens];
  const o = ones === '' ? 0 : digit[ones];
  return t === undefined || o === undefined ? null : t * 10 + o;
}

/** "2022年6月16日" or "二〇二二年六月十六日" at the start of `text` → "2022-06-16". */
export function readDate(text: string): string | null {
  const m = DATE.exec(squeeze(text));
  if (!m) return null;
  const [y, mo, d] = [chineseNumber(m[1]), chineseNumber(m[2]), chineseNumber(m[3])];
  if (y === null || mo === null || d === null || y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "青政办发[2022]16号" → "青政办发〔2022〕16号" (GB/T 9704 writes the year in 六角括号). */
export function readDocNumber(text: string): string | null {
  const m = DOC_NUMBER.exec(squeeze(text));
  if (!m || !/[发字函]$/.test(m[1])) return null;
  const n = m[3].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  return `${m[1]}〔${m[2]}〕${Number(n)}号`;
}

/** "X关于印发《Y》的通知" → issuer X and plan title Y. */
function splitNoticeTitle(title: string): { issuer: string | null; plan: string | null } {
  const m = /^(.*?)关于(?:印发|转发|下达|下发|公布)?\s*[《“"]?(.+?)[》”"]?\s*的(?:通知|意见|决定|批复|函)$/.exec(title);
  if (!m) return { issuer: null, plan: null };
  const issuer = m[1].trim();
  return { issuer: issuer && ORGAN.test(issuer) ? issuer : null, plan: m[2].trim() || null };
}

export function readNoticeHead(paragraphs: NumberedParagraph[], firstTableBlock: number): NoticeHead {
  // The head: what comes before the body's first heading (一、…) or first table.
  const bodyStart = paragraphs.findIndex((p) => TOP_HEADING.test(p.text) || p.block > firstTableBlock);
  const head = paragraphs.slice(0, bodyStart < 0 ? Math.min(paragraphs.length, 40) : bodyStart);

  const docNumberAt = head.findIndex((p) => readDocNumber(p.text) !== null);
  const docNumber = docNumberAt >= 0 ? readDocNumber(head[docNumberAt].text) : null;

  // The notice's title: from a paragraph with 关于, joined with the next ones until it ends like a notice.
  let noticeTitle: { text: string; no: number } | null = null;
  for (let i = Math.max(0, docNumberAt); i < head.length && !noticeTitle; i++) {
    if (!squeeze(head[i].text).includes('关于')) continue;
    let text = squeeze(head[i].text).replace(/\s+/g, '');
    for (let j = i + 1; j < Math.min(head.length, i + 3) && !NOTICE_END.test(text); j++) text += squeeze(head[j].text).replace(/\s+/g, '');
    if (NOTICE_END.test(text)) noticeTitle = { text, no: head[i].no };
  }
  const fromNotice = noticeTitle ? splitNoticeTitle(noticeTitle.text) : { issuer: null, plan: null };

  // The plan's own title: the last title-like line of the head (the notice's title comes before it).
  const own = [...head]
    .reverse()
    .find((p) => {
      const t = squeeze(p.text).replace(/\s+/g, '');
      // A title has no sentence punctuation ("为深入贯彻…，制定本工作方案" is a sentence).
      return t.length >= 4 && t.length <= 80 && PLAN_TITLE.test(t) && !t.includes('关于') && !/^附\s*件/.test(t) && !/[，,。；;：:]/.test(t);
    });
  const firstCentered = head.find((p) => p.centered && !readDocNumber(p.text) && !/文件$/.test(squeeze(p.text)));
  const titleSource = own
    ? { text: own.text, no: own.no }
    : fromNotice.plan && noticeTitle
      ? { text: fromNotice.plan, no: noticeTitle.no }
      : firstCentered
        ? { text: firstCentered.text, no: firstCentered.no }
        : null;
  // Spaces next to Chinese are layout ("…大提升 工作要点"); Latin words keep theirs.
  const title = titleSource ? squeeze(titleSource.text) : null;

  // The issuer: the notice title's organ, else the 红头 ("…文件"), else the 落款 above the last date.
  const redHead = head.slice(0, Math.max(docNumberAt, 0) + 1).find((p) => /^.{2,30}文件$/.test(squeeze(p.text).replace(/\s+/g, '')));
  let issuer = fromNotice.issuer ?? (redHead ? squeeze(redHead.text).replace(/\s+/g, '').replace(/文件$/, '') : null);

  // 印发日期 (版记: "2022年6月16日印发"), else the 成文日期 (a line that is only a date).
  let issuedOn: string | null = null;
  for (let i = paragraphs.length - 1; i >= 0 && !issuedOn; i--) {
    const t = squeeze(paragraphs[i].text).replace(/\s+/g, '');
    if (!/印发$/.test(t)) continue;
    const at = t.search(new RegExp(`[${DIGITS}]{4}年`));
    issuedOn = at >= 0 ? readDate(t.slice(at)) : null;
    const organ = at > 0 ? t.slice(0, at) : '';
    if (!issuer && organ && ORGAN.test(organ)) issuer = organ;
  }
  if (!issuedOn) {
    const dated = paragraphs.findIndex((p) => {
      const t = squeeze(p.text).replace(/\s+/g, '');
      return readDate(t) !== null && DATE.exec(t)?.[0].length === t.length;
    });
    if (dated >= 0) {
      issuedOn = readDate(paragraphs[dated].text);
      const above = dated > 0 ? squeeze(paragraphs[dated - 1].text).replace(/\s+/g, '') : '';
      if (!issuer && above.length <= 30 && ORGAN.test(above)) issuer = above;
    }
  }

  const year = (title && yearsIn(title)) || (docNumber ? yearsIn(`${/〔(\d{4})〕/.exec(docNumber)?.[1]}年`) : null);
  return { title, titleParagraph: titleSource?.no ?? 0, docNumber, issuer, issuedOn, year };
}
