/**
 * The APIs that need the platform's servers: login, user info, payment, share, ads and the cloud.
 * Each answers from the run's fakes when they name it (simulate --fakes, simulator.fakes), and
 * otherwise the way the platform answers with no server to reach: the call fails (ads with
 * errCode 1000, "后端接口调用失败"; Midas payment with errCode -1, "系统失败"; Alipay's tradePay
 * with resultCode 6002, "网络连接出错"). Every answer is said in the console as `[simulator] …`,
 * and nothing here throws into the game.
 */
const { post } = require('./channel.js');
const { apiError, ok, settle } = require('./errors.js');

const NO_SERVER = 'no server to reach in the simulator (give a fake: simulator.fakes)';

function createServices(config, touch) {
  const platform = config.platform;
  const name = platform === 'alipay' ? 'my' : 'wx';
  const fakes = (config.launch && config.launch.fakes) || {};

  function say(api, text) {
    post({ type: 'console', level: 'simulator', text: `${name}.${api}: ${text}` });
  }

  /** The fake's answer ({ failed, res }) or null. */
  function fromFake(api, fake) {
    if (!fake) return null;
    if (fake.fail) {
      const base = platform === 'alipay' ? { error: 3, errorMessage: `${api} failed` } : { errMsg: `${api}:fail` };
      return { failed: true, res: Object.assign(base, fake.fail) };
    }
    return { failed: false, res: ok(platform, api, JSON.parse(JSON.stringify(fake.success || {}))) };
  }

  /** An API with success/fail callbacks: the fake, else `offline()` ({ failed, res }). */
  function answer(api, offline) {
    return (options) => {
      const faked = fromFake(api, fakes[api]);
      const { failed, res } = faked || offline(options || {});
      say(api, `${faked ? 'from the fakes' : 'no server'}: ${failed ? 'fail' : 'success'} ${JSON.stringify(res)}`);
      settle(options, failed, res);
    };
  }

  const fail = (api, text, code) => () => ({ failed: true, res: apiError(platform, api, text || NO_SERVER, code) });

  /** An ad object whose load fails with errCode 1000 unless a fake says it loads. */
  function ad(kind, api, options) {
    const fake = fakes[kind];
    const error = fake ? fake.error : { errCode: 1000, errMsg: '后端接口调用失败' };
    const listeners = { load: [], error: [], close: [], resize: [] };
    const emit = (event, res) => listeners[event].slice().forEach((l) => l(res));
    const errorRes = error && { errMsg: error.errMsg || `${api}:fail`, errCode: error.errCode };
    const later = (fn) => setTimeout(fn, 0);
    const load = () =>
      new Promise((resolve, reject) => {
        later(() => {
          if (errorRes) {
            say(api, `${fake ? 'from the fakes' : 'no server'}: onError ${JSON.stringify(errorRes)}`);
            emit('error', errorRes);
            reject(errorRes);
          } else {
            say(api, 'from the fakes: loaded');
            emit('load', {});
            resolve({});
          }
        });
      });
    const off = (event) => (l) => {
      listeners[event] = l === undefined ? [] : listeners[event].filter((x) => x !== l);
    };
    const on = (event) => (l) => typeof l === 'function' && listeners[event].push(l);
    const object = {
      adUnitId: String((options || {}).adUnitId || ''),
      load,
      // An ad that did not load cannot show: show() rejects with the load's error.
      show: () => {
        if (errorRes) return Promise.reject(errorRes);
        if (kind !== 'bannerAd') {
          const res = kind === 'rewardedVideoAd' ? { isEnded: fake.isEnded !== false } : {};
          later(() => {
            say(api, `from the fakes: closed ${JSON.stringify(res)}`);
            emit('close', res);
          });
        }
        return Promise.resolve({});
      },
      destroy: () => {
        for (const key of Object.keys(listeners)) listeners[key] = [];
      },
      onLoad: on('load'),
      offLoad: off('load'),
      onError: on('error'),
      offError: off('error'),
    };
    if (kind === 'bannerAd') Object.assign(object, { hide: () => {}, style: Object.assign({ left: 0, top: 0, width: 300, height: 104, realWidth: 300, realHeight: 104 }, (options || {}).style), onResize: on('resize'), offResize: off('resize') });
    else Object.assign(object, { onClose: on('close'), offClose: off('close') });
    // As on the platform, a rewarded or interstitial ad starts loading once it is made; a banner too.
    load().catch(() => undefined);
    return object;
  }

  /** The user-info button games draw over their start screen: a tap inside it answers as getUserInfo. */
  function createUserInfoButton(options) {
    const o = options || {};
    const style = Object.assign({ left: 0, top: 0, width: 0, height: 0 }, o.style);
    const taps = [];
    let shown = true;
    const getUserInfo = (cb) => {
      const faked = fromFake('getUserInfo', fakes.getUserInfo);
      const res = faked ? faked.res : { errMsg: 'getUserInfo:fail auth deny' };
      say('createUserInfoButton', `${faked ? 'from the fakes' : 'no server'}: onTap ${JSON.stringify(res)}`);
      cb(res);
    };
    touch.onTouchEnd((event) => {
      const t = event.changedTouches[0];
      if (!shown || !t || taps.length === 0) return;
      if (t.clientX >= style.left && t.clientX <= style.left + style.width && t.clientY >= style.top && t.clientY <= style.top + style.height) getUserInfo((res) => taps.slice().forEach((l) => l(res)));
    });
    return {
      type: o.type || 'text',
      text: o.text || '',
      image: o.image || '',
      style,
      show: () => {
        shown = true;
      },
      hide: () => {
        shown = false;
      },
      destroy: () => {
        shown = false;
        taps.length = 0;
      },
      onTap: (l) => typeof l === 'function' && taps.push(l),
      offTap: (l) => taps.splice(0, taps.length, ...taps.filter((x) => l !== undefined && x !== l)),
    };
  }

  if (platform === 'alipay') {
    return {
      getAuthCode: answer('getAuthCode', fail('getAuthCode', NO_SERVER, 12)),
      getOpenUserInfo: answer('getOpenUserInfo', fail('getOpenUserInfo', NO_SERVER, 12)),
      // tradePay answers success with a resultCode; 6002 is "网络连接出错".
      tradePay: answer('tradePay', () => ({ failed: false, res: { resultCode: '6002', memo: NO_SERVER } })),
    };
  }

  let initialised = false;
  const cloud = {
    init: (o) => {
      initialised = true;
      say('cloud.init', `env ${JSON.stringify((o && o.env) || 'default')}`);
    },
    callFunction: (options) => {
      const o = options || {};
      const fn = String(o.name || '');
      const faked = fromFake('cloud.callFunction', ((fakes.cloud || {}).callFunction || {})[fn]);
      let result = faked;
      if (faked && !faked.failed) result = { failed: false, res: Object.assign(faked.res, { requestID: `simulated-${fn}` }) };
      if (!result) {
        const text = initialised ? NO_SERVER : 'Cloud API isn\'t enabled, please call wx.cloud.init first';
        result = { failed: true, res: { errCode: -1, errMsg: `cloud.callFunction:fail ${text}` } };
      }
      say(`cloud.callFunction(${fn})`, `${faked ? 'from the fakes' : 'no server'}: ${result.failed ? 'fail' : 'success'} ${JSON.stringify(result.res)}`);
      if (o.success || o.fail || o.complete) {
        settle(o, result.failed, result.res);
        return undefined;
      }
      return new Promise((resolve, reject) => setTimeout(() => (result.failed ? reject(result.res) : resolve(result.res)), 0));
    },
  };

  return {
    login: answer('login', fail('login')),
    getUserInfo: answer('getUserInfo', fail('getUserInfo', 'scope unauthorized')),
    requestMidasPayment: answer('requestMidasPayment', () => ({ failed: true, res: { errMsg: 'requestMidasPayment:fail 系统失败', errCode: -1 } })),
    shareAppMessage: (o) => {
      const fake = fakes.shareAppMessage;
      say('shareAppMessage', `the share panel would open${fake ? ' (from the fakes)' : ''}: ${JSON.stringify(o || {})}`);
    },
    // The menu's share (which would ask this handler) is never pressed in the simulator.
    onShareAppMessage: (handler) => say('onShareAppMessage', typeof handler === 'function' ? 'handler set (the share menu is never pressed here)' : 'no handler'),
    offShareAppMessage: () => {},
    showShareMenu: answer('showShareMenu', () => ({ failed: false, res: ok(platform, 'showShareMenu') })),
    hideShareMenu: answer('hideShareMenu', () => ({ failed: false, res: ok(platform, 'hideShareMenu') })),
    updateShareMenu: answer('updateShareMenu', () => ({ failed: false, res: ok(platform, 'updateShareMenu') })),
    createRewardedVideoAd: (o) => ad('rewardedVideoAd', 'createRewardedVideoAd', o),
    createBannerAd: (o) => ad('bannerAd', 'createBannerAd', o),
    createInterstitialAd: (o) => ad('interstitialAd', 'createInterstitialAd', o),
    createUserInfoButton,
    cloud,
  };
}

module.exports = { createServices };
