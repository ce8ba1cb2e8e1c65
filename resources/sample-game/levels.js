/**
 * Level registry. The warm-up level ships in the main package; stage1 lives in a subpackage and
 * registers itself here when it is loaded (a subpackage may require the main package's scripts).
 */
const levels = {};

function register(level) {
  levels[level.id] = level;
}

function get(id) {
  return levels[id] || null;
}

register({
  id: 'warmup',
  title: 'Warm-up',
  spawnEveryMs: 900,
  speed: 120,
  sway: 0,
  goal: 8,
  next: 'stage1',
  sky: '#12203f',
});

module.exports = { register, get };
