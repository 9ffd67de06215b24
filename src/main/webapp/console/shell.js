// What every view shares with the shell: the address, moving between views, and messages.

import { ApiError } from './api.js';
import { h } from './dom.js';

/** The route from the address: "#/groups?status=unresolved" gives /groups and its parameters. */
export function here() {
  const [path, search = ''] = (window.location.hash.slice(1) || '/groups').split('?');
  return { path, params: new URLSearchParams(search) };
}

/** Moves to a route; its parameters go into the address so that a reload or a shared link keeps them. */
export function go(path, params = new URLSearchParams(), { replace = false } = {}) {
  const kept = new URLSearchParams([...params].filter(([, value]) => value !== ''));
  const target = `#${path}${kept.size ? `?${kept}` : ''}`;
  if (target === window.location.hash) return;
  if (replace) window.location.replace(target); else window.location.hash = target;
}

/** At most this many messages on screen: a burst of notifications replaces them rather than piling up. */
const MAX_TOASTS = 4;

export function toast(message, kind = 'info') {
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  const box = document.getElementById('toasts');
  box.append(item);
  while (box.childElementCount > MAX_TOASTS) box.firstElementChild.remove();
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** Says what went wrong in a way an operator can act on: the problem's detail and its correlation id. */
export function failed(error) {
  if (error instanceof ApiError && error.status === 401) return;
  const id = error?.problem?.correlationId;
  toast(id ? `${error.message} (correlation id ${id})` : error.message, 'error');
}

/** A key handler for the view on screen; the shell removes it when the view is left. */
export function onKeys(handler) {
  const listener = event => {
    if (event.target.closest('input, textarea, select, button') && event.key !== 'Escape') return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    handler(event);
  };
  document.addEventListener('keydown', listener);
  return () => document.removeEventListener('keydown', listener);
}

/** Draws the view on screen again, from the server's current state. */
export function reload() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
