/* global TextEncoder, TextDecoder, atob, btoa */
/** Text ⇄ bytes for the encodings the file APIs take (utf8 by default for strings). */
function toBytes(data, encoding) {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const text = String(data);
  const enc = String(encoding || 'utf8').toLowerCase();
  if (enc === 'base64') return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (enc === 'hex') return Uint8Array.from(text.match(/../g) || [], (h) => parseInt(h, 16));
  if (enc === 'binary' || enc === 'latin1' || enc === 'ascii') return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  return new TextEncoder().encode(text);
}

function fromBytes(bytes, encoding) {
  if (!encoding) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const enc = String(encoding).toLowerCase();
  if (enc === 'base64') {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  }
  if (enc === 'hex') return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  if (enc === 'binary' || enc === 'latin1' || enc === 'ascii') return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  return new TextDecoder().decode(bytes);
}

module.exports = { toBytes, fromBytes };
