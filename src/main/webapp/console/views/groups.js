// Error groups: filters in the address, cursor paging, j/k/Enter/x keys and bulk triage.

import { api, query } from '../api.js';
import { h, replace, number, ago, badge, table, field, option } from '../dom.js';
import { go, toast, failed, onKeys, reload } from '../shell.js';
import { session, signedIn, listProjects } from '../session.js';

export const STATUSES = ['unresolved', 'acknowledged', 'resolved', 'ignored'];
export const LEVELS = ['fatal', 'error', 'warning', 'info'];
const FILTERS = ['project', 'status', 'level', 'q'];

export async function render(main, { params }) {
  const wanted = Object.fromEntries(FILTERS.map(name => [name, params.get(name) || '']));
  const cursor = params.get('cursor') || '';
  // The page and the project names are asked for at once: the first page is what the operator waits for.
  const page = api(`api/errors/groups${query({ ...wanted, cursor, limit: 50 })}`);
  page.catch(() => {}); // awaited below; this only keeps a refusal from counting as unhandled if the next await fails first
  const [projects] = await Promise.all([listProjects(), signedIn()]);
  const slugs = new Map(projects.map(p => [p.id, p.slug]));
  const selected = new Set();
  let current = -1;

  const search = h('input', { type: 'search', name: 'q', id: 'groups-q', value: wanted.q, placeholder: 'Title contains…' });
  const selects = {
    project: h('select', { name: 'project' }, option('', 'All projects', wanted.project), projects.map(p => option(p.slug, p.slug, wanted.project))),
    status: h('select', { name: 'status' }, option('', 'Any status', wanted.status), STATUSES.map(s => option(s, s, wanted.status))),
    level: h('select', { name: 'level' }, option('', 'Any level', wanted.level), LEVELS.map(l => option(l, l, wanted.level))),
  };
  const apply = () => go('/groups', new URLSearchParams({ project: selects.project.value, status: selects.status.value,
    level: selects.level.value, q: search.value.trim() }));
  Object.values(selects).forEach(select => select.addEventListener('change', apply));
  const filters = h('form', { class: 'toolbar', id: 'groups-filters', onsubmit: event => { event.preventDefault(); apply(); } },
    field('Project', selects.project), field('Status', selects.status), field('Level', selects.level), field('Search', search),
    h('button', { type: 'submit' }, 'Apply'));

  const bulkCount = h('span', { class: 'status-line', id: 'bulk-count' }, 'None selected');
  const bulk = session.admin ? h('div', { class: 'toolbar actions', id: 'bulk' }, bulkCount,
    [['acknowledged', 'Acknowledge'], ['resolved', 'Resolve'], ['ignored', 'Ignore'], ['unresolved', 'Reopen']]
      .map(([status, label]) => h('button', { type: 'button', dataset: { status }, onclick: () => triage(status) }, label))) : null;

  let body;
  try {
    body = await page;
  } catch (error) {
    replace(main, h('h1', {}, 'Error groups'), filters, h('p', { class: 'error' }, error.message));
    return null;
  }
  const rows = body.items.map(group => h('tr', { dataset: { id: group.id } },
    session.admin ? h('td', {}, h('input', { type: 'checkbox', 'aria-label': 'Select', onchange: e => select(group.id, e.target.checked) })) : null,
    h('td', { class: 'message' }, h('a', { href: `#/groups/${group.id}` }, group.title)),
    h('td', {}, badge('level', group.level)), h('td', {}, badge('status', group.status)),
    h('td', {}, number(group.count)), h('td', {}, ago(group.lastSeen)),
    h('td', { class: 'hide-narrow' }, slugs.get(group.projectId) ?? `#${group.projectId}`)));
  const headings = [...(session.admin ? [''] : []), 'Title', 'Level', 'Status', 'Events', 'Last seen', 'Project'];
  const next = body.nextCursor ? h('button', { type: 'button', id: 'next-page', onclick: () => go('/groups', withCursor(body.nextCursor)) }, 'Next page') : null;
  const first = cursor ? h('button', { type: 'button', id: 'first-page', onclick: () => go('/groups', withCursor('')) }, 'First page') : null;

  replace(main, h('h1', {}, 'Error groups'), filters, bulk,
    rows.length ? table(headings, rows, { id: 'groups-table' }) : h('p', { class: 'muted', id: 'groups-empty' }, 'No groups match.'),
    h('div', { class: 'pager' }, first, next),
    h('p', { class: 'status-line' }, 'Keys: j/k move, Enter opens, x selects, / searches, ? lists them all.'));
  main.querySelector('#groups-table th:last-child')?.classList.add('hide-narrow');
  performance.mark('faultline:groups-rendered');

  function withCursor(value) {
    const kept = new URLSearchParams(wanted);
    kept.set('cursor', value);
    return kept;
  }

  function select(id, on) {
    if (on) selected.add(id); else selected.delete(id);
    bulkCount.textContent = selected.size ? `${selected.size} selected` : 'None selected';
  }

  function move(to) {
    if (!rows.length) return;
    rows[current]?.classList.remove('current');
    current = Math.max(0, Math.min(rows.length - 1, to));
    rows[current].classList.add('current');
    rows[current].scrollIntoView({ block: 'nearest' });
  }

  async function triage(status) {
    if (!selected.size) { toast('Select groups first (x or the boxes).'); return; }
    const outcomes = await Promise.allSettled([...selected].map(id =>
      api(`api/errors/groups/${id}/status`, { method: 'PUT', body: { status } })));
    const refused = outcomes.filter(o => o.status === 'rejected');
    toast(`${outcomes.length - refused.length} of ${outcomes.length} groups now ${status}.`);
    refused.slice(0, 3).forEach(o => failed(o.reason));
    reload();
  }

  return onKeys(event => {
    if (event.key === 'j') move(current + 1);
    else if (event.key === 'k') move(current - 1);
    else if (event.key === 'Enter' && rows[current]) go(`/groups/${rows[current].dataset.id}`);
    else if (event.key === 'x' && rows[current] && session.admin) {
      const box = rows[current].querySelector('input[type=checkbox]');
      box.checked = !box.checked;
      select(rows[current].dataset.id, box.checked);
    } else if (event.key === '/') {
      event.preventDefault();
      search.focus();
    }
  });
}
