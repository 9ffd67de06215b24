// Building the page: every value becomes a text node or an attribute, never HTML.

const SVG = 'http://www.w3.org/2000/svg';

/** An element with properties, listeners (on...) and children; strings become text. */
export function h(tag, props = {}, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** The same for SVG elements (the chart). */
export function s(tag, props = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), props, children);
}

function fill(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'checked' || key === 'value' || key === 'disabled' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

// Formatters made once: toLocale...String() builds a new one at every call, too slow for a feed.
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const numbers = new Intl.NumberFormat();

export function number(value) {
  return numbers.format(value);
}

/** A date and time in the operator's own locale. */
export function when(iso) {
  return dateAndTime.format(new Date(iso));
}

/** "3 minutes ago", with the exact time in a tooltip. */
export function ago(iso) {
  if (!iso) return h('span', {}, '-');
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const [amount, unit] = Math.abs(seconds) < 60 ? [seconds, 'second']
    : Math.abs(seconds) < 3600 ? [Math.round(seconds / 60), 'minute']
    : Math.abs(seconds) < 86400 ? [Math.round(seconds / 3600), 'hour'] : [Math.round(seconds / 86400), 'day'];
  return h('time', { datetime: iso, title: when(iso) }, relative.format(amount, unit));
}

export function clock(iso) {
  return h('time', { datetime: iso, title: iso }, timeOfDay.format(new Date(iso)));
}

export function badge(kind, text) {
  return h('span', { class: `badge ${kind}-${text}` }, text);
}

/** A table that scrolls sideways on a narrow screen rather than squeezing its columns. */
export function table(headings, rows, props = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', props, h('thead', {}, h('tr', {}, headings.map(t => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows)));
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

export function option(value, text, selected) {
  return h('option', { value, selected: value === selected }, text ?? value);
}

/** Pretty JSON as text, for contexts, extra and request data. */
export function json(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}
