// The node's /api/v1, read with fetch. When the node requires credentials, the operator pastes an API key
// (read scope) once; it stays in this tab's sessionStorage and goes out as X-Api-Key, never in a URL.

const KEY_STORE = 'siem.apiKey';

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORE) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORE, key);
  else sessionStorage.removeItem(KEY_STORE);
}

export async function getJson(path, { signal } = {}) {
  const headers = { Accept: 'application/json' };
  const key = apiKey();
  if (key) headers['X-Api-Key'] = key;
  const res = await fetch('/api/v1' + path, { headers, signal, cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) {
    let detail = '';
    try {
      const problem = await res.json();
      detail = problem.detail || problem.title || '';
    } catch {
      // not problem JSON: the status says enough
    }
    throw new ApiError(res.status, detail);
  }
  return res.json();
}

export const api = {
  alerts: (query = {}) => getJson('/alerts?' + new URLSearchParams(query)),
  stats: (query = {}) => getJson('/stats?' + new URLSearchParams(query)),
  cluster: () => getJson('/cluster'),
  entity: (kind, key) => getJson(`/entities/${encodeURIComponent(kind)}/${encodeURIComponent(key)}`),
};
