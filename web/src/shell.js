// The frame around every view: brand, entity search, level counters, the connection indicator and, when the
// node asks for credentials, the API key bar.
import { el, fill } from './dom.js';
import { ago, entityHref } from './format.js';
import { apiKey, setApiKey } from './api.js';
import { onPollResult } from './poll.js';

export function createShell() {
  const kpis = el('div', { class: 'kpis' });
  const dot = el('span', { class: 'dot' });
  const status = el('span', { class: 'conn-text', text: 'connecting…' });
  const keyBar = el('div', { class: 'keybar', hidden: true });
  const main = el('main');
  const listeners = new Set();
  let lastOk = 0;
  let lastError = null;

  const search = el('input', { type: 'search', placeholder: 'ip or user…', 'aria-label': 'Open the profile of an IP or a user', spellcheck: 'false' });
  const kind = el('select', { 'aria-label': 'entity kind' }, el('option', { value: 'auto', text: 'auto' }), el('option', { value: 'ip', text: 'ip' }), el('option', { value: 'user', text: 'user' }));
  const form = el('form', { class: 'search', on: { submit: (e) => {
    e.preventDefault();
    const key = search.value.trim();
    if (!key) return;
    const k = kind.value === 'auto' ? (/^[0-9.]+$|:/.test(key) ? 'ip' : 'user') : kind.value;
    location.hash = entityHref(k, key);
    search.value = '';
  } } }, kind, search);

  const root = el('div', { class: 'app' },
    el('header', { class: 'topbar' },
      el('a', { class: 'brand', href: '#/' }, el('span', { class: 'logo', text: '◆' }), 'SiemActors', el('span', { class: 'sub', text: 'operations' })),
      kpis,
      el('div', { class: 'spacer' }),
      form,
      el('div', { class: 'conn', title: 'polling /api/v1 every 2 s' }, dot, status)),
    keyBar,
    main);

  onPollResult((ok, err) => {
    if (ok) {
      lastOk = Date.now();
      lastError = null;
    } else {
      lastError = err;
      if (err?.status === 401 || err?.status === 403) showKeyBar(err.status);
    }
    paint();
  });
  setInterval(paint, 1000);

  function paint() {
    const live = lastOk && Date.now() - lastOk < 6000 && !lastError;
    dot.className = `dot ${live ? 'live' : lastError ? 'down' : 'stale'}`;
    status.textContent = live ? `live · ${ago(lastOk)}` : lastError ? `error: ${lastError.message}` : lastOk ? `stale · ${ago(lastOk)}` : 'connecting…';
  }

  function showKeyBar(code) {
    if (!keyBar.hidden) return;
    const input = el('input', { type: 'password', placeholder: 'API key with the read scope', autocomplete: 'off', 'aria-label': 'API key' });
    fill(keyBar,
      el('span', { text: code === 401 ? 'This node requires an API key.' : 'This API key may not read alerts (needs the read scope).' }),
      el('form', { on: { submit: (e) => {
        e.preventDefault();
        setApiKey(input.value.trim());
        keyBar.hidden = true;
        listeners.forEach((fn) => fn());
      } } }, input, el('button', { type: 'submit', text: 'Use key' })),
      apiKey() ? el('button', { type: 'button', class: 'ghost', text: 'Forget key', on: { click: () => { setApiKey(''); keyBar.hidden = true; listeners.forEach((fn) => fn()); } } }) : null,
      el('span', { class: 'dim', text: 'Kept in this tab only (sessionStorage), sent as X-Api-Key.' }));
    keyBar.hidden = false;
  }

  return {
    root,
    main,
    kpis,
    /** fn runs when the operator gives a new key: views poll again at once. */
    onKeyChange: (fn) => listeners.add(fn),
    offKeyChange: (fn) => listeners.delete(fn),
  };
}
