/**
 * The chosen device as getSystemInfoSync, getWindowInfo, getDeviceInfo and getAppBaseInfo describe
 * it. `platform` is 'devtools', as in WeChat DevTools, so that engine adapters take their
 * DevTools path (they use the browser's window and document there instead of defining their own).
 */
function createSystemInfo(config) {
  const d = config.device;
  const width = d.width;
  const height = d.height;
  const safeArea = { left: 0, right: width, top: d.safeTop, bottom: height - d.safeBottom, width, height: height - d.safeTop - d.safeBottom };
  const windowInfo = {
    pixelRatio: d.pixelRatio,
    screenWidth: width,
    screenHeight: height,
    windowWidth: width,
    windowHeight: height,
    statusBarHeight: d.safeTop,
    safeArea,
    screenTop: 0,
  };
  const deviceInfo = {
    abi: 'devtools',
    benchmarkLevel: 1,
    brand: 'devtools',
    model: d.model,
    platform: 'devtools',
    system: d.system,
    memorySize: 4096,
  };
  const appBaseInfo = {
    SDKVersion: config.platform === 'alipay' ? '2.9.0' : '3.8.0',
    enableDebug: false,
    host: { env: config.platform === 'alipay' ? 'alipay' : 'WeChat' },
    language: 'zh_CN',
    version: config.platform === 'alipay' ? '10.5.0' : '8.0.50',
    theme: 'light',
  };
  const systemInfo = Object.assign({}, windowInfo, deviceInfo, appBaseInfo, {
    deviceOrientation: width > height ? 'landscape' : 'portrait',
    fontSizeSetting: 16,
    batteryLevel: 100,
  });
  if (config.platform === 'alipay') Object.assign(systemInfo, { app: 'alipay', storage: '64 GB', currentBattery: '100%' });
  const copy = (value) => () => JSON.parse(JSON.stringify(value));
  return {
    getSystemInfoSync: copy(systemInfo),
    getWindowInfo: copy(windowInfo),
    getDeviceInfo: copy(deviceInfo),
    getAppBaseInfo: copy(appBaseInfo),
    systemInfo: copy(systemInfo),
  };
}

module.exports = { createSystemInfo };
