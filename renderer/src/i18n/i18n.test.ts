import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { languageFromLocale, translator } from './i18n.js';
import { zhCN } from './zh-CN.js';

describe('i18n', () => {
  it('fills in named values', () => {
    expect(translator('en')('files', { n: 3 })).toBe('3 files');
    expect(translator('zh-CN')('files', { n: 3 })).toBe('3 个文件');
  });

  it('has a Chinese string for every English one, and they differ where words are involved', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(translator('zh-CN')('build')).not.toBe(translator('en')('build'));
  });

  it('defaults to Chinese for a Chinese locale and English otherwise', () => {
    expect(languageFromLocale('zh-CN')).toBe('zh-CN');
    expect(languageFromLocale('zh-TW')).toBe('zh-CN');
    expect(languageFromLocale('en-GB')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });
});
