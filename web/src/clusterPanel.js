// Cluster members and how the shards of each region (ip, user, alert) are spread over them.
import { el, fill, empty } from './dom.js';
import { count } from './format.js';

const REGIONS = ['ip', 'user', 'alert'];
const PALETTE = ['#4d93ff', '#2ec4a6', '#ffb020', '#c77dff', '#ff7a59', '#7bd389', '#f25f9c', '#9aa7ff'];

export function clusterPanel(node, view) {
  const members = view?.members || [];
  if (!members.length) return fill(node, empty('No members known yet.'));
  const colour = (i) => PALETTE[i % PALETTE.length];
  fill(node,
    el('table', { class: 'grid members' },
      el('thead', null, el('tr', null, el('th', { text: 'Member' }), el('th', { text: 'Status' }), el('th', { text: 'Roles' }))),
      el('tbody', null, members.map((m, i) => el('tr', { class: m.reachable ? '' : 'unreachable' },
        el('td', { class: 'mono', title: m.address },
          el('span', { class: 'swatch', style: { background: colour(i) } }),
          shortAddress(m.address),
          m.is_self ? el('span', { class: 'tag', text: 'self' }) : null,
          m.is_leader ? el('span', { class: 'tag tag-leader', text: 'leader' }) : null),
        el('td', null, el('span', { class: `status st-${m.reachable ? m.status : 'unreachable'}`, text: m.reachable ? m.status : 'unreachable' })),
        el('td', { class: 'dim roles', text: m.roles.join(', ') || '—' }))))),
    el('div', { class: 'shard-bars' }, REGIONS.map((r) => shardBar(r, members, colour))),
    view.regions_without_stats?.length
      ? el('div', { class: 'warn', text: `no shard stats yet for: ${view.regions_without_stats.join(', ')}` })
      : null);
}

/** One region: a bar split by member in proportion to the shards each hosts, and the totals. */
function shardBar(region, members, colour) {
  const stats = members.map((m) => m.regions?.[region] || { shards: 0, entities: 0 });
  const shards = stats.reduce((a, s) => a + s.shards, 0);
  const entities = stats.reduce((a, s) => a + s.entities, 0);
  return el('div', { class: 'shard-row' },
    el('span', { class: 'shard-name', text: region }),
    el('div', { class: 'stack' }, shards === 0
      ? el('div', { class: 'stack-empty', text: 'no shards allocated' })
      : members.map((m, i) => stats[i].shards > 0
        ? el('div', {
          class: 'stack-part',
          title: `${shortAddress(m.address)}: ${stats[i].shards} shard(s), ${stats[i].entities} entities`,
          style: { width: `${(100 * stats[i].shards) / shards}%`, background: colour(i) },
        })
        : null)),
    el('span', { class: 'mono dim shard-total', text: `${shards} sh · ${count(entities)} ent` }));
}

/** akka.tcp://siem@127.0.0.1:4053 → 127.0.0.1:4053 */
function shortAddress(address) {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1) : address;
}
