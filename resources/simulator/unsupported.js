/**
 * The platform object (`wx` or `my`) as a Proxy: an API the simulator lacks is reported once by
 * name ("wx.createGameClubButton is not simulated") and answers with a function that does nothing
 * (calling fail/complete with the platform's "not supported" result), so the game never crashes
 * on it. Plain properties that are not functions (e.g. `wx.env`) are simulated where they exist.
 */
const { post } = require('./channel.js');
const { apiError, settle } = require('./errors.js');

function withUnsupported(name, platform, api) {
  const reported = new Set();
  const stubs = new Map();

  function stub(key) {
    if (!stubs.has(key)) {
      stubs.set(key, (options) => {
        if (options && typeof options === 'object') settle(options, true, apiError(platform, key, 'not supported in the simulator', platform === 'alipay' ? 2 : undefined));
        return undefined;
      });
    }
    return stubs.get(key);
  }

  return new Proxy(api, {
    get(target, key, receiver) {
      if (typeof key !== 'string' || key in target) return Reflect.get(target, key, receiver);
      // Promise checks (then) and common feature probes of engines are not API calls.
      if (key === 'then' || key === 'toJSON' || key.startsWith('__')) return undefined;
      if (!reported.has(key)) {
        reported.add(key);
        post({ type: 'unsupported', api: `${name}.${key}` });
        console.warn(`${name}.${key} is not simulated`);
      }
      return stub(key);
    },
  });
}

module.exports = { withUnsupported };
