// The alert table: newest incidents first, a row per incident. New incidents and incidents that grew since
// the last poll flash; a click on a row opens its reasons and sample log lines (shown as text, never markup).
import { el, fill, empty } from './dom.js';
import { clock, day, utc, risk, count, level, duration, entityHref } from './format.js';

export function alertFeed({ showEntity = true } = {}) {
  const body = el('tbody');
  const table = el('table', { class: 'grid feed' },
    el('thead', null, el('tr', null,
      el('th', { text: 'Last event (UTC)' }), el('th', { text: 'Level' }),
      showEntity ? el('th', { text: 'Entity' }) : null,
      el('th', { text: 'Scenario' }), el('th', { class: 'num', text: 'Risk' }), el('th', { class: 'num', text: 'Events' }),
      el('th', { text: 'Action' }), el('th', { text: 'Delivery' }))),
    body);
  const root = el('div', { class: 'feed-wrap' }, table);
  const seen = new Map(); // id -> "revision/events" of the last render
  const open = new Set(); // ids whose details are shown
  let first = true;

  /** @returns how many incidents are new or changed since the last render */
  function render(alerts) {
    const rows = [];
    let changed = 0;
    for (const a of alerts) {
      const stamp = `${a.revision}/${a.event_count}`;
      const fresh = !first && seen.get(a.id) !== stamp;
      if (seen.get(a.id) !== stamp) changed++;
      seen.set(a.id, stamp);
      rows.push(row(a, fresh));
      if (open.has(a.id)) rows.push(details(a));
    }
    first = false;
    if (rows.length === 0) {
      fill(body, el('tr', null, el('td', { colspan: showEntity ? 8 : 7 }, empty('No incidents yet. Alerts appear here as soon as the cluster raises them.'))));
    } else {
      fill(body, rows);
    }
    return changed;
  }

  function row(a, fresh) {
    const lv = level(a.risk_level);
    const today = day(a.last_seen) === day(new Date().toISOString());
    return el('tr', {
      class: `alert-row lv-row-${lv}${fresh ? ' fresh' : ''}${open.has(a.id) ? ' open' : ''}${a.acked ? ' acked' : ''}`,
      dataset: { alertId: a.id },
      on: { click: () => toggle(a) },
      title: 'Click for reasons and sample lines',
    },
      el('td', { class: 'mono dim', title: utc(a.last_seen) }, today ? clock(a.last_seen) : utc(a.last_seen).slice(0, 16)),
      el('td', null, el('span', { class: `badge lv-${lv}`, text: lv })),
      showEntity ? el('td', { class: 'mono' }, entityLink(a.entity_type, a.entity)) : null,
      el('td', null, el('span', { class: 'chip', text: a.scenario })),
      el('td', { class: 'num mono' }, riskCell(a)),
      el('td', { class: 'num mono', text: count(a.event_count) }),
      el('td', { class: 'mono action', text: a.recommended_action }),
      el('td', null, delivery(a), a.acked ? el('span', { class: 'tag tag-ack', text: 'acked', title: ackText(a) }) : null));
  }

  function toggle(a) {
    if (open.has(a.id)) open.delete(a.id);
    else open.add(a.id);
    const tr = body.querySelector(`tr[data-alert-id="${CSS.escape(a.id)}"]`);
    if (!tr) return;
    tr.classList.toggle('open', open.has(a.id));
    if (open.has(a.id)) tr.after(details(a));
    else if (tr.nextElementSibling?.classList.contains('details')) tr.nextElementSibling.remove();
  }

  function details(a) {
    return el('tr', { class: 'details' }, el('td', { colspan: showEntity ? 8 : 7 },
      el('div', { class: 'details-grid' },
        el('div', null,
          el('h3', { text: 'Reasons' }),
          a.reasons?.length ? el('ul', { class: 'reasons' }, a.reasons.map((r) => el('li', { text: r }))) : empty('none given')),
        el('div', null,
          el('h3', { text: 'Sample lines' }),
          a.sample_lines?.length ? a.sample_lines.map((l) => el('pre', { class: 'sample', text: l })) : empty('none kept'),
          el('div', { class: 'meta dim' },
            `alert ${a.id} · ${utc(a.first_seen)} → ${utc(a.last_seen)} (${duration(a.first_seen, a.last_seen)}) · revision ${a.revision}`)))));
  }

  return { root, render };
}

export function entityLink(kind, key) {
  if (kind !== 'ip' && kind !== 'user') return el('span', { text: `${kind} ${key}` });
  return el('a', { href: entityHref(kind, key), class: `entity ent-${kind}`, title: key, on: { click: (e) => e.stopPropagation() } },
    el('span', { class: 'kind', text: kind }), el('span', { text: key }));
}

function riskCell(a) {
  const peak = a.peak_risk_score ?? a.risk_score;
  return el('span', { class: 'risk', title: `now ${risk(a.risk_score)}, peak ${risk(peak)}` },
    el('span', { class: 'risk-bar' }, el('span', { class: `risk-fill lv-${level(a.risk_level)}`, style: { width: `${Math.round(peak * 100)}%` } })),
    risk(peak));
}

function ackText(a) {
  return `acknowledged${a.acked_by ? ' by ' + a.acked_by : ''}${a.acked_at ? ' at ' + utc(a.acked_at) : ''}${a.ack_note ? ': ' + a.ack_note : ''}`;
}

function delivery(a) {
  if (a.delivery_error) return el('span', { class: 'deliv bad', title: a.delivery_error, text: `failed r${a.delivered_revision}/${a.revision}` });
  if (a.delivered_revision >= a.revision) return el('span', { class: 'deliv ok', text: `sent r${a.revision}` });
  return el('span', { class: 'deliv wait', text: `pending r${a.revision}` });
}
