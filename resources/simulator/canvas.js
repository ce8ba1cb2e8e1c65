/* global document */
/**
 * createCanvas: the first canvas is the screen (shown at the device's size in CSS pixels; its
 * drawing buffer starts at windowWidth × windowHeight, as on the device, until the game sizes it),
 * later ones are off-screen. WebGL on the screen keeps its drawing buffer so the simulator can
 * look at the frame the game drew (the screenshot and the blank-frame check need it).
 */
function createCanvases(config, stage) {
  let screen = null;

  function keepBuffer(canvas) {
    const getContext = canvas.getContext.bind(canvas);
    canvas.getContext = (type, attributes) => {
      if (type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl') {
        return getContext(type, Object.assign({}, attributes, { preserveDrawingBuffer: true }));
      }
      return getContext(type, attributes);
    };
  }

  function createCanvas() {
    const canvas = document.createElement('canvas');
    canvas.width = config.device.width;
    canvas.height = config.device.height;
    if (screen === null) {
      screen = canvas;
      canvas.id = 'screen';
      keepBuffer(canvas);
      stage.appendChild(canvas);
    }
    return canvas;
  }

  return { createCanvas, screen: () => screen };
}

module.exports = { createCanvases };
