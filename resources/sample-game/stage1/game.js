/**
 * Stage 1, shipped in the "stage1" subpackage: loaded on demand when the warm-up is cleared.
 * It only registers its rules; the main package runs the game.
 */
const levels = require('../levels.js');

levels.register({
  id: 'stage1',
  title: 'Stage 1: Meteor shower',
  spawnEveryMs: 560,
  speed: 190,
  sway: 46,
  goal: 0,
  next: null,
  sky: '#2a1238',
});
