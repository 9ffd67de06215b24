// Operations: system health, readiness with each check, degradation and the circuit breakers,
// refreshed every two seconds while on screen.

import { api } from '../api.js';
import { h, replace, ago, badge, table } from '../dom.js';
import { failed } from '../shell.js';

const REFRESH_MS = 2000;

export async function render(main) {
  const content = h('div', { id: 'ops' });
  replace(main, h('h1', {}, 'Operations'), content);
  let timer = 0;
  let left = false;
  const refresh = async () => {
    try {
      const [health, ready, degradation, circuits] = await Promise.all([api('api/ops/system-health'), readiness(),
        api('api/ops/degradation'), api('api/ops/circuit-breakers')]);
      if (!left) replace(content, view(health, ready, degradation, circuits));
    } catch (error) {
      failed(error);
    }
    if (!left) timer = setTimeout(refresh, REFRESH_MS);
  };
  await refresh();
  return () => { left = true; clearTimeout(timer); };
}

/** The readiness alias answers 503 with its body when not ready: that is an answer, not a failure. */
async function readiness() {
  try {
    return await api('readyz');
  } catch (error) {
    if (error.status === 503 && error.problem?.checks) return error.problem;
    throw error;
  }
}

function view(health, ready, degradation, circuits) {
  return [
    h('div', { class: 'cards' },
      h('div', { class: 'card', id: 'system-health' }, h('h3', {}, 'System health'), h('div', { class: 'big' }, badge('status', health.status)),
        h('p', { class: 'status-line' }, `${health.requests.serverErrors} server errors in ${health.requests.total} requests, last ${health.requests.windowSeconds} s`)),
      h('div', { class: 'card', id: 'readiness' }, h('h3', {}, 'Readiness'), h('div', { class: 'big' }, ready.status),
        h('ul', {}, Object.entries(ready.checks).map(([name, up]) => h('li', {}, badge('check', up ? 'UP' : 'DOWN'), ` ${name}`)))),
      h('div', { class: 'card', id: 'degradation' }, h('h3', {}, 'Degradation'),
        h('div', { class: 'big' }, degradation.degraded ? 'Degraded' : 'Full service'),
        h('ul', {}, degradation.affectedFeatures.map(f => h('li', {}, h('strong', {}, f.feature), ` ${f.status}: ${f.message}`))),
        degradation.degraded ? h('p', { class: 'status-line' }, degradation.fallbackAvailable ? 'Fallbacks are serving.' : 'No fallback for some features.') : null)),
    h('h2', {}, 'Circuit breakers'),
    table(['Dependency', 'State', 'Failures', 'Successes', 'Rejected', 'Thresholds', 'Last change', 'Last failure'],
      circuits.items.map(c => h('tr', { dataset: { name: c.name } }, h('td', {}, c.name), h('td', { class: 'state' }, badge('state', c.state)),
        h('td', {}, String(c.counts.failures)), h('td', {}, String(c.counts.successes)), h('td', {}, String(c.counts.rejected)),
        h('td', {}, `${c.thresholds.requestVolumeThreshold} calls, ${c.thresholds.failureRatio * 100} % failing, open ${c.thresholds.delayMs} ms`),
        h('td', {}, ago(c.lastTransitionAt)), h('td', {}, ago(c.lastFailureAt)))), { id: 'circuits' }),
  ];
}
