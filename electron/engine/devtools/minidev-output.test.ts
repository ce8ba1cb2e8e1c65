import { describe, expect, it } from 'vitest';
import { minidevFailure, minidevResult, previewQrInLine, schemaQrContent } from './minidev-output.js';

describe("minidev's output", () => {
  it('takes the last JSON line as its result, past its log lines', () => {
    const lines = [
      "[bailingual-sdk-glue] locales in local data 'en-US,zh-CN' is different from cdn data ''",
      '{"success":false,"errorCode":"InValidVersion","message":"不合法的版本号: 1.0，请保证是 a.b.c 的版本号(ErrorCode: alipayClient.InValidVersion)","stack":"Error: …"}',
    ];
    expect(minidevResult(lines)).toMatchObject({ success: false, errorCode: 'InValidVersion', message: expect.stringContaining('a.b.c') });
    expect(minidevFailure(minidevResult(lines))).toBe('bad-argument');
    expect(minidevResult(['{"qrcodeUrl":"https://mdn.alipayobjects.com/q.png","version":"0.0.1"}'])).toMatchObject({ success: true, qrcodeUrl: 'https://mdn.alipayobjects.com/q.png' });
    expect(minidevResult(['no json here', '{broken'])).toBeNull();
  });

  it("reads the preview's text lines, and encodes a schema as minidev does", () => {
    expect(previewQrInLine('二维码图片地址 https://mdn.alipayobjects.com/q.png')).toEqual({ imageUrl: 'https://mdn.alipayobjects.com/q.png' });
    expect(previewQrInLine('Schema Url alipays://platformapi/startapp?appId=2021')).toEqual({ schema: 'alipays://platformapi/startapp?appId=2021' });
    expect(previewQrInLine('预览包版本: 0.0.1')).toBeNull();
    expect(schemaQrContent('https://render.alipay.com/p/s/i?scheme=alipays%3A%2F%2Fx%3Fa%3D1')).toBe('alipays://x?a=1');
    expect(schemaQrContent('alipays://platformapi/startapp?appId=2021')).toBe('alipays://platformapi/startapp?appId=2021');
    expect(schemaQrContent('[DEPRECATION] 小程序 CLI 已不默认提供 schema url')).toBeNull();
  });
});
