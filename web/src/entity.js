// The profile of one IP or user: what its entity actor keeps (windows, baselines, what it has seen) and its incidents.
import { el, fill, panel, barRow, empty } from './dom.js';
import { api } from './api.js';
import { every } from './poll.js';
import { utc, count } from './format.js';
import { alertFeed, entityLink } from './alertFeed.js';

const WINDOWS = ['1m', '10m', '1h'];

export function entityView(kind, key, shell) {
  const facts = el('dl', { class: 'facts' });
  const body = el('div', { class: 'entity-body' });
  const feed = alertFeed({ showEntity: false });
  const feedNote = el('span');
  const root = el('div', { class: 'entity-page' },
    el('div', { class: 'crumbs' }, el('a', { href: '#/', text: '← overview' })),
    el('h1', { class: 'entity-title' }, el('span', { class: `kind-badge ent-${kind}`, text: kind }), el('span', { class: 'mono', text: key })),
    facts,
    body,
    panel('Incidents', feed.root, { id: 'entity-alerts', note: feedNote }));

  const pollers = [
    every(5000, async () => {
      try {
        const profile = await api.entity(kind, key);
        if (kind === 'ip') ipProfile(profile, facts, body);
        else userProfile(profile, facts, body);
      } catch (err) {
        if (err.status !== 404) throw err;
        fill(facts);
        fill(body, empty(`No events seen for ${kind} "${key}" yet.`));
      }
    }),
    every(2000, async () => {
      const list = await api.alerts({ entity: `${kind}:${key}`, limit: 50 });
      feed.render(list.alerts);
      feedNote.textContent = `${list.total} incident${list.total === 1 ? '' : 's'}`;
    }),
  ];
  const refresh = () => pollers.forEach((p) => p.now());
  shell.onKeyChange(refresh);
  return {
    root,
    stop() {
      pollers.forEach((p) => p.stop());
      shell.offKeyChange(refresh);
    },
  };
}

function ipProfile(p, facts, body) {
  setFacts(facts, [
    ['country', p.country], ['events', count(p.total_events)], ['first seen', utc(p.first_seen)],
    ['last seen', utc(p.last_seen)], ['session since', utc(p.session_start)],
  ]);
  fill(body, el('div', { class: 'entity-grid' },
    panel('Windows', windowsTable(p.windows), { note: 'counter sums as of the last event' }),
    panel('Baselines', baselinesTable(p.baselines), { note: 'EWMA per minute' }),
    panel('Countries seen', seenBars([{ value: p.country, count: p.total_events }], 'country')),
    panel('Users tried', seenBars(p.users_tried, 'user'), { note: `${p.users_tried.length}` }),
    panel('Paths', seenBars(p.paths, 'path'), { note: `${p.paths.length}` }),
    panel('User agents', seenBars(p.user_agents, 'agent'), { note: `${p.user_agents.length}` })));
}

function userProfile(p, facts, body) {
  setFacts(facts, [
    ['privileged', p.is_privileged ? 'yes' : 'no'], ['last seen', utc(p.last_seen)], ['last success', utc(p.last_success)],
    ['from', p.last_success_ip ? `${p.last_success_ip} (${p.last_success_country || 'unknown'})` : '—'],
    ['failures since success', String(p.failures_since_success)],
  ]);
  fill(body, el('div', { class: 'entity-grid' },
    panel('Countries seen', seenBars(p.known_countries, 'country'), { note: 'from successful logins' }),
    panel('Login hours (UTC)', hoursChart(p.login_hours)),
    panel('Known IPs', seenBars(p.known_ips, 'ip'), { note: 'with a successful login' }),
    panel('IPs tried', seenBars(p.ips_tried, 'ip'), { note: 'any login attempt' })));
}

function setFacts(node, pairs) {
  fill(node, pairs.map(([k, v]) => el('div', null, el('dt', { text: k }), el('dd', { class: 'mono', text: v ?? '—' }))));
}

function windowsTable(windows) {
  const counters = [...new Set(Object.keys(windows || {}).map((k) => k.replace(/_(1m|10m|1h)$/, '')))];
  if (!counters.length) return empty('—');
  return el('table', { class: 'grid compact' },
    el('thead', null, el('tr', null, el('th', { text: 'counter' }), WINDOWS.map((w) => el('th', { class: 'num', text: w })))),
    el('tbody', null, counters.map((c) => el('tr', null,
      el('td', { text: c.replace(/_/g, ' ') }),
      WINDOWS.map((w) => {
        const v = windows[`${c}_${w}`] ?? 0;
        return el('td', { class: `num mono${v ? '' : ' dim'}`, text: count(v) });
      })))));
}

function baselinesTable(baselines) {
  const rows = Object.entries(baselines || {});
  if (!rows.length) return empty('—');
  return el('table', { class: 'grid compact' },
    el('thead', null, el('tr', null, ['baseline', 'mean', 'std dev', 'minutes'].map((h, i) => el('th', { class: i ? 'num' : '', text: h })))),
    el('tbody', null, rows.map(([name, b]) => el('tr', null,
      el('td', { text: name.replace(/_/g, ' ') }),
      el('td', { class: 'num mono', text: b.mean.toFixed(2) }),
      el('td', { class: 'num mono', text: b.std_dev.toFixed(2) }),
      el('td', { class: 'num mono', text: count(b.minutes) })))));
}

/** A bar list of SeenValue rows ({value, count, last_seen}); IPs and users link to their own pages. */
function seenBars(values, what) {
  if (!values?.length) return empty('none seen');
  const sorted = [...values].sort((a, b) => b.count - a.count).slice(0, 25);
  const most = Math.max(...sorted.map((v) => v.count), 1);
  return el('div', { class: 'bars' }, sorted.map((v) => barRow(
    what === 'ip' || what === 'user' ? entityLink(what, v.value) : el('span', { class: what === 'country' ? 'cc' : 'mono clip', title: v.value, text: v.value }),
    v.count / most,
    el('span', { class: 'mono', text: count(v.count) }),
    { level: what === 'country' ? 'scenario' : 'user', title: v.last_seen ? `last ${utc(v.last_seen)}` : undefined })));
}

function hoursChart(hours) {
  const h = hours?.length === 24 ? hours : new Array(24).fill(0);
  const most = Math.max(...h, 1);
  return el('div', { class: 'hours' }, h.map((n, i) => el('div', { class: 'hour', title: `${String(i).padStart(2, '0')}:00 UTC: ${n} login(s)` },
    el('div', { class: 'hour-bar', style: { height: `${Math.round((100 * n) / most)}%` } }),
    el('span', { text: i % 6 === 0 ? String(i).padStart(2, '0') : '' }))));
}

