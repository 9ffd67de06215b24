// One group: its figures, events per minute, triage, and each event's exception chain, frames,
// tags and breadcrumbs.

import { api, query } from '../api.js';
import { h, s, replace, number, ago, clock, when, badge, table, json } from '../dom.js';
import { toast, failed, reload } from '../shell.js';
import { session, signedIn, slugOf } from '../session.js';

/** What each status may become, as the API allows, and the button that does it. */
const NEXT = {
  unresolved: [['acknowledged', 'Acknowledge'], ['resolved', 'Resolve'], ['ignored', 'Ignore']],
  acknowledged: [['resolved', 'Resolve'], ['ignored', 'Ignore'], ['unresolved', 'Reopen']],
  resolved: [['unresolved', 'Reopen']],
  ignored: [['unresolved', 'Reopen']],
};

export async function render(main, { match, params }) {
  const id = match[1];
  const [group, events, perMinute] = await Promise.all([api(`api/errors/groups/${id}`),
    api(`api/errors/groups/${id}/events${query({ limit: 20, cursor: params.get('cursor') })}`),
    api(`api/errors/groups/${id}/events-per-minute?window=1h`)]);
  const [project] = await Promise.all([slugOf(group.projectId), signedIn()]);
  const detail = h('section', { id: 'event-detail' });
  const show = event => replace(detail, eventDetail(event));

  replace(main,
    h('p', {}, h('a', { href: '#/groups' }, '← Groups')),
    h('h1', { id: 'group-title' }, group.title),
    h('div', { class: 'cards' },
      card('Status', badge('status', group.status), group.resolvedInRelease ? ` in ${group.resolvedInRelease}` : ''),
      card('Level', badge('level', group.level)), card('Events', number(group.count)),
      card('First seen', ago(group.firstSeen)), card('Last seen', ago(group.lastSeen)), card('Project', project)),
    session.admin ? actions(group) : null,
    h('h2', {}, 'Events per minute, last hour'), chart(perMinute.items),
    h('h2', {}, 'Latest events'),
    table(['Received', 'Level', 'Message'], events.items.map(event => h('tr', { dataset: { id: event.id } },
      h('td', {}, clock(event.receivedAt)), h('td', {}, badge('level', event.level)),
      h('td', { class: 'message' }, h('a', { href: `#/groups/${id}`, onclick: e => { e.preventDefault(); show(event); } }, event.message))))),
    events.nextCursor ? h('div', { class: 'pager' }, h('a', { href: `#/groups/${id}?cursor=${encodeURIComponent(events.nextCursor)}` }, 'Older events')) : null,
    detail);
  if (events.items.length) show(events.items[0]);
  return null;
}

function card(title, ...value) {
  return h('div', { class: 'card' }, h('h3', {}, title), h('div', { class: 'big' }, value));
}

function actions(group) {
  const release = h('input', { id: 'resolve-release', placeholder: 'Release (optional)', 'aria-label': 'Resolved in release' });
  const change = async status => {
    try {
      await api(`api/errors/groups/${group.id}/status`, { method: 'PUT',
        body: status === 'resolved' && release.value.trim() ? { status, resolvedInRelease: release.value.trim() } : { status } });
      toast(`Group ${status}.`);
      reload();
    } catch (error) {
      failed(error);
    }
  };
  return h('div', { class: 'toolbar actions', id: 'group-actions' },
    NEXT[group.status].map(([status, label]) => h('button', { type: 'button', dataset: { status }, onclick: () => change(status) }, label)),
    NEXT[group.status].some(([status]) => status === 'resolved') ? release : null);
}

/** Sixty bars, one a minute, the newest on the right; a minute without events is an empty slot. */
function chart(items) {
  const now = Math.floor(Date.now() / 60000);
  const counts = new Map(items.map(item => [Math.floor(Date.parse(item.minute) / 60000), item.events]));
  const max = Math.max(1, ...counts.values());
  const bars = [];
  for (let i = 0; i < 60; i++) {
    const minute = now - 59 + i;
    const value = counts.get(minute) ?? 0;
    const height = Math.round((value / max) * 90);
    bars.push(s('rect', { x: i * 10 + 1, y: 100 - height, width: 8, height },
      s('title', {}, `${when(new Date(minute * 60000).toISOString())}: ${value}`)));
  }
  // Labels in HTML beside the drawing: the drawing stretches to the width, text would stretch with it.
  return h('figure', { class: 'chart-box' },
    s('svg', { class: 'chart', id: 'group-chart', viewBox: '0 0 600 100', preserveAspectRatio: 'none', role: 'img',
      'aria-label': `Events per minute, at most ${max}` }, bars),
    h('figcaption', { class: 'status-line chart-axis' }, h('span', {}, '60 min ago'), h('span', {}, `busiest minute: ${max}`), h('span', {}, 'now')));
}

function eventDetail(stored) {
  const event = stored.event;
  const exception = event.exception;
  const frames = exception?.stacktrace ?? [];
  const appOnly = h('input', { type: 'checkbox', checked: true, onchange: () => list.classList.toggle('app-only', appOnly.checked) });
  const list = h('ol', { class: 'frames app-only', id: 'frames' }, frames.map(frame => {
    const inApp = frame.inApp !== false;
    return h('li', { class: inApp ? 'app' : 'library' },
      `${frame.module ? `${frame.module}.` : ''}${frame.function ?? '?'} (${frame.file ?? '?'}${frame.line != null ? `:${frame.line}` : ''})`);
  }));
  return [
    h('h2', {}, 'Event ', h('code', {}, stored.id)),
    h('dl', { class: 'pairs' },
      pair('Received', when(stored.receivedAt)), pair('Message', event.message),
      pair('Environment', event.environment), pair('Release', event.release), pair('Platform', event.platform),
      pair('Correlation id', event.correlationId), pair('Values filtered', String(stored.filteredValues)),
      event.request ? pair('Request', `${event.request.method ?? ''} ${event.request.url ?? ''}`) : null,
      event.user ? pair('User', typeof event.user === 'object' ? JSON.stringify(event.user) : String(event.user)) : null),
    exception ? [h('h2', {}, 'Exception'),
      h('ol', { class: 'chain', id: 'exception-chain' }, (event.exceptionChain ?? [exception]).map(link =>
        h('li', {}, h('strong', {}, link.type ?? 'Exception'), link.value ? `: ${link.value}` : ''))),
      frames.length ? [h('label', { class: 'check' }, appOnly, ' In-app frames only'), list] : null] : null,
    event.tags && Object.keys(event.tags).length ? [h('h2', {}, 'Tags'),
      h('dl', { class: 'pairs', id: 'tags' }, Object.entries(event.tags).map(([key, value]) => pair(key, value)))] : null,
    event.breadcrumbs?.length ? [h('h2', {}, 'Breadcrumbs'),
      table(['Time', 'Category', 'Level', 'Message'], event.breadcrumbs.map(crumb => h('tr', {},
        h('td', {}, crumb.timestamp ? clock(typeof crumb.timestamp === 'number' ? new Date(crumb.timestamp * 1000).toISOString() : crumb.timestamp) : ''), h('td', {}, crumb.category ?? ''),
        h('td', {}, crumb.level ?? ''), h('td', { class: 'message' }, crumb.message ?? ''))), { id: 'breadcrumbs' })] : null,
    event.contexts ? [h('h2', {}, 'Contexts'), json(event.contexts)] : null,
    event.extra ? [h('h2', {}, 'Extra'), json(event.extra)] : null,
  ];
}

function pair(key, value) {
  return value == null || value === '' ? null : [h('dt', {}, key), h('dd', {}, value)];
}
