/**
 * Open data context (WeChat): runs in its own scope and draws the friends' ranking on the shared
 * canvas, which the game shows on its Friends screen. It requires nothing outside this folder.
 */
const sharedCanvas = wx.getSharedCanvas();
const ctx = sharedCanvas.getContext('2d');

function drawRanking(rows, note) {
  const width = sharedCanvas.width;
  const height = sharedCanvas.height;
  const unit = width / 300;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = 'rgba(20, 28, 60, 0.92)';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#ffd54a';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `${Math.round(22 * unit)}px sans-serif`;
  ctx.fillText('Friends ranking', width / 2, 30 * unit);
  ctx.font = `${Math.round(16 * unit)}px sans-serif`;
  rows.slice(0, 6).forEach((row, i) => {
    const y = (70 + i * 34) * unit;
    ctx.fillStyle = i % 2 ? 'rgba(255,255,255,0.06)' : 'rgba(255,255,255,0.12)';
    ctx.fillRect(12 * unit, y - 15 * unit, width - 24 * unit, 30 * unit);
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'left';
    ctx.fillText(`${i + 1}. ${row.name}`, 24 * unit, y);
    ctx.textAlign = 'right';
    ctx.fillText(String(row.score), width - 24 * unit, y);
  });
  ctx.textAlign = 'center';
  ctx.fillStyle = '#c8d6ff';
  if (note) ctx.fillText(note, width / 2, height - 20 * unit);
}

function scoreOf(entry) {
  const kv = (entry.KVDataList || []).find((item) => item.key === 'score');
  return kv ? Number(kv.value) || 0 : 0;
}

wx.onMessage((message) => {
  if (!message || message.type !== 'showRanking') return;
  // A placeholder until the friends' scores arrive (or when there are none, e.g. in the simulator).
  drawRanking([{ name: 'You', score: message.score }], 'Loading friends\u2026');
  wx.getFriendCloudStorage({
    keyList: ['score'],
    success: (res) => {
      const rows = (res.data || []).map((entry) => ({ name: entry.nickname || 'Friend', score: scoreOf(entry) }));
      rows.sort((a, b) => b.score - a.score);
      drawRanking(rows.length ? rows : [{ name: 'You', score: message.score }], rows.length ? '' : 'Invite friends to compare');
    },
    fail: () => drawRanking([{ name: 'You', score: message.score }], 'Friends ranking unavailable'),
  });
});
