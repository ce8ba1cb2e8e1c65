/**
 * Failure results as each platform shapes them: wx fails with { errMsg: 'api:fail …', errCode },
 * my with { error, errorMessage }. Sync APIs throw an Error carrying the same fields.
 */
const WX_FS = {
  missing: [1300002, 'no such file or directory'],
  full: [1300202, 'the maximum size of the file storage limit is exceeded'],
  denied: [1300013, 'permission denied'],
  notEmpty: [1300066, 'directory not empty'],
  isDirectory: [1300021, 'Is a directory'],
  notDirectory: [1300020, 'not a directory'],
  exists: [1300001, 'file already exists'],
  invalid: [1300022, 'Invalid argument'],
};

// Alipay documents 10022 and 10028; for the other cases the simulator answers with the generic
// code 3 ("unknown error") and says what went wrong in errorMessage.
const MY_FS = {
  missing: [10022, 'file or directory does not exist'],
  full: [10028, 'exceeds the maximum storage size'],
  denied: [3, 'permission denied'],
  notEmpty: [3, 'directory not empty'],
  isDirectory: [3, 'is a directory'],
  notDirectory: [3, 'not a directory'],
  exists: [3, 'file already exists'],
  invalid: [2, 'invalid parameter'],
};

function fsError(platform, api, kind, path) {
  const [code, text] = (platform === 'alipay' ? MY_FS : WX_FS)[kind];
  if (platform === 'alipay') return { error: code, errorMessage: `${text}: ${path}` };
  return { errMsg: `${api}:fail ${text}, ${path}`, errCode: code };
}

/** A plain failure (not a file error): wx { errMsg }, my { error, errorMessage }. */
function apiError(platform, api, text, code) {
  if (platform === 'alipay') return { error: code === undefined ? 3 : code, errorMessage: text };
  const res = { errMsg: `${api}:fail ${text}` };
  if (code !== undefined) res.errCode = code;
  return res;
}

function ok(platform, api, extra) {
  return Object.assign(platform === 'alipay' ? { success: true } : { errMsg: `${api}:ok` }, extra);
}

function thrown(res) {
  return Object.assign(new Error(res.errMsg || res.errorMessage), res);
}

/** Calls success/fail then complete, on a later task as the platforms do. */
function settle(options, failed, res) {
  const o = options || {};
  setTimeout(() => {
    if (failed) {
      if (typeof o.fail === 'function') o.fail(res);
    } else if (typeof o.success === 'function') o.success(res);
    if (typeof o.complete === 'function') o.complete(res);
  }, 0);
}

module.exports = { fsError, apiError, ok, thrown, settle };
