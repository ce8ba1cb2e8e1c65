import { describe, expect, it } from 'vitest';
import { arrayJson, jsonWith } from './record-json.js';

describe('record JSON', () => {
  it('gives the text JSON.stringify gives, with the made fields last', () => {
    const files = ['game.js', 'assets/图 1.png', 'a\\b"c.txt'];
    const record = { writer: 'minigame-studio', version: 1, out: null, report: 'x:1' };
    expect(jsonWith(record, { files: arrayJson(files), resFiles: undefined }, '\n').toString('utf8')).toBe(`${JSON.stringify({ ...record, files })}\n`);
    expect(jsonWith(record, { files: arrayJson(files), rows: arrayJson([[1, 'a']]) }).toString('utf8')).toBe(JSON.stringify({ ...record, files, rows: [[1, 'a']] }));
    expect(JSON.parse(jsonWith({}, { files: arrayJson(files) }).toString('utf8'))).toEqual({ files });
    expect(jsonWith({}, {}).toString('utf8')).toBe('{}');
  });

});
