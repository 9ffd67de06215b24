// For admins: projects (the key and DSN shown once), operators, alert rules, and webhooks with
// their deliveries.

import { api } from '../api.js';
import { h, replace, ago, badge, table, field, option } from '../dom.js';
import { toast, failed, reload } from '../shell.js';
import { listProjects } from '../session.js';
import { LEVELS } from './groups.js';

const SECTIONS = [['projects', 'Projects'], ['operators', 'Operators'], ['alert-rules', 'Alert rules'], ['webhooks', 'Webhooks']];
const WEBHOOK_EVENTS = ['new_group', 'regression', 'alert', 'circuit', 'readiness'];

export async function render(main, { match }) {
  const [, section, id] = match;
  const content = await (id ? deliveries(id) : { projects, operators, 'alert-rules': alertRules, webhooks }[section]());
  replace(main, h('nav', { class: 'toolbar', 'aria-label': 'Admin' },
    SECTIONS.map(([key, text]) => h('a', { href: `#/admin/${key}`, class: key === section ? 'current' : null }, text))), content);
  return null;
}

/** A form whose submit sends its values to the API and says what came of it. */
function form(id, fields, submit, label) {
  const element = h('form', { class: 'toolbar', id, onsubmit: async event => {
    event.preventDefault();
    const button = element.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await submit(new FormData(element));
    } catch (error) {
      failed(error);
    } finally {
      button.disabled = false;
    }
  } }, fields, h('button', { type: 'submit' }, label));
  return element;
}

/** Deleting takes a second click within three seconds: no browser dialog, no slip of the mouse. */
function deleteButton(what, path) {
  let armed = 0;
  const button = h('button', { type: 'button', class: 'delete', onclick: async () => {
    if (!armed) {
      button.textContent = 'Click again to delete';
      armed = setTimeout(() => { armed = 0; button.textContent = 'Delete'; }, 3000);
      return;
    }
    clearTimeout(armed);
    try {
      await api(path, { method: 'DELETE' });
      toast(`${what} deleted.`);
      reload();
    } catch (error) {
      failed(error);
    }
  } }, 'Delete');
  return button;
}

async function projects() {
  const items = await listProjects({ fresh: true });
  const shown = h('div', { id: 'new-project' });
  return [h('h1', {}, 'Projects'),
    form('project-form', [field('Slug', h('input', { name: 'slug', required: true })),
      field('Name', h('input', { name: 'name', required: true }))], async data => {
      const created = await api('api/projects', { method: 'POST', body: { slug: data.get('slug'), name: data.get('name') } });
      replace(shown, h('div', { class: 'secret', role: 'alert' },
        h('strong', {}, `Project ${created.slug} created. Copy its key and DSN now: they are shown this once.`),
        h('div', {}, 'Ingest key'), h('code', { id: 'new-project-key' }, created.key),
        h('div', {}, 'DSN (Sentry SDKs)'), h('code', { id: 'new-project-dsn' }, created.dsn)));
      toast(`Project ${created.slug} created.`);
    }, 'Create project'),
    shown,
    table(['Slug', 'Name', 'Id', 'Key starts', 'Created', ''], items.map(p => h('tr', { dataset: { slug: p.slug } },
      h('td', {}, p.slug), h('td', {}, p.name), h('td', {}, p.id), h('td', {}, h('code', {}, p.keyPrefix)), h('td', {}, ago(p.createdAt)),
      h('td', {}, deleteButton(`Project ${p.slug}`, `api/projects/${encodeURIComponent(p.slug)}`)))), { id: 'projects-table' })];
}

async function operators() {
  const body = await api('api/users');
  return [h('h1', {}, 'Operators'),
    form('operator-form', [field('User name', h('input', { name: 'username', required: true, autocomplete: 'off' })),
      field('Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 12 })),
      field('Role', h('select', { name: 'role' }, option('ops-viewer', 'viewer (read)'), option('ops-admin', 'admin (read and write)')))],
    async data => {
      await api('api/users', { method: 'POST', body: { username: data.get('username'), password: data.get('password'), role: data.get('role') } });
      toast(`Operator ${data.get('username')} added.`);
      reload();
    }, 'Add operator'),
    table(['User name', 'Role', 'Created', ''], body.items.map(u => h('tr', { dataset: { username: u.username } },
      h('td', {}, u.username), h('td', {}, u.role), h('td', {}, ago(u.createdAt)),
      h('td', {}, deleteButton(`Operator ${u.username}`, `api/users/${encodeURIComponent(u.username)}`)))), { id: 'operators-table' })];
}

async function alertRules() {
  const [body, items] = await Promise.all([api('api/alert-rules'), listProjects()]);
  return [h('h1', {}, 'Alert rules'),
    form('alert-rule-form', [field('Project', h('select', { name: 'project' }, items.map(p => option(p.slug)))),
      field('At least', h('select', { name: 'minLevel' }, LEVELS.map(l => option(l, l, 'error')))),
      field('Events', h('input', { name: 'threshold', type: 'number', min: 1, value: 50, required: true })),
      field('Within seconds', h('input', { name: 'windowSeconds', type: 'number', min: 1, value: 300, required: true })),
      field('Exception type (optional)', h('input', { name: 'code' }))], async data => {
      const rule = { project: data.get('project'), minLevel: data.get('minLevel'), threshold: Number(data.get('threshold')),
        windowSeconds: Number(data.get('windowSeconds')) };
      if (data.get('code')) rule.code = data.get('code');
      await api('api/alert-rules', { method: 'POST', body: rule });
      toast('Alert rule added.');
      reload();
    }, 'Add rule'),
    table(['Project', 'At least', 'Threshold', 'Exception type', 'Firing', ''], body.items.map(r => h('tr', { dataset: { id: r.id } },
      h('td', {}, r.project), h('td', {}, badge('level', r.minLevel)), h('td', {}, `${r.threshold} in ${r.windowSeconds} s`),
      h('td', {}, r.code ?? 'any'), h('td', {}, r.firing ? ['since ', ago(r.firingSince)] : 'no'),
      h('td', {}, deleteButton('Alert rule', `api/alert-rules/${r.id}`)))), { id: 'alert-rules-table' })];
}

/** A new signing secret made in the browser: whsec_ and the base64 of 32 random bytes. */
function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

async function webhooks() {
  const body = await api('api/webhooks');
  const secret = h('input', { name: 'secret', required: true, value: newSecret(), size: 50 });
  return [h('h1', {}, 'Webhooks'),
    form('webhook-form', [field('URL', h('input', { name: 'url', type: 'url', required: true, size: 40 })),
      field('Signing secret (give it to the receiver)', secret),
      h('fieldset', { class: 'levels' }, h('legend', {}, 'Events'),
        WEBHOOK_EVENTS.map(e => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'events', value: e, checked: true }), ` ${e}`)))],
    async data => {
      await api('api/webhooks', { method: 'POST', body: { url: data.get('url'), secret: data.get('secret'), events: data.getAll('events') } });
      toast('Webhook added.');
      reload();
    }, 'Add webhook'),
    table(['URL', 'Events', 'State', 'Created', '', ''], body.items.map(w => h('tr', { dataset: { id: w.id } },
      h('td', { class: 'message' }, w.url), h('td', {}, w.events.join(', ')),
      h('td', {}, w.enabled ? 'enabled' : `disabled: ${w.disabledReason}`), h('td', {}, ago(w.createdAt)),
      h('td', { class: 'actions' }, h('a', { href: `#/admin/webhooks/${w.id}` }, 'Deliveries'), pingButton(w.id)),
      h('td', {}, deleteButton('Webhook', `api/webhooks/${w.id}`)))), { id: 'webhooks-table' })];
}

function pingButton(id) {
  return h('button', { type: 'button', class: 'ping', onclick: async () => {
    try {
      const result = await api(`api/webhooks/${id}/ping`, { method: 'POST' });
      toast(`Ping delivered: ${result.statusCode} in ${result.durationMs} ms.`);
    } catch (error) {
      failed(error);
    }
  } }, 'Ping');
}

async function deliveries(id) {
  const [webhook, body] = await Promise.all([api(`api/webhooks/${id}`), api(`api/webhooks/${id}/deliveries?limit=100`)]);
  return [h('h1', {}, 'Deliveries to ', webhook.url),
    table(['Id', 'Event', 'Status', 'Attempts', 'Last answer', 'Created', 'Next attempt', ''], body.items.map(d => h('tr', { dataset: { id: d.id } },
      h('td', {}, h('code', {}, d.messageId)), h('td', {}, d.eventType), h('td', {}, badge('status', d.status)), h('td', {}, String(d.attempts)),
      h('td', { class: 'message' }, d.lastStatusCode ? String(d.lastStatusCode) : d.lastError ?? ''), h('td', {}, ago(d.createdAt)),
      h('td', {}, d.status === 'pending' ? ago(d.nextAttemptAt) : ''),
      h('td', {}, d.status === 'pending' ? null : h('button', { type: 'button', class: 'redeliver', onclick: async () => {
        try {
          await api(`api/webhooks/${id}/deliveries/${d.id}/redeliver`, { method: 'POST' });
          toast('Sent again.');
          reload();
        } catch (error) {
          failed(error);
        }
      } }, 'Redeliver')))), { id: 'deliveries-table' })];
}
