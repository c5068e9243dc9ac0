// Browser code that draws a reply as the member would see it: the Feishu card from its card JSON 2.0, or the
// WeCom message from its markdown and template card. Every piece of text goes in through textContent; links
// only with an http(s) address. Plain JS in a string: there is no client build step (no backticks inside).
export const CARD_SCRIPT = String.raw`
function el(tag, cls, text) {
  var n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined && text !== null) n.textContent = String(text);
  return n;
}

var INLINE = /\*\*([^*]+)\*\*|\x60([^\x60]+)\x60|<font color=['"]?([a-z_]+)['"]?>([\s\S]*?)<\/font>|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

function inline(parent, text) {
  var last = 0, m;
  INLINE.lastIndex = 0;
  while ((m = INLINE.exec(text)) !== null) {
    if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) parent.appendChild(el('strong', null, m[1]));
    else if (m[2] !== undefined) parent.appendChild(el('code', null, m[2]));
    else if (m[3] !== undefined) parent.appendChild(el('span', 'font-' + m[3], m[4]));
    else {
      var a = el('a', null, m[5]);
      a.href = m[6];
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      parent.appendChild(a);
    }
    last = INLINE.lastIndex;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

// The markdown the bot writes: paragraphs, "- " and "1. " lists, "> " quotes, **bold**, code, <font>, links.
function markdown(text) {
  var box = el('div', 'md'), list = null, listTag = '';
  String(text).split('\n').forEach(function (line) {
    var bullet = /^\s*[-*]\s+(.*)$/.exec(line), numbered = /^\s*\d+\.\s+(.*)$/.exec(line);
    var item = bullet || numbered, tag = bullet ? 'ul' : 'ol';
    if (item) {
      if (!list || listTag !== tag) { list = el(tag); listTag = tag; box.appendChild(list); }
      var li = el('li'); inline(li, item[1]); list.appendChild(li);
      return;
    }
    list = null;
    if (line.trim() === '') return;
    var quote = /^>\s?(.*)$/.exec(line);
    var p = el(quote ? 'blockquote' : 'p');
    inline(p, quote ? quote[1] : line);
    box.appendChild(p);
  });
  return box;
}

function feishuButton(b, onAction) {
  var label = b.text && b.text.content ? b.text.content : '';
  var btn = el('button', 'fs-btn fs-btn-' + (b.type || 'default'), label);
  btn.type = 'button';
  var behavior = (b.behaviors || []).filter(function (x) { return x.type === 'callback'; })[0];
  if (behavior) btn.addEventListener('click', function () { onAction(behavior.value, label); });
  else btn.disabled = true;
  return btn;
}

function feishuElement(e, onAction) {
  if (e.tag === 'markdown') return markdown(e.content || '');
  if (e.tag === 'hr') return el('hr');
  if (e.tag === 'button') return feishuButton(e, onAction);
  if (e.tag === 'div') {
    var t = e.text || {};
    return el('p', t.text_color === 'grey' ? 'fs-note' : null, t.content || '');
  }
  if (e.tag === 'column_set') {
    var row = el('div', 'fs-row');
    (e.columns || []).forEach(function (col) {
      (col.elements || []).forEach(function (x) { row.appendChild(feishuElement(x, onAction)); });
    });
    return row;
  }
  return el('p', 'muted', '[' + e.tag + ']');
}

// A Feishu card JSON 2.0 object as the Feishu client lays it out.
function feishuCard(card, onAction) {
  var header = card.header || {};
  var box = el('div', 'fs-card tone-' + (header.template || 'blue'));
  box.appendChild(el('div', 'fs-header', header.title ? header.title.content : ''));
  var body = el('div', 'fs-body');
  ((card.body || {}).elements || []).forEach(function (e) { body.appendChild(feishuElement(e, onAction)); });
  box.appendChild(body);
  return box;
}

// The WeCom stream reply: markdown, and in a 1:1 chat the button_interaction template card beside it.
function wecomMessage(view, onAction) {
  var box = el('div', 'wc-msg');
  box.appendChild(markdown(view.markdown));
  var card = view.templateCard;
  if (card) {
    var tc = el('div', 'wc-card');
    tc.appendChild(el('div', 'wc-title', card.main_title.title));
    if (card.main_title.desc) tc.appendChild(el('div', 'wc-desc', card.main_title.desc));
    if (card.sub_title_text) tc.appendChild(el('div', 'wc-sub', card.sub_title_text));
    var row = el('div', 'wc-buttons');
    card.button_list.forEach(function (b) {
      var btn = el('button', 'wc-btn wc-style-' + b.style, b.text);
      btn.type = 'button';
      var action = view.actions[b.key];
      if (action) btn.addEventListener('click', function () { onAction(action, b.text); });
      else btn.disabled = true;
      row.appendChild(btn);
    });
    tc.appendChild(row);
    box.appendChild(tc);
  }
  return box;
}

function postJson(url, body) {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  }).then(function (res) {
    return res.json().catch(function () { return {}; }).then(function (data) {
      if (!res.ok) throw new Error(data.error || ('HTTP ' + res.status));
      return data;
    });
  });
}
`
