// DOM building without innerHTML: every piece of data becomes a text node, so log lines, user names and
// anything else an attacker controls are shown, never parsed as markup.

/**
 * el('a', { class: 'x', href: '#/ip/1' }, 'text', child)
 * Props: class, text, title, dataset ({k: v}), on ({click: fn}), style ({width: '10%'}), any other attribute.
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (key === 'style') Object.assign(node.style, value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A panel: a titled box with an optional note on the right of its title. */
export function panel(title, body, { id, note } = {}) {
  return el('section', { class: 'panel', id },
    el('header', null, el('h2', { text: title }), note ? el('span', { class: 'note' }, note) : null),
    body);
}

/** A horizontal bar list row: label on the left, a bar scaled to `share` (0..1), a value on the right. */
export function barRow(label, share, value, { level, title } = {}) {
  const pct = Math.max(0, Math.min(1, share || 0)) * 100;
  return el('div', { class: 'bar-row', title },
    el('div', { class: 'bar-label' }, label),
    el('div', { class: 'bar-track' }, el('div', { class: `bar-fill ${level ? 'lv-' + level : ''}`, style: { width: pct.toFixed(1) + '%' } })),
    el('div', { class: 'bar-value' }, value));
}

export function empty(text) {
  return el('div', { class: 'empty', text });
}
