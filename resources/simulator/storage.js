/**
 * Key-value storage (getStorageSync and the rest): 10 MB per game, counted as the JSON of keys and
 * values, as the platforms count it. wx takes (key, data); my takes ({ key, data }) and answers
 * { data }. In memory for the session, like a fresh install.
 */
const { apiError, ok, settle, thrown } = require('./errors.js');

const LIMIT_BYTES = 10 * 1024 * 1024;

function createStorage(platform) {
  const values = new Map();
  const sizeOf = (key, value) => key.length + JSON.stringify(value === undefined ? null : value).length;
  const used = () => [...values].reduce((n, [k, v]) => n + sizeOf(k, v), 0);

  function set(api, key, data) {
    const k = String(key);
    if (k === '') return apiError(platform, api, 'parameter error: parameter.key should be String instead of Undefined;');
    const copy = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
    const after = used() - (values.has(k) ? sizeOf(k, values.get(k)) : 0) + sizeOf(k, copy);
    if (after > LIMIT_BYTES) return apiError(platform, api, 'exceed storage max size 10Mb', platform === 'alipay' ? 14 : undefined);
    values.set(k, copy);
    return null;
  }

  const info = () => ({ keys: [...values.keys()], currentSize: Math.ceil(used() / 1024), limitSize: LIMIT_BYTES / 1024 });
  const read = (key) => (values.has(String(key)) ? JSON.parse(JSON.stringify(values.get(String(key)))) : undefined);

  if (platform === 'alipay') {
    return {
      setStorageSync: (o) => {
        const failed = set('setStorageSync', (o || {}).key, (o || {}).data);
        return failed || { success: true };
      },
      getStorageSync: (o) => ({ success: true, data: read((o || {}).key) === undefined ? null : read(o.key) }),
      removeStorageSync: (o) => {
        values.delete(String((o || {}).key));
        return { success: true };
      },
      clearStorageSync: () => values.clear(),
      getStorageInfoSync: info,
      setStorage: (o) => {
        const failed = set('setStorage', (o || {}).key, (o || {}).data);
        settle(o, Boolean(failed), failed || ok(platform, 'setStorage'));
      },
      getStorage: (o) => settle(o, false, ok(platform, 'getStorage', { data: read((o || {}).key) === undefined ? null : read(o.key) })),
      removeStorage: (o) => {
        values.delete(String((o || {}).key));
        settle(o, false, ok(platform, 'removeStorage'));
      },
      clearStorage: (o) => {
        values.clear();
        settle(o, false, ok(platform, 'clearStorage'));
      },
      getStorageInfo: (o) => settle(o, false, ok(platform, 'getStorageInfo', info())),
    };
  }
  return {
    setStorageSync: (key, data) => {
      const failed = set('setStorageSync', key, data);
      if (failed) throw thrown(failed);
    },
    getStorageSync: (key) => (read(key) === undefined ? '' : read(key)),
    removeStorageSync: (key) => values.delete(String(key)),
    clearStorageSync: () => values.clear(),
    getStorageInfoSync: info,
    setStorage: (o) => {
      const failed = set('setStorage', (o || {}).key, (o || {}).data);
      settle(o, Boolean(failed), failed || ok(platform, 'setStorage'));
    },
    getStorage: (o) => {
      const value = read((o || {}).key);
      settle(o, value === undefined, value === undefined ? apiError(platform, 'getStorage', 'data not found') : ok(platform, 'getStorage', { data: value }));
    },
    removeStorage: (o) => {
      values.delete(String((o || {}).key));
      settle(o, false, ok(platform, 'removeStorage'));
    },
    clearStorage: (o) => {
      values.clear();
      settle(o, false, ok(platform, 'clearStorage'));
    },
    getStorageInfo: (o) => settle(o, false, ok(platform, 'getStorageInfo', info())),
    // [{ key, value }] in, the values of the keys out ('' for a key that is absent).
    batchSetStorageSync: (kvList) => {
      for (const { key, value } of kvList || []) {
        const failed = set('batchSetStorageSync', key, value);
        if (failed) throw thrown(failed);
      }
    },
    batchGetStorageSync: (keyList) => (keyList || []).map((key) => (read(key) === undefined ? '' : read(key))),
    batchSetStorage: (o) => {
      let failed = null;
      for (const { key, value } of (o || {}).kvList || []) failed = failed || set('batchSetStorage', key, value);
      settle(o, Boolean(failed), failed || ok(platform, 'batchSetStorage'));
    },
    batchGetStorage: (o) => settle(o, false, ok(platform, 'batchGetStorage', { dataList: ((o || {}).keyList || []).map((key) => (read(key) === undefined ? '' : read(key))) })),
  };
}

module.exports = { createStorage, LIMIT_BYTES };
