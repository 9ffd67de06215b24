// Notifications: new groups, regressions, alerts, circuits and readiness, with acknowledge.

import { api, query } from '../api.js';
import { h, replace, ago, badge, table, field, option } from '../dom.js';
import { go, toast, failed } from '../shell.js';

const SEVERITIES = ['info', 'warning', 'error', 'critical'];

export async function render(main, { params }) {
  const severity = params.get('severity') || '';
  const unacknowledged = params.get('unacknowledged') === 'true';
  const body = await api(`api/errors/notifications${query({ severity, unacknowledged: unacknowledged || null, limit: 100 })}`);
  const severitySelect = h('select', { id: 'notifications-severity' }, option('', 'Any severity', severity), SEVERITIES.map(s => option(s, s, severity)));
  const openOnly = h('input', { type: 'checkbox', id: 'notifications-open', checked: unacknowledged });
  const apply = () => go('/notifications', new URLSearchParams({ severity: severitySelect.value, unacknowledged: openOnly.checked ? 'true' : '' }));
  severitySelect.addEventListener('change', apply);
  openOnly.addEventListener('change', apply);

  const rows = body.items.map(n => {
    const state = h('td', {}, n.acknowledged ? `by ${n.acknowledgedBy}` : h('button', { type: 'button', class: 'acknowledge', onclick: async event => {
      event.target.disabled = true;
      try {
        const done = await api(`api/errors/notifications/${n.id}/acknowledge`, { method: 'POST' });
        replace(state, `by ${done.acknowledgedBy}`);
        toast('Acknowledged.');
      } catch (error) {
        event.target.disabled = false;
        failed(error);
      }
    } }, 'Acknowledge'));
    return h('tr', { dataset: { id: n.id } }, h('td', {}, badge('severity', n.severity)), h('td', {}, n.kind),
      h('td', { class: 'message' }, n.groupId ? h('a', { href: `#/groups/${n.groupId}` }, n.title) : n.title),
      h('td', {}, ago(n.createdAt)), state);
  });
  replace(main, h('h1', {}, 'Notifications'),
    h('div', { class: 'toolbar' }, field('Severity', severitySelect), h('label', { class: 'check' }, openOnly, ' Unacknowledged only')),
    rows.length ? table(['Severity', 'Kind', 'Title', 'When', 'Acknowledged'], rows, { id: 'notifications-table' })
      : h('p', { class: 'muted' }, 'No notifications.'));
  return null;
}
