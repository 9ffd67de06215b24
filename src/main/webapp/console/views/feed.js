// The live feed: events as they are committed, filtered by project and level, paused at will.
// Rows are drawn in batches, at most ten times a second, and at most MAX_ROWS are kept, so a flood never
// freezes the page; a dropped connection reconnects and resumes after the last event seen.

import { feedUrl, api } from '../api.js';
import { h, replace, clock, badge, field, option } from '../dom.js';
import { toast } from '../shell.js';
import { listProjects } from '../session.js';

export const MAX_ROWS = 200;
/** Rows are drawn at most this often: at 1,000 events a second, ten larger draws beat sixty small ones. */
const DRAW_EVERY_MS = 100;
/**
 * At most this many rows a draw, the newest: faster than that no one reads them, and a draw of
 * hundreds of rows would hold the page's main thread past the 50 ms of a long task. Those left
 * out are counted on screen; the groups view has every event.
 */
const DRAW_AT_MOST = 50;
const LEVELS = ['fatal', 'error', 'warning', 'info'];

export async function render(main, { params }) {
  const projects = await listProjects();
  const slugs = new Map(projects.map(p => [p.id, p.slug]));
  const filter = { project: params.get('project') || '', levels: (params.get('levels') || '').split(',').filter(l => LEVELS.includes(l)) };
  let socket = null;
  // The last event shown for this filter, kept for the tab: coming back to the feed (or reloading
  // it) first replays what was committed meanwhile, up to the server's replay bound.
  const remembered = () => `faultline.feed.after:${filter.project}:${filter.levels.join(',')}`;
  let lastId = sessionStorage.getItem(remembered());
  let attempts = 0;
  let reconnect = 0;
  let drawTimer = 0;
  let pending = [];
  let paused = false;
  let held = 0;
  let received = 0;
  let undrawn = 0;
  let left = false;

  // A list of rows rather than a table: each row lays itself out alone, and rows out of sight are
  // skipped by the browser (content-visibility), so drawing a batch costs the same with 10 or 200 kept.
  const rows = h('div', { id: 'feed-rows', class: 'feed-rows', role: 'list' });
  const state = h('span', { class: 'status-line', id: 'feed-state' }, 'Connecting…');
  const counter = h('span', { class: 'status-line', id: 'feed-count' }, '0 events');
  const pause = h('button', { type: 'button', id: 'feed-pause', onclick: () => setPaused(!paused) }, 'Pause');
  const projectSelect = h('select', { id: 'feed-project', onchange: changed }, option('', 'All projects', filter.project),
    projects.map(p => option(p.slug, p.slug, filter.project)));
  const levelBoxes = LEVELS.map(level => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: level, checked: filter.levels.includes(level), onchange: changed }), ` ${level}`));

  replace(main,
    h('h1', {}, 'Live feed'),
    h('div', { class: 'toolbar' }, field('Project', projectSelect), h('fieldset', { class: 'levels' }, h('legend', {}, 'Levels'), levelBoxes),
      pause, h('button', { type: 'button', onclick: () => { rows.replaceChildren(); pending = []; } }, 'Clear'), state, counter),
    h('div', { class: 'feed', id: 'feed-table' }, h('div', { class: 'feed-row feed-head', 'aria-hidden': 'true' },
      ['Time', 'Level', 'Project', 'Message'].map(t => h('span', {}, t)), h('span', { class: 'hide-narrow' }, 'Correlation id')), rows));

  function changed() {
    filter.project = projectSelect.value;
    filter.levels = levelBoxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
    const kept = new URLSearchParams();
    if (filter.project) kept.set('project', filter.project);
    if (filter.levels.length) kept.set('levels', filter.levels.join(','));
    window.history.replaceState(null, '', `#/feed${kept.size ? `?${kept}` : ''}`);
    rows.replaceChildren();
    pending = [];
    lastId = sessionStorage.getItem(remembered());
    subscribe();
  }

  function setPaused(value) {
    paused = value;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    if (!paused) { held = 0; schedule(); }
    count();
  }

  function count() {
    counter.textContent = `${received} events` + (undrawn ? `, ${undrawn} too fast to draw` : '')
      + (paused ? `, ${held} new while paused` : '');
  }

  function subscribe() {
    if (socket?.readyState !== WebSocket.OPEN) return;
    const frame = { type: 'subscribe', projects: filter.project ? [filter.project] : [], levels: filter.levels };
    if (lastId) frame.after = lastId;
    socket.send(JSON.stringify(frame));
  }

  function receive(events) {
    received += events.length;
    if (paused) held += events.length;
    lastId = events[events.length - 1].id;
    sessionStorage.setItem(remembered(), lastId);
    pending.push(...events);
    if (pending.length > MAX_ROWS) undrawn += pending.splice(0, pending.length - MAX_ROWS).length;
    schedule();
  }

  function schedule() {
    if (!drawTimer) drawTimer = setTimeout(() => requestAnimationFrame(draw), DRAW_EVERY_MS);
  }

  function draw() {
    drawTimer = 0;
    if (paused || !pending.length) {
      count();
      return;
    }
    const started = performance.now();
    const batch = pending.length > DRAW_AT_MOST ? pending.slice(-DRAW_AT_MOST) : pending;
    undrawn += pending.length - batch.length;
    pending = [];
    const fresh = document.createDocumentFragment();
    for (let i = batch.length - 1; i >= 0; i--) fresh.append(row(batch[i]));
    rows.prepend(fresh);
    while (rows.childElementCount > MAX_ROWS) rows.lastElementChild.remove();
    count();
    // On the page's timeline (the Performance panel, the Long Tasks budget): what each draw costs.
    performance.measure('faultline:feed-draw', { start: started, detail: batch.length });
  }

  function row(event) {
    return h('div', { class: 'feed-row', role: 'listitem', dataset: { id: event.id } },
      h('span', {}, clock(event.receivedAt)), h('span', {}, badge('level', event.level)),
      h('span', {}, slugs.get(event.projectId) ?? `#${event.projectId}`),
      h('span', { class: 'message' }, h('a', { href: `#/groups/${event.groupId}` }, event.message)),
      h('span', { class: 'hide-narrow' }, event.correlationId));
  }

  function connect() {
    socket = new WebSocket(feedUrl());
    socket.onopen = () => { attempts = 0; state.textContent = 'Live'; subscribe(); };
    socket.onmessage = message => {
      const data = JSON.parse(message.data);
      if (data.type === 'events') receive(data.events);
      else if (data.type === 'notification') toast(`${data.notification.severity}: ${data.notification.title}`);
      else if (data.type === 'lagged') toast(`${data.dropped} events were skipped (too many to send or to replay); the groups view has them all.`);
      else if (data.type === 'error') toast(`${data.code}: ${data.message}`, 'error');
    };
    socket.onclose = () => {
      if (left) return;
      state.textContent = 'Reconnecting…';
      // A refused handshake looks like any other close: ask whether the session is still there.
      if (attempts > 1) api('api/session').catch(() => {});
      const delay = Math.min(10000, 500 * 2 ** attempts++) * (0.5 + Math.random() / 2);
      reconnect = setTimeout(connect, delay);
    };
  }

  connect();
  return () => {
    left = true;
    clearTimeout(reconnect);
    clearTimeout(drawTimer);
    socket?.close(1000);
  };
}
