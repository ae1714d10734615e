// Log lines for the dashboard test, stamped with the current time (UTC) so the incidents are live ones.
// The brute force is what the test waits for; the rest makes the screenshot show more than one kind of row,
// and one user name is markup, to prove the page shows it as text.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** RFC 3164 time: "Jan  3 09:04:05" (the parser takes the year from the receive time). */
export function syslogTime(d) {
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Combined log format time: "13/Jan/2026:10:00:01 +0000". */
export function clfTime(d) {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export const BRUTE_FORCE_IP = '45.142.212.61';
export const MARKUP_USER = '<img/src=x/onerror=alert(1)>';

/** 20 failed root logins from one IP, two seconds apart, ending now. */
export function bruteForce(now = Date.now()) {
  const lines = [];
  for (let k = 0; k < 20; k++) {
    const t = new Date(now - (19 - k) * 2000);
    lines.push(`${syslogTime(t)} bastion sshd[4211]: Failed password for root from ${BRUTE_FORCE_IP} port ${40100 + k} ssh2`);
  }
  return lines;
}

/**
 * More attackers, earlier in event time so the risk chart has a history: a password spray over many users (one of
 * them markup) 24 minutes ago, a SQL injection scan 13 minutes ago, a second brute force 7 minutes ago.
 */
export function moreAttacks(now = Date.now()) {
  const lines = [];
  const minutes = (m) => m * 60000;
  const users = ['admin', 'oracle', 'postgres', 'deploy', 'ubuntu', 'git', 'test', 'backup', 'jenkins', 'ftp', 'www', 'guest', MARKUP_USER];
  for (let k = 0; k < 30; k++) {
    const t = new Date(now - minutes(24) - (29 - k) * 1500);
    lines.push(`${syslogTime(t)} bastion sshd[5120]: Failed password for invalid user ${users[k % users.length]} from 185.220.101.7 port ${51000 + k} ssh2`);
  }
  for (let k = 0; k < 14; k++) {
    const t = new Date(now - minutes(7) - (13 - k) * 3000);
    lines.push(`${syslogTime(t)} db01 sshd[733]: Failed password for admin from 141.98.10.60 port ${38000 + k} ssh2`);
  }
  const probes = ["/products?id=1' OR 1=1--", '/search?q=1 UNION SELECT username,password FROM users', '/../../etc/passwd', '/.env', '/.git/config', '/wp-login.php'];
  for (let k = 0; k < 24; k++) {
    const t = new Date(now - minutes(13) - (23 - k) * 1000);
    const path = probes[k % probes.length].replace(/ /g, '%20');
    lines.push(`193.32.162.15 - - [${clfTime(t)}] "GET ${path} HTTP/1.1" 404 153 "-" "sqlmap/1.7.2#stable (https://sqlmap.org)"`);
  }
  return lines;
}
