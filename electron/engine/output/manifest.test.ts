import { describe, expect, it } from 'vitest';
import { manifestFileText, manifestFor, manifestText, type ManifestInput } from './manifest.js';
import { settingsFor } from './plan-fixture.js';

const inputs: ManifestInput[] = [
  { path: 'audio/a.mp3', out: 'audio/a.mp3', hash: '', size: 12, package: 'stage1', remote: false },
  { path: 'images/b "quoted".png', out: 'images/b "quoted".0123456789.png', hash: '0123456789abcdef0123456789', size: 3, package: '__GAME__', remote: true },
  { path: '图片/背景\\1.png', out: '图片/背景\\1.png', hash: '', size: 1048576, package: '__GAME__', remote: false },
];

describe('manifestFileText', () => {
  const settings = settingsFor('/game', { remoteUrl: 'https://cdn.example.com/g', subpackages: [{ name: 'stage1', root: 'stage1/', independent: false }] });

  it('writes exactly the two-space JSON of the manifest, again when the same inputs come back', () => {
    const expected = manifestText(manifestFor(settings, inputs));
    expect(expected.startsWith('module.exports = {\n  "version": 1,')).toBe(true);
    expect(manifestFileText(settings, inputs)).toBe(expected);
    // A later layout: the same input objects give the remembered text, a changed one its own.
    expect(manifestFileText(settings, inputs)).toBe(expected);
    const changed = [inputs[0]!, { ...inputs[1]!, size: 4 }];
    expect(manifestFileText(settings, changed)).toBe(manifestText(manifestFor(settings, changed)));
    // Inputs out of order are written in path order.
    expect(manifestFileText(settings, [...inputs].reverse())).toBe(expected);
  });

  it('writes an empty file list as {}', () => {
    expect(manifestFileText(settings, [])).toBe(manifestText(manifestFor(settings, [])));
  });
});

describe('the download timeout', () => {
  it("is game.json's networkTimeout.downloadFile, so the runtime gives up when the platform would", () => {
    const timed = settingsFor('/game', { gameJson: { networkTimeout: { downloadFile: 15000 } } });
    const text = manifestFileText(timed, inputs);
    expect(text).toBe(manifestText(manifestFor(timed, inputs)));
    expect(manifestFor(timed, inputs).downloadTimeoutMs).toBe(15000);
    expect(manifestFor(settingsFor('/game', {}), inputs).downloadTimeoutMs).toBeUndefined();
  });
});
