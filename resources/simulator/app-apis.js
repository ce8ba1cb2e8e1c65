/* global window */
/**
 * Small APIs games call around their start, answered as on a freshly installed game in the
 * developer tool: account info (the build's AppID, envVersion 'develop'), an update manager that
 * finds no update, the system and authorisation settings, an in-page clipboard (never the
 * machine's), nextTick, exitMiniProgram (the game stops), reporting and log managers (their lines
 * in the console), and listeners for events that never happen here (memory warnings, window
 * resizes, orientation changes). Unhandled promise rejections reach onUnhandledRejection.
 */
const { post } = require('./channel.js');
const { ok, settle } = require('./errors.js');

function createAppApis(config, lifecycle, overlays, hasApi) {
  const platform = config.platform;
  const name = platform === 'alipay' ? 'my' : 'wx';
  const say = (text) => post({ type: 'console', level: 'simulator', text: `${name}.${text}` });
  const never = () => () => {};
  let clipboard = '';
  const rejections = [];
  window.addEventListener('unhandledrejection', (event) => rejections.slice().forEach((l) => l({ reason: event.reason, promise: event.promise })));

  // wx: setClipboardData({ data }), which shows the toast "内容已复制"; my: setClipboard({ text }).
  const clipboardApis =
    platform === 'alipay'
      ? {
          setClipboard: (o) => {
            clipboard = String((o || {}).text || '');
            settle(o, false, ok(platform, 'setClipboard'));
          },
          getClipboard: (o) => settle(o, false, ok(platform, 'getClipboard', { text: clipboard })),
        }
      : {
          setClipboardData: (o) => {
            clipboard = String((o || {}).data || '');
            overlays.showToast({ title: '内容已复制', icon: 'none', duration: 1500 });
            settle(o, false, ok(platform, 'setClipboardData'));
          },
          getClipboardData: (o) => settle(o, false, ok(platform, 'getClipboardData', { data: clipboard })),
        };
  const common = {
    ...clipboardApis,
    onMemoryWarning: never(),
    offMemoryWarning: never(),
    onUnhandledRejection: (l) => typeof l === 'function' && rejections.push(l),
    offUnhandledRejection: (l) => rejections.splice(0, rejections.length, ...rejections.filter((x) => l !== undefined && x !== l)),
    getUpdateManager: () => ({
      applyUpdate: () => say('getUpdateManager().applyUpdate: no update to apply'),
      onCheckForUpdate: (l) => typeof l === 'function' && setTimeout(() => l({ hasUpdate: false }), 0),
      onUpdateReady: () => {},
      onUpdateFailed: () => {},
    }),
    // Schemas such as 'getUpdateManager' or 'createWorker.options': what this simulator has.
    canIUse: (schema) => hasApi(String(schema || '').split('.')[0]),
    exitMiniProgram: (o) => {
      say('exitMiniProgram: the game closed');
      lifecycle.hide();
      settle(o, false, ok(platform, 'exitMiniProgram'));
    },
  };
  if (platform === 'alipay') return common;

  const orientation = config.device.width > config.device.height ? 'landscape' : 'portrait';
  const logManager = (kind) => {
    const line = (level) => (...args) => post({ type: 'console', level, text: `[${kind}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}` });
    return { debug: line('debug'), info: line('info'), log: line('log'), warn: line('warn'), error: line('error'), setFilterMsg: () => {}, addFilterMsg: () => {}, in: () => {}, tag: () => logManager(kind) };
  };
  const apis = Object.assign(common, {
    getAccountInfoSync: () => ({ miniProgram: { appId: config.appid || '', envVersion: 'develop', version: '' }, plugin: {} }),
    getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: config.network.name === 'wifi', deviceOrientation: orientation }),
    getAppAuthorizeSetting: () => ({
      albumAuthorized: 'authorized',
      bluetoothAuthorized: 'authorized',
      cameraAuthorized: 'authorized',
      locationAuthorized: 'authorized',
      locationReducedAccuracy: false,
      microphoneAuthorized: 'authorized',
      notificationAuthorized: 'authorized',
      phoneCalendarAuthorized: 'authorized',
    }),
    // A fresh install: the user has granted nothing yet.
    getSetting: (o) => settle(o, false, ok(platform, 'getSetting', { authSetting: {} })),
    openSetting: (o) => settle(o, false, ok(platform, 'openSetting', { authSetting: {} })),
    getDeviceBenchmarkInfo: (o) => settle(o, false, ok(platform, 'getDeviceBenchmarkInfo', { benchmarkLevel: -1, modelLevel: 0 })),
    nextTick: (fn) => typeof fn === 'function' && Promise.resolve().then(fn),
    reportEvent: (eventId, data) => say(`reportEvent ${JSON.stringify(eventId)} ${JSON.stringify(data === undefined ? {} : data)}`),
    reportMonitor: (monitorName, value) => say(`reportMonitor ${JSON.stringify(monitorName)} ${JSON.stringify(value)}`),
    reportAnalytics: (eventName, data) => say(`reportAnalytics ${JSON.stringify(eventName)} ${JSON.stringify(data === undefined ? {} : data)}`),
    getLogManager: () => logManager('log manager'),
    getRealtimeLogManager: () => logManager('realtime log'),
    setEnableDebug: (o) => settle(o, false, ok(platform, 'setEnableDebug')),
    setInnerAudioOption: (o) => settle(o, false, ok(platform, 'setInnerAudioOption')),
    getScreenBrightness: (o) => settle(o, false, ok(platform, 'getScreenBrightness', { value: 0.5 })),
    setScreenBrightness: (o) => settle(o, false, ok(platform, 'setScreenBrightness')),
    getExtConfigSync: () => ({}),
    getExtConfig: (o) => settle(o, false, ok(platform, 'getExtConfig', { extConfig: {} })),
    // Privacy: the simulator's user has agreed to the game's privacy guide.
    getPrivacySetting: (o) => settle(o, false, ok(platform, 'getPrivacySetting', { needAuthorization: false, privacyContractName: '' })),
    requirePrivacyAuthorize: (o) => settle(o, false, ok(platform, 'requirePrivacyAuthorize')),
    onNeedPrivacyAuthorization: never(),
    getScreenRecordingState: (o) => settle(o, false, ok(platform, 'getScreenRecordingState', { state: 'off' })),
    reportPerformance: (id, value, dimensions) => say(`reportPerformance ${JSON.stringify(id)} ${JSON.stringify(value)}${dimensions === undefined ? '' : ` ${JSON.stringify(dimensions)}`}`),
    reportScene: (o) => {
      say(`reportScene ${JSON.stringify({ sceneId: (o || {}).sceneId, costTime: (o || {}).costTime, dimension: (o || {}).dimension, metric: (o || {}).metric })}`);
      settle(o, false, ok(platform, 'reportScene'));
    },
    setMenuStyle: (o) => settle(o, false, ok(platform, 'setMenuStyle')),
    setStatusBarStyle: (o) => settle(o, false, ok(platform, 'setStatusBarStyle')),
    // Sensors: there are none here; start/stop succeed and the listeners are never called.
    ...sensors(['Accelerometer', 'Gyroscope', 'Compass', 'DeviceMotion']),
  });
  for (const event of ['WindowResize', 'DeviceOrientationChange', 'ShareTimeline', 'AddToFavorites', 'CopyUrl', 'ShareMessageToFriend', 'NetworkWeakChange', 'ScreenRecordingStateChanged', 'UserCaptureScreen', 'WindowStateChange']) {
    apis[`on${event}`] = never();
    apis[`off${event}`] = never();
  }
  return apis;

  function sensors(names) {
    const out = {};
    for (const sensor of names) {
      const start = sensor === 'DeviceMotion' ? 'startDeviceMotionListening' : `start${sensor}`;
      const stop = sensor === 'DeviceMotion' ? 'stopDeviceMotionListening' : `stop${sensor}`;
      out[start] = (o) => settle(o, false, ok(platform, start));
      out[stop] = (o) => settle(o, false, ok(platform, stop));
      out[`on${sensor}Change`] = never();
      out[`off${sensor}Change`] = never();
    }
    return out;
  }
}

module.exports = { createAppApis };
