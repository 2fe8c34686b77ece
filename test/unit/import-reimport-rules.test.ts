/** The pure rules behind re-import: pairing rows with existing tasks, and default decimals by measure unit. */
import { describe, expect, it } from 'vitest';
import { contentKey, matchByContent } from '../../shared/import/taskMatch';
import { defaultDecimals } from '../../shared/numbers';
import { isBase64, IMPORT_MAX_BASE64_CHARS, IMPORT_MAX_BYTES } from '../../shared/import/limits';

describe('contentKey', () => {
  it('ignores spaces, line breaks, punctuation and full/half width', () => {
    expect(contentKey('推进数字经济“一号发展工程”，\n建设 数字产业园。')).toBe(contentKey('推进数字经济"一号发展工程",建设数字产业园'));
    expect(contentKey('（一）Ａ类')).toBe(contentKey('(一)A类'));
    expect(contentKey('建设数字产业园')).not.toBe(contentKey('建设数字产业基地'));
  });
});

describe('matchByContent', () => {
  const keys = (s: string) => s.split('');
  it('an insertion shifts nothing: later rows pair with their own content', () => {
    expect(matchByContent(keys('abcd'), keys('aXbcd'))).toEqual([0, null, 1, 2, 3]);
  });
  it('a removal leaves the removed one unpaired', () => {
    const m = matchByContent(keys('abcd'), keys('acd'));
    expect(m).toEqual([0, 2, 3]);
    expect([0, 1, 2, 3].filter((i) => !m.includes(i))).toEqual([1]);
  });
  it('a reworded row keeps its place (between content matches, by position)', () => {
    expect(matchByContent(keys('abcd'), keys('abXd'))).toEqual([0, 1, 2, 3]);
  });
  it('a swap follows the content', () => {
    expect(matchByContent(keys('abcd'), keys('acbd'))).toEqual([0, 2, 1, 3]);
  });
  it('an insertion and a rewording after it: both right', () => {
    expect(matchByContent(keys('abcde'), keys('aXbcYe'))).toEqual([0, null, 1, 2, 3, 4]);
  });
  it('duplicates pair first with first', () => {
    expect(matchByContent(keys('aab'), keys('baa'))).toEqual([2, 0, 1]);
  });
  it('an empty plan: everything new', () => {
    expect(matchByContent([], keys('ab'))).toEqual([null, null]);
  });
});

describe('defaultDecimals', () => {
  it('亿元 4, 万元 / % / 个百分点 2, counts 0, anything else 2', () => {
    expect(['亿元', '万元', '%', '个百分点', '家', '个', '件', '项', '名', '人', '公里', ''].map(defaultDecimals)).toEqual([
      4, 2, 2, 2, 0, 0, 0, 0, 0, 0, 2, 2,
    ]);
  });
});

describe('isBase64 and the request limit', () => {
  it('accepts what Buffer writes, refuses stray characters, spaces and cut strings', () => {
    const b = Buffer.from('科技创新工作要点').toString('base64');
    expect(isBase64(b)).toBe(true);
    expect(isBase64('')).toBe(true);
    expect(isBase64(`${b} `)).toBe(false);
    expect(isBase64(b.slice(1))).toBe(false);
    expect(isBase64(b.replace(/.$/, '!'))).toBe(false);
  });
  it('handles a string at the size limit (a grouped regex would overflow its stack there)', () => {
    const big = Buffer.alloc(IMPORT_MAX_BYTES, 1).toString('base64');
    expect(big.length).toBeLessThanOrEqual(IMPORT_MAX_BASE64_CHARS);
    expect(isBase64(big)).toBe(true);
  });
});
