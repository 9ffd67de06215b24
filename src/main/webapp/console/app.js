// The console's shell: sign-in, navigation, the router and the keyboard help.

import { api, ApiError, onSignedOut } from './api.js';
import { here, go, failed } from './shell.js';
import { h, replace } from './dom.js';
import { session, whoAmI, signedIn, forget } from './session.js';
// Each view's module is loaded when it is first shown (the groups view is preloaded by the page).
const ROUTES = [
  { path: /^\/feed$/, view: () => import('./views/feed.js'), nav: 'feed' },
  { path: /^\/groups$/, view: () => import('./views/groups.js'), nav: 'groups' },
  { path: /^\/groups\/(\d+)$/, view: () => import('./views/group.js'), nav: 'groups' },
  { path: /^\/notifications$/, view: () => import('./views/notifications.js'), nav: 'notifications' },
  { path: /^\/ops$/, view: () => import('./views/ops.js'), nav: 'ops' },
  { path: /^\/admin\/(projects|operators|alert-rules|webhooks)(?:\/(\d+))?$/, view: () => import('./views/admin.js'), nav: 'admin', admin: true },
];

const main = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
let leave = null;
let active = false;

let turn = 0;

async function route() {
  if (!active) return;
  const mine = ++turn;
  leave?.();
  leave = null;
  const { path, params } = here();
  const found = ROUTES.find(r => r.path.test(path));
  if (found?.admin) {
    try {
      await signedIn();
    } catch {
      return;
    }
  }
  if (!found || (found.admin && !session.admin)) {
    go('/groups', new URLSearchParams(), { replace: true });
    return;
  }
  for (const link of nav.querySelectorAll('a')) link.classList.toggle('current', link.dataset.nav === found.nav);
  replace(main);
  main.dataset.view = found.nav;
  try {
    const view = await found.view();
    const cleanup = await view.render(main, { params, match: path.match(found.path) }) ?? null;
    // A later route may have started while this view was loading: then this one is already gone.
    if (mine === turn) leave = cleanup; else cleanup?.();
  } catch (error) {
    failed(error);
  }
}

function showNav() {
  const links = [['feed', '#/feed', 'Live feed'], ['groups', '#/groups', 'Groups'], ['notifications', '#/notifications', 'Notifications'],
    ['ops', '#/ops', 'Operations']];
  if (session.admin) links.push(['admin', '#/admin/projects', 'Admin']);
  replace(nav, links.map(([key, href, text]) => h('a', { href, dataset: { nav: key } }, text)));
  replace(who, h('span', { class: 'user' }, session.username),
    h('button', { type: 'button', id: 'sign-out', onclick: signOut }, 'Sign out'));
  nav.hidden = false;
}

function showSignIn(message) {
  active = false;
  leave?.();
  leave = null;
  forget();
  nav.hidden = true;
  replace(who);
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, message && message.error);
  const form = h('form', { class: 'sign-in', id: 'sign-in', onsubmit: async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api('api/session', { method: 'POST', body: { username: data.get('username'), password: data.get('password') } });
      await start();
    } catch (e) {
      replace(error, e.status === 401 ? 'Wrong user name or password.' : e.message);
    }
  } },
  h('h1', {}, 'Sign in to Faultline'),
  message && message.info ? h('p', { class: 'info', id: 'sign-in-info' }, message.info) : null,
  h('label', { class: 'field' }, h('span', {}, 'User name'), h('input', { name: 'username', autocomplete: 'username', required: true })),
  h('label', { class: 'field' }, h('span', {}, 'Password'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  h('button', { type: 'submit' }, 'Sign in'), error);
  main.dataset.view = 'sign-in';
  replace(main, form);
  form.querySelector('input').focus();
}

async function signOut() {
  try {
    await api('api/session', { method: 'DELETE' });
  } finally {
    showSignIn({ info: 'Signed out.' });
  }
}

/** Asks who is signed in and draws the view at once: the view's own requests need not wait for the answer. */
async function start() {
  const me = whoAmI();
  active = true;
  route();
  try {
    await me;
    showNav();
  } catch (error) {
    // A 401 has shown the form already (the listener below), unless a view's request was first.
    if (!(error instanceof ApiError && error.status === 401)) replace(main, h('p', { class: 'error' }, error.message));
    else if (active) showSignIn();
  }
}

const KEYS = [['g then f', 'live feed'], ['g then g', 'groups'], ['g then n', 'notifications'], ['g then o', 'operations'],
  ['j / k', 'next / previous row'], ['Enter', 'open the row'], ['x', 'select the row'], ['/', 'search'],
  ['Esc', 'close this help'], ['?', 'show this help']];

function help() {
  const open = document.getElementById('help');
  if (open) { open.remove(); return; }
  document.body.append(h('div', { id: 'help', class: 'overlay', role: 'dialog', 'aria-label': 'Keyboard shortcuts', onclick: e => e.currentTarget.remove() },
    h('div', { class: 'panel' }, h('h2', {}, 'Keyboard shortcuts'),
      h('dl', {}, KEYS.map(([key, what]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, what)])))));
}

let pendingG = false;
document.addEventListener('keydown', event => {
  if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '?') { help(); return; }
  if (event.key === 'Escape') { document.getElementById('help')?.remove(); return; }
  if (!active) return;
  if (pendingG) {
    pendingG = false;
    const target = { f: '/feed', g: '/groups', n: '/notifications', o: '/ops' }[event.key];
    if (target) go(target);
    return;
  }
  if (event.key === 'g') pendingG = true;
});

onSignedOut(() => { if (active) showSignIn(session.username ? { info: 'Your session has ended. Sign in again.' } : undefined); });
window.addEventListener('hashchange', route);
start();
