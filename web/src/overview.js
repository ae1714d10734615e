// The overview: risk over time, the live alert feed, top attackers and targets, scenarios and the cluster.
import { el, panel } from './dom.js';
import { api } from './api.js';
import { every } from './poll.js';
import { alertFeed } from './alertFeed.js';
import { riskChart } from './riskChart.js';
import { topIps, targetedUsers, scenarios, levelCounters } from './lists.js';
import { clusterPanel } from './clusterPanel.js';

export const FEED_LIMIT = 50;

export function overview(shell) {
  const feed = alertFeed();
  const chart = riskChart();
  const feedNote = el('span');
  const ips = el('div', { class: 'bars' });
  const users = el('div', { class: 'bars' });
  const scen = el('div', { class: 'bars' });
  const cluster = el('div');

  const root = el('div', { class: 'layout' },
    el('div', { class: 'col-main' },
      panel('Risk over time', chart.root, { id: 'risk', note: 'incidents per bucket · peak risk' }),
      panel('Live alert feed', feed.root, { id: 'feed', note: feedNote })),
    el('div', { class: 'col-side' },
      panel('Top attacking IPs', ips, { id: 'top-ips', note: 'by peak risk' }),
      panel('Targeted users', users, { id: 'targets', note: 'login attempts from attacking IPs' }),
      panel('Scenarios', scen, { id: 'scenarios' }),
      panel('Cluster', cluster, { id: 'cluster', note: 'members · shard distribution' })));

  let firstFeed = true;
  const statsPoller = every(5000, async () => {
      const stats = await api.stats({ buckets: 60, top: 10 });
      chart.render(stats.risk_over_time);
      topIps(ips, stats.top_ips);
      targetedUsers(users, stats.targeted_users);
      scenarios(scen, stats.by_scenario);
      levelCounters(shell.kpis, stats.total_incidents, stats.by_level);
  });
  const pollers = [
    statsPoller,
    every(2000, async () => {
      const list = await api.alerts({ limit: FEED_LIMIT });
      const changed = feed.render(list.alerts);
      feedNote.textContent = `${list.alerts.length} of ${list.total} · every 2 s`;
      // A new or grown incident: redraw the chart and the rankings now rather than at their next turn.
      if (changed && !firstFeed) statsPoller.now();
      firstFeed = false;
    }),
    every(5000, async () => clusterPanel(cluster, await api.cluster())),
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
