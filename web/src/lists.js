// The ranked lists beside the feed: attacking IPs, targeted users, scenarios, levels.
import { el, fill, barRow, empty } from './dom.js';
import { count, risk, level, LEVELS } from './format.js';
import { entityLink } from './alertFeed.js';

export function topIps(node, rows) {
  if (!rows?.length) return fill(node, empty('No attacking IPs yet.'));
  const most = Math.max(...rows.map((r) => r.events), 1);
  fill(node, rows.map((r) => barRow(
    [entityLink('ip', r.ip), el('span', { class: 'cc', title: 'country', text: r.country })],
    r.events / most,
    [el('span', { class: 'mono', text: `${count(r.events)} ev` }), el('span', { class: `mono lv-text-${level(r.level)}`, text: risk(r.peak_risk) })],
    { level: level(r.level), title: `${r.incidents} incident(s): ${r.scenarios.join(', ')}` })));
}

export function targetedUsers(node, rows) {
  if (!rows?.length) return fill(node, empty('No targeted users yet.'));
  const most = Math.max(...rows.map((r) => r.attempts), 1);
  fill(node, rows.map((r) => barRow(
    entityLink('user', r.user),
    r.attempts / most,
    [el('span', { class: 'mono', text: `${count(r.attempts)} tries` }), el('span', { class: 'mono dim', text: `${r.ips} ip${r.ips === 1 ? '' : 's'}` })],
    { level: 'user', title: r.incidents ? `${r.incidents} incident(s) about this user` : undefined })));
}

export function scenarios(node, byScenario) {
  const entries = Object.entries(byScenario || {});
  if (!entries.length) return fill(node, empty('—'));
  const most = Math.max(...entries.map(([, n]) => n), 1);
  fill(node, entries.map(([name, n]) => barRow(el('span', { class: 'chip', text: name }), n / most, el('span', { class: 'mono', text: String(n) }), { level: 'scenario' })));
}

/** The level counters in the top bar. */
export function levelCounters(node, total, byLevel) {
  fill(node,
    el('div', { class: 'kpi' }, el('b', { text: count(total) }), el('span', { text: 'incidents' })),
    LEVELS.map((lv) => el('div', { class: `kpi kpi-${lv}` }, el('b', { text: count(byLevel?.[lv] || 0) }), el('span', { text: lv }))));
}
