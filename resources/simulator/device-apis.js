/**
 * Small device APIs games call at start: network type (from the network profile), the menu
 * button's rectangle (where WeChat draws its capsule), battery, vibration, keep-screen-on, audio
 * interruptions (never happen here), and the legacy top-level saveFile / getSavedFileList.
 */
const { ok, settle } = require('./errors.js');

function createDeviceApis(config, fsManager) {
  const platform = config.platform;
  const d = config.device;
  const networkType = config.network.offline ? 'none' : config.network.name === 'wifi' ? 'wifi' : config.network.name;
  const noListeners = () => () => {};
  const answer = (api, extra) => (o) => settle(o, false, ok(platform, api, extra));
  const apis = {
    getNetworkType: (o) => settle(o, false, ok(platform, 'getNetworkType', platform === 'alipay' ? { networkType: networkType === 'none' ? 'NOTREACHABLE' : networkType.toUpperCase(), networkAvailable: networkType !== 'none' } : { networkType })),
    onNetworkStatusChange: noListeners(),
    offNetworkStatusChange: noListeners(),
    getBatteryInfoSync: () => ({ level: 100, isCharging: false }),
    getBatteryInfo: answer('getBatteryInfo', { level: 100, isCharging: false }),
    vibrateShort: answer('vibrateShort'),
    vibrateLong: answer('vibrateLong'),
    setKeepScreenOn: answer('setKeepScreenOn'),
    onAudioInterruptionBegin: noListeners(),
    offAudioInterruptionBegin: noListeners(),
    onAudioInterruptionEnd: noListeners(),
    offAudioInterruptionEnd: noListeners(),
  };
  if (platform === 'wechat') {
    // The capsule sits 4 px below the status bar, 7 px from the right edge, 87 × 32.
    const top = d.safeTop + 4;
    apis.getMenuButtonBoundingClientRect = () => ({ width: 87, height: 32, top, bottom: top + 32, left: d.width - 7 - 87, right: d.width - 7 });
    apis.saveFile = fsManager.saveFile;
    apis.getSavedFileList = fsManager.getSavedFileList;
    apis.removeSavedFile = fsManager.removeSavedFile;
  }
  return apis;
}

module.exports = { createDeviceApis };
