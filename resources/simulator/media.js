/* global Image, Audio, HTMLImageElement, FontFace, document */
/**
 * createImage (an HTMLImageElement whose src takes package paths), createInnerAudioContext (over
 * an audio element: the platform's methods and events; it may be silent headless, the events
 * still come) and loadFont.
 */
function createMedia(urls, platform) {
  // The browser's own constructors, taken before the game runs: adapters replace window.Image and
  // window.Audio with functions that call wx.createImage / createInnerAudioContext.
  const NativeImage = Image;
  const NativeAudio = Audio;
  const srcSetter = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src').set;

  function createImage() {
    const image = new NativeImage();
    let given = '';
    // Configurable: the studio's runtime wraps src again to map logical paths to built ones.
    Object.defineProperty(image, 'src', {
      configurable: true,
      enumerable: true,
      get: () => given,
      set: (value) => {
        given = value;
        srcSetter.call(image, urls.urlFor(value));
      },
    });
    return image;
  }

  const EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Error', 'Waiting', 'Seeking', 'Seeked'];

  function createInnerAudioContext() {
    const element = new NativeAudio();
    element.preload = 'auto';
    const listeners = {};
    const emit = (name, res) => (listeners[name] || []).slice().forEach((l) => l(res));
    let src = '';
    let autoplay = false;
    const forward = { canplay: 'Canplay', play: 'Play', pause: 'Pause', ended: 'Ended', timeupdate: 'TimeUpdate', waiting: 'Waiting', seeking: 'Seeking', seeked: 'Seeked' };
    let stopping = false;
    for (const [dom, name] of Object.entries(forward)) {
      element.addEventListener(dom, () => {
        if (dom === 'pause' && stopping) return;
        emit(name, {});
      });
    }
    element.addEventListener('error', () => {
      const res = platform === 'alipay' ? { error: 10002, errorMessage: 'audio source could not be loaded' } : { errMsg: 'audio source could not be loaded', errCode: 10004 };
      emit('Error', res);
    });
    const context = {
      get src() {
        return src;
      },
      set src(value) {
        src = value;
        element.src = urls.urlFor(value);
        if (autoplay) context.play();
      },
      get autoplay() {
        return autoplay;
      },
      set autoplay(value) {
        autoplay = Boolean(value);
      },
      get loop() {
        return element.loop;
      },
      set loop(value) {
        element.loop = Boolean(value);
      },
      get volume() {
        return element.volume;
      },
      set volume(value) {
        element.volume = Math.max(0, Math.min(1, Number(value)));
      },
      get startTime() {
        return 0;
      },
      set startTime(_value) {},
      obeyMuteSwitch: true,
      get playbackRate() {
        return element.playbackRate;
      },
      set playbackRate(value) {
        element.playbackRate = value;
      },
      get duration() {
        return Number.isFinite(element.duration) ? element.duration : 0;
      },
      get currentTime() {
        return element.currentTime;
      },
      get paused() {
        return element.paused;
      },
      get buffered() {
        return element.buffered.length ? element.buffered.end(element.buffered.length - 1) : 0;
      },
      play() {
        // Headless or before a user gesture, the browser may refuse to start sound: the game still
        // gets its play event, as a muted phone would give it.
        const started = element.play();
        if (started && typeof started.catch === 'function') started.catch(() => emit('Play', {}));
      },
      pause() {
        element.pause();
      },
      stop() {
        stopping = true;
        element.pause();
        try {
          element.currentTime = 0;
        } catch {
          // Not seekable yet: nothing to rewind.
        }
        stopping = false;
        emit('Stop', {});
      },
      seek(seconds) {
        try {
          element.currentTime = seconds;
        } catch {
          // Not seekable yet.
        }
      },
      destroy() {
        element.pause();
        element.removeAttribute('src');
        for (const key of Object.keys(listeners)) delete listeners[key];
      },
    };
    for (const name of EVENTS) {
      context[`on${name}`] = (listener) => {
        if (typeof listener === 'function') (listeners[name] = listeners[name] || []).push(listener);
      };
      context[`off${name}`] = (listener) => {
        listeners[name] = listener === undefined ? [] : (listeners[name] || []).filter((l) => l !== listener);
      };
    }
    return context;
  }

  let fonts = 0;
  /** Loads a font file from the package; returns its family name (null when it fails), as wx.loadFont does. */
  function loadFont(path) {
    const family = `simulated-font-${++fonts}`;
    const face = new FontFace(family, `url(${urls.urlFor(path)})`);
    document.fonts.add(face);
    face.load().catch(() => {});
    return family;
  }

  return { createImage, createInnerAudioContext, loadFont };
}

module.exports = { createMedia };
