// Entry point: the shell, and a hash router between the overview (#/) and entity pages (#/ip/KEY, #/user/KEY).
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { fill } from './dom.js';
import { createShell } from './shell.js';
import { overview } from './overview.js';
import { entityView } from './entity.js';

const shell = createShell();
document.body.append(shell.root);
let view = null;

function route() {
  view?.stop();
  const match = /^#\/(ip|user)\/(.+)$/.exec(location.hash);
  let key = null;
  if (match) {
    try {
      key = decodeURIComponent(match[2]);
    } catch {
      key = null; // a hand-edited, malformed hash: show the overview
    }
  }
  view = key !== null ? entityView(match[1], key, shell) : overview(shell);
  document.title = key !== null ? `${match[1]} ${key} · SiemActors` : 'SiemActors · operations';
  fill(shell.main, view.root);
  window.scrollTo(0, 0);
}

window.addEventListener('hashchange', route);
route();
