import { describe, expect, it } from 'vitest';
import { isRtl } from '../../../src/widget/i18n';

const rows: { lang: string | undefined; rtl: boolean }[] = [
  { lang: 'ar', rtl: true },
  { lang: 'ar-EG', rtl: true },
  { lang: 'AR', rtl: true },
  { lang: 'he', rtl: true },
  { lang: 'he-IL', rtl: true },
  { lang: 'iw', rtl: true },
  { lang: 'fa', rtl: true },
  { lang: 'fa-IR', rtl: true },
  { lang: 'ur', rtl: true },
  { lang: 'ps', rtl: true },
  { lang: 'yi', rtl: true },
  { lang: 'ckb', rtl: true },
  { lang: 'dv', rtl: true },
  { lang: 'ug', rtl: true },
  { lang: 'az-Arab', rtl: true },
  { lang: 'pa-Arab-PK', rtl: true },
  { lang: 'ar-Latn', rtl: false },
  { lang: 'en', rtl: false },
  { lang: 'en-US', rtl: false },
  { lang: 'de-AT', rtl: false },
  { lang: 'en-u-nu-arab', rtl: false },
  { lang: 'xx', rtl: false },
  { lang: 'ar_EG', rtl: true },
  { lang: '', rtl: false },
  { lang: undefined, rtl: false },
];

describe('isRtl', () => {
  it.each(rows.map((row, index) => ({ n: index + 1, ...row })))('row $n: $lang → rtl $rtl', ({ lang, rtl }) => {
    expect(isRtl(lang)).toBe(rtl);
  });
});
