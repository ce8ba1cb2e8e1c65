/* global document */
/**
 * showToast, showLoading and showModal (my: alert and confirm) drawn as overlays above the game,
 * as the platforms draw them above the canvas. A modal takes the touches until it is answered.
 */
const { post } = require('./channel.js');
const { ok, settle } = require('./errors.js');

function createOverlays(platform, stage) {
  let toast = null;
  let toastTimer = null;

  function box(className, css) {
    const el = document.createElement('div');
    el.className = className;
    el.style.cssText = css;
    stage.appendChild(el);
    return el;
  }

  function hideToast() {
    clearTimeout(toastTimer);
    if (toast) toast.remove();
    toast = null;
  }

  function showToast(text, duration, loading) {
    hideToast();
    post({ type: 'overlay', kind: loading ? 'loading' : 'toast', text });
    toast = box(
      loading ? 'sim-loading' : 'sim-toast',
      'position:absolute;left:50%;top:45%;transform:translate(-50%,-50%);max-width:70%;padding:12px 18px;border-radius:8px;' +
        'background:rgba(17,17,17,0.8);color:#fff;font:15px sans-serif;text-align:center;pointer-events:none;z-index:10',
    );
    toast.textContent = loading ? `⏳ ${text}` : text;
    if (!loading) toastTimer = setTimeout(hideToast, duration);
  }

  function showModal(title, content, buttons) {
    post({ type: 'overlay', kind: 'modal', text: `${title} ${content}`.trim() });
    return new Promise((resolve) => {
      const mask = box('sim-modal', 'position:absolute;inset:0;background:rgba(0,0,0,0.6);z-index:20;display:flex;align-items:center;justify-content:center');
      const panel = document.createElement('div');
      panel.style.cssText = 'width:80%;background:#fff;border-radius:12px;font:16px sans-serif;text-align:center;overflow:hidden';
      const head = document.createElement('div');
      head.style.cssText = 'padding:20px 16px 8px;font-weight:bold';
      head.textContent = title;
      const body = document.createElement('div');
      body.style.cssText = 'padding:0 16px 20px;color:#555';
      body.textContent = content;
      const row = document.createElement('div');
      row.style.cssText = 'display:flex;border-top:1px solid #ddd';
      for (const button of buttons) {
        const el = document.createElement('button');
        el.textContent = button.text;
        el.style.cssText = `flex:1;padding:14px;border:0;background:#fff;font:16px sans-serif;color:${button.color}`;
        el.addEventListener('click', () => {
          mask.remove();
          resolve(button.value);
        });
        row.appendChild(el);
      }
      panel.append(head, body, row);
      mask.appendChild(panel);
    });
  }

  /** The sheet of choices rising from the bottom; resolves the chosen index, or -1 for cancel. */
  function showActionSheet(items, color, cancelText) {
    post({ type: 'overlay', kind: 'action-sheet', text: items.join(' | ') });
    return new Promise((resolve) => {
      const mask = box('sim-action-sheet', 'position:absolute;inset:0;background:rgba(0,0,0,0.6);z-index:20;display:flex;flex-direction:column;justify-content:flex-end');
      const choose = (index) => {
        mask.remove();
        resolve(index);
      };
      items.forEach((text, index) => {
        const el = document.createElement('button');
        el.textContent = text;
        el.style.cssText = `padding:16px;border:0;border-bottom:1px solid #eee;background:#fff;font:17px sans-serif;color:${color}`;
        el.addEventListener('click', () => choose(index));
        mask.appendChild(el);
      });
      const cancel = document.createElement('button');
      cancel.textContent = cancelText;
      cancel.style.cssText = 'margin-top:8px;padding:16px;border:0;background:#fff;font:17px sans-serif;color:#000';
      cancel.addEventListener('click', () => choose(-1));
      mask.appendChild(cancel);
    });
  }

  if (platform === 'alipay') {
    return {
      showActionSheet: (o = {}) => {
        showActionSheet((o.items || []).map(String), '#000', o.cancelButtonText || '取消').then((index) => settle(o, false, ok(platform, 'showActionSheet', { index })));
      },
      showToast: (o = {}) => {
        showToast(String(o.content || ''), o.duration || 2000, false);
        settle(o, false, ok(platform, 'showToast'));
      },
      hideToast: (o = {}) => {
        hideToast();
        settle(o, false, ok(platform, 'hideToast'));
      },
      showLoading: (o = {}) => {
        showToast(String(o.content || ''), 0, true);
        settle(o, false, ok(platform, 'showLoading'));
      },
      hideLoading: (o = {}) => {
        hideToast();
        settle(o, false, ok(platform, 'hideLoading'));
      },
      alert: (o = {}) => {
        showModal(String(o.title || ''), String(o.content || ''), [{ text: o.buttonText || '确定', color: '#1677ff', value: true }]).then(() =>
          settle(o, false, ok(platform, 'alert')),
        );
      },
      confirm: (o = {}) => {
        showModal(String(o.title || ''), String(o.content || ''), [
          { text: o.cancelButtonText || '取消', color: '#333', value: false },
          { text: o.confirmButtonText || '确定', color: '#1677ff', value: true },
        ]).then((confirm) => settle(o, false, ok(platform, 'confirm', { confirm })));
      },
    };
  }
  return {
    showToast: (o = {}) => {
      showToast(String(o.title || ''), o.duration || 1500, o.icon === 'loading');
      settle(o, false, ok(platform, 'showToast'));
    },
    hideToast: (o = {}) => {
      hideToast();
      settle(o, false, ok(platform, 'hideToast'));
    },
    showLoading: (o = {}) => {
      showToast(String(o.title || ''), 0, true);
      settle(o, false, ok(platform, 'showLoading'));
    },
    hideLoading: (o = {}) => {
      hideToast();
      settle(o, false, ok(platform, 'hideLoading'));
    },
    showActionSheet: (o = {}) => {
      showActionSheet((o.itemList || []).map(String), o.itemColor || '#000000', '取消').then((tapIndex) =>
        tapIndex < 0 ? settle(o, true, { errMsg: 'showActionSheet:fail cancel' }) : settle(o, false, ok(platform, 'showActionSheet', { tapIndex })),
      );
    },
    showModal: (o = {}) => {
      const buttons = [{ text: o.confirmText || '确定', color: o.confirmColor || '#576B95', value: true }];
      if (o.showCancel !== false) buttons.unshift({ text: o.cancelText || '取消', color: o.cancelColor || '#000', value: false });
      showModal(String(o.title || ''), String(o.content || ''), buttons).then((confirm) =>
        settle(o, false, ok(platform, 'showModal', { confirm, cancel: !confirm })),
      );
    },
  };
}

module.exports = { createOverlays };
