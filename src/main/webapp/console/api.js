// The console's only way to the server: same-origin fetches with the session cookie.

// The page is <application>/console/; the modules live under a versioned folder below it.
const ROOT = new URL('../', document.baseURI);

/** The application's base path, such as "/" or "/faultline/". */
export const base = ROOT.pathname;

/** A refused request, with the problem the server answered (RFC 9457) when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const listeners = new Set();

/** Called whenever the server says the session is gone (401). */
export function onSignedOut(listener) {
  listeners.add(listener);
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, ROOT), {
    method, headers, signal, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) listeners.forEach(listener => listener());
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : response.text();
}

/** A query string from the entries that have a value. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== '') q.set(key, value);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The feed's WebSocket address, on the page's own origin. */
export function feedUrl() {
  const url = new URL('ws/events', ROOT);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
