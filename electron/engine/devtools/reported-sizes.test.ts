import { describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report.js';
import { parseReportedSizes, withReportedSizes } from './reported-sizes.js';

const report: Report = {
  platform: 'wechat',
  outDir: '/out/wechatgame',
  packages: [
    { name: '__GAME__', root: '', kind: 'main', files: 9, bytes: 40_000, limitBytes: 4_194_304 },
    { name: 'stage1', root: 'stage1/', kind: 'subpackage', files: 1, bytes: 400, limitBytes: null },
    { name: 'share', root: 'share/', kind: 'independent', files: 2, bytes: 4_000, limitBytes: 4_194_304 },
  ],
  totalBytes: 44_400,
  totalLimitBytes: 31_457_280,
  profile: 'wechat-current',
  remote: null,
  excluded: [],
  problems: [],
  files: [],
  sizesAre: 'estimated',
  runtimeBytes: 3_000,
};

describe('parseReportedSizes', () => {
  it('reads the DevTools CLI shape in KB, mapping __FULL__ to the total and __APP__ to the main package', () => {
    const text = JSON.stringify({ size: { total: 408.67, packages: [{ name: '__FULL__', size: 408.67 }, { name: '__APP__', size: 400.5 }, { name: '/stage1/', size: 8.17 }] } });
    expect(parseReportedSizes(text)).toEqual({
      totalBytes: Math.round(408.67 * 1024),
      packages: [{ name: '__GAME__', bytes: Math.round(400.5 * 1024) }, { name: '/stage1/', bytes: Math.round(8.17 * 1024) }],
    });
  });

  it('reads miniprogram-ci subPackageInfo in bytes, unless a unit says otherwise', () => {
    expect(parseReportedSizes(JSON.stringify({ subPackageInfo: [{ name: '__FULL__', size: 815_180 }, { name: '__GAME__', size: 800_000 }] }))).toEqual({
      totalBytes: 815_180,
      packages: [{ name: '__GAME__', bytes: 800_000 }],
    });
    expect(parseReportedSizes(JSON.stringify({ subPackageInfo: [{ name: 'share', size: 2 }], unit: 'KB' }))?.packages).toEqual([{ name: 'share', bytes: 2_048 }]);
  });

  it('gives null for a file without sizes or that is not JSON', () => {
    expect(parseReportedSizes('{"ok":true}')).toBeNull();
    expect(parseReportedSizes('not json')).toBeNull();
  });
});

describe('withReportedSizes', () => {
  it('puts reported sizes beside the estimates, matching by name or root, and marks the report', () => {
    const out = withReportedSizes(report, { totalBytes: 40_000, packages: [{ name: '__GAME__', bytes: 35_000 }, { name: '/stage1/', bytes: 350 }, { name: 'share', bytes: 3_900 }] });
    expect(out.sizesAre).toBe('reported');
    expect(out.packages.map((p) => [p.name, p.bytes, p.reportedBytes])).toEqual([
      ['__GAME__', 40_000, 35_000],
      ['stage1', 400, 350],
      ['share', 4_000, 3_900],
    ]);
    expect(report.sizesAre).toBe('estimated');
  });

  it('leaves the report as estimated when the tool named no package it has', () => {
    expect(withReportedSizes(report, { totalBytes: 1, packages: [{ name: 'other', bytes: 5 }] })).toBe(report);
    expect(withReportedSizes(report, null)).toBe(report);
  });

  it('uses the total for a game with only a main package', () => {
    const single = { ...report, packages: [report.packages[0]!] };
    expect(withReportedSizes(single, { totalBytes: 39_000, packages: [] }).packages[0]?.reportedBytes).toBe(39_000);
  });
});
