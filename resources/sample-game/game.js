/**
 * Star Catcher: tap the falling stars before they reach the ground. Three misses and the run is
 * over. Clearing the warm-up loads Stage 1 from its subpackage; the game-over screen shows the
 * friends' ranking (open data context, WeChat) and the share page (independent subpackage).
 */
const platform = require('./platform.js');
const levels = require('./levels.js');

const api = platform.api;
const screen = platform.windowSize();
const canvas = platform.screenCanvas();
canvas.width = screen.width * screen.pixelRatio;
canvas.height = screen.height * screen.pixelRatio;
const ctx = canvas.getContext('2d');
ctx.scale(screen.pixelRatio, screen.pixelRatio);

const W = screen.width;
const H = screen.height;
const STAR_SIZE = 44;
const LIVES = 3;
const BEST_KEY = 'starCatcher.scores';

const images = { star: api.createImage(), sky: api.createImage() };
images.star.src = 'images/star.png';
images.sky.src = 'images/sky.png';

const pop = api.createInnerAudioContext();
pop.src = 'audio/pop.wav';

const friends = platform.isWeChat && typeof api.getOpenDataContext === 'function' ? api.getOpenDataContext() : null;
if (friends) {
  friends.canvas.width = Math.round(W * 0.8 * screen.pixelRatio);
  friends.canvas.height = Math.round(H * 0.5 * screen.pixelRatio);
}

const state = {
  screen: 'title',
  level: levels.get('warmup'),
  stars: [],
  score: 0,
  lives: LIVES,
  sinceSpawn: 0,
  loadingProgress: 0,
  message: '',
  buttons: [],
  sharePage: null,
};

// The share page (independent subpackage) looks for this to draw inside the running game.
platform.global.starCatcher = { back: () => showGameOver() };

function bestScores() {
  const saved = platform.readStorage(BEST_KEY);
  return Array.isArray(saved) ? saved : [];
}

function saveScore(score) {
  const scores = bestScores().concat([score]).sort((a, b) => b - a).slice(0, 5);
  platform.writeStorage(BEST_KEY, scores);
  if (platform.isWeChat && typeof api.setUserCloudStorage === 'function') {
    api.setUserCloudStorage({ KVDataList: [{ key: 'score', value: String(scores[0]) }], fail: () => {} });
  }
}

function startRun(levelId) {
  state.level = levels.get(levelId);
  state.stars = [];
  state.sinceSpawn = 0;
  state.screen = 'playing';
  state.message = state.level.title;
}

function spawnStar() {
  const x = STAR_SIZE / 2 + Math.random() * (W - STAR_SIZE);
  state.stars.push({ x, baseX: x, y: -STAR_SIZE, phase: Math.random() * Math.PI * 2, caught: 0 });
}

function update(dt) {
  if (state.screen !== 'playing') return;
  const level = state.level;
  state.sinceSpawn += dt * 1000;
  if (state.sinceSpawn >= level.spawnEveryMs) {
    state.sinceSpawn = 0;
    spawnStar();
  }
  for (const star of state.stars) {
    if (star.caught > 0) {
      star.caught -= dt;
      continue;
    }
    star.y += level.speed * dt;
    star.phase += dt * 3;
    star.x = star.baseX + Math.sin(star.phase) * level.sway;
    if (star.y > H + STAR_SIZE) {
      star.missed = true;
      state.lives -= 1;
    }
  }
  state.stars = state.stars.filter((s) => !s.missed && !(s.caught < 0));
  if (state.lives <= 0) gameOver();
  else if (level.goal && state.score >= level.goal && level.next) loadNextLevel(level.next);
}

function loadNextLevel(id) {
  state.screen = 'loading';
  state.loadingProgress = 0;
  platform
    .loadSubpackage(id, (res) => { state.loadingProgress = res.progress || 0; })
    .then(() => startRun(id))
    .catch(() => {
      // No network for the subpackage: keep playing the level we have.
      state.level = Object.assign({}, state.level, { goal: 0 });
      state.screen = 'playing';
      state.message = 'Stage 1 could not load; keep going!';
    });
}

function gameOver() {
  saveScore(state.score);
  showGameOver();
}

function showGameOver() {
  state.screen = 'over';
  state.sharePage = null;
  state.buttons = [
    { label: 'Play again', y: H * 0.56, action: () => { state.score = 0; state.lives = LIVES; startRun('warmup'); } },
    { label: 'Best scores', y: H * 0.56 + 64, action: openSharePage },
  ];
  if (friends) state.buttons.push({ label: 'Friends', y: H * 0.56 + 128, action: openRanking });
}

function openRanking() {
  state.screen = 'ranking';
  friends.postMessage({ type: 'showRanking', score: state.score });
  state.buttons = [{ label: 'Back', y: H * 0.82, action: showGameOver }];
}

function openSharePage() {
  state.screen = 'loading';
  platform
    .loadSubpackage('share')
    .then(() => {
      state.sharePage = platform.global.starCatcherSharePage || null;
      state.screen = state.sharePage ? 'share' : 'over';
    })
    .catch(() => showGameOver());
}

function tap(point) {
  if (state.screen === 'title') {
    state.score = 0;
    state.lives = LIVES;
    startRun('warmup');
    return;
  }
  if (state.screen === 'share' && state.sharePage) {
    state.sharePage.tap(point);
    return;
  }
  if (state.screen === 'playing') {
    for (const star of state.stars) {
      if (star.caught === 0 && Math.abs(point.x - star.x) < STAR_SIZE * 0.7 && Math.abs(point.y - star.y) < STAR_SIZE * 0.7) {
        star.caught = 0.25;
        state.score += 1;
        pop.stop();
        pop.play();
        return;
      }
    }
    return;
  }
  for (const button of state.buttons) {
    if (Math.abs(point.x - W / 2) < 110 && Math.abs(point.y - button.y) < 24) {
      button.action();
      return;
    }
  }
}

function drawSky(color) {
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, W, H);
  if (images.sky.width) {
    ctx.globalAlpha = 0.6;
    for (let y = 0; y < H; y += 64) for (let x = 0; x < W; x += 64) ctx.drawImage(images.sky, x, y, 64, 64);
    ctx.globalAlpha = 1;
  }
}

function text(value, x, y, size, color) {
  ctx.fillStyle = color || '#ffffff';
  ctx.font = `${size}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(value, x, y);
}

function drawButtons() {
  for (const button of state.buttons) {
    ctx.fillStyle = '#f6b93b';
    ctx.fillRect(W / 2 - 110, button.y - 24, 220, 48);
    text(button.label, W / 2, button.y, 20, '#2d1b00');
  }
}

function draw() {
  drawSky(state.level.sky);
  if (state.screen === 'share' && state.sharePage) {
    state.sharePage.draw(ctx, W, H);
    return;
  }
  for (const star of state.stars) {
    const scale = star.caught > 0 ? 1 + (0.25 - star.caught) * 4 : 1;
    ctx.globalAlpha = star.caught > 0 ? Math.max(0, star.caught * 4) : 1;
    const size = STAR_SIZE * scale;
    if (images.star.width) ctx.drawImage(images.star, star.x - size / 2, star.y - size / 2, size, size);
    ctx.globalAlpha = 1;
  }
  text(`Score ${state.score}`, 70, 40, 20);
  text('\u2605'.repeat(Math.max(0, state.lives)), W - 60, 40, 20, '#ffd54a');
  if (state.screen === 'title') {
    text('Star Catcher', W / 2, H * 0.38, 36);
    text('Tap the falling stars', W / 2, H * 0.46, 18, '#c8d6ff');
    text('Tap to start', W / 2, H * 0.6, 22, '#ffd54a');
  } else if (state.screen === 'playing' && state.message) {
    text(state.message, W / 2, 80, 16, '#c8d6ff');
  } else if (state.screen === 'loading') {
    text(`Loading\u2026 ${Math.round(state.loadingProgress)}%`, W / 2, H / 2, 22);
  } else if (state.screen === 'over') {
    text('Game over', W / 2, H * 0.36, 34);
    text(`You caught ${state.score} stars`, W / 2, H * 0.44, 20, '#c8d6ff');
    drawButtons();
  } else if (state.screen === 'ranking') {
    ctx.drawImage(friends.canvas, W * 0.1, H * 0.2, W * 0.8, H * 0.5);
    drawButtons();
  }
}

api.onTouchStart((event) => tap(platform.touchPoint(event)));

if (platform.isWeChat && typeof api.onShareAppMessage === 'function') {
  if (typeof api.showShareMenu === 'function') api.showShareMenu({ withShareTicket: true });
  // A share card opens the best-scores page straight from the independent subpackage.
  api.onShareAppMessage(() => ({ title: 'Can you catch more stars?', imageUrl: 'images/star.png', path: '/share/' }));
}

let last = Date.now();
function frame() {
  const now = Date.now();
  update(Math.min(0.05, (now - last) / 1000));
  last = now;
  draw();
  platform.nextFrame(frame);
}
platform.nextFrame(frame);
