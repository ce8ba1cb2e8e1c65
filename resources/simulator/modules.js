/* global window */
/**
 * CommonJS as the mini game platforms run it: every .js file is a module with require,
 * module.exports and exports. require takes a path relative to the requiring file or to the
 * package root ('/js/main.js', 'js/main'), with or without '.js', or a folder with index.js.
 * Files written with ES module syntax arrive already compiled to CommonJS (the server runs esbuild).
 */
const { post } = require('./channel.js');

function createModules(files) {
  const cache = Object.create(null);

  function dirOf(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
  }

  function candidates(base) {
    if (base === null) return [];
    return base.endsWith('.js') ? [base, `${base}/index.js`] : [`${base}.js`, base, `${base}/index.js`];
  }

  function resolve(request, fromDir) {
    const text = String(request);
    const rooted = text.startsWith('/');
    const relative = /^\.\.?(\/|$)/.test(text);
    const tries = candidates(files.normalise(rooted ? text : `${fromDir}/${text}`));
    // A bare name ('js/main') that is not beside the requiring file is looked up from the root.
    if (!rooted && !relative && fromDir !== '') tries.push(...candidates(files.normalise(text)));
    return tries.find((path) => files.isScript(path)) || null;
  }

  function notDefined(request, fromPath) {
    const error = new Error(`module "${request}" is not defined, require args is '${request}' (from ${fromPath || 'the entry'})`);
    return error;
  }

  function load(path) {
    if (cache[path]) return cache[path].exports;
    const source = files.readSync(path, true);
    if (source === null) throw notDefined(path, '');
    const module = { id: path, exports: {}, loaded: false };
    cache[path] = module;
    const localRequire = (request) => requireFrom(request, dirOf(path), path);
    // One line of wrapper before the source, so stack lines give the file's own line numbers.
    const wrapped = `(function (require, module, exports, __filename, __dirname) {${source}\n})\n//# sourceURL=${window.location.origin}${files.url(path)}`;
    let factory;
    try {
      factory = (0, window.eval)(wrapped);
    } catch (error) {
      delete cache[path];
      throw error;
    }
    try {
      factory.call(module.exports, localRequire, module, module.exports, path, dirOf(path));
    } catch (error) {
      delete cache[path];
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  function requireFrom(request, fromDir, fromPath) {
    const path = resolve(request, fromDir);
    if (path === null) {
      const guess = files.normalise(String(request).startsWith('/') ? request : `${fromDir}/${request}`);
      post({ type: 'request', path: guess && !guess.endsWith('.js') ? `${guess}.js` : guess || String(request), source: 'package', status: 404 });
      throw notDefined(request, fromPath);
    }
    return load(path);
  }

  return {
    /** require from the package root (the entry, subpackage entries, the open data context). */
    require: (request) => requireFrom(request, '', ''),
    resolve: (request) => resolve(request, ''),
    isLoaded: (path) => Boolean(cache[path]),
  };
}

module.exports = { createModules };
