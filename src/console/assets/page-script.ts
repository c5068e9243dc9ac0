// Browser code for the pages: the playground's conversation, teaching from the question log, and forms that
// post JSON to the console API. Uses the helpers of card-script.ts. Plain JS in a string (no backticks inside).
export const PAGE_SCRIPT = String.raw`
function formObject(form) {
  var data = {};
  new FormData(form).forEach(function (v, k) { data[k] = v; });
  return data;
}

function showError(box, err) {
  box.textContent = err && err.message ? err.message : String(err);
  box.hidden = false;
}

// Playground: every exchange is kept so the platform switch can redraw the transcript.
function playground() {
  var settings = document.getElementById('pg-settings');
  var composer = document.getElementById('pg-form');
  var transcript = document.getElementById('transcript');
  var exchanges = [];

  function current() {
    var s = formObject(settings);
    var body = { chatType: s.chatType, admin: s.role === 'admin', platform: s.platform };
    if (s.chatId && s.chatId.trim()) body.chatId = s.chatId.trim();
    if (s.userId && s.userId.trim()) body.userId = s.userId.trim();
    return body;
  }

  function draw(x) {
    x.node.textContent = '';
    var platform = current().platform;
    var r = x.result;
    if (!r.reply) { x.node.appendChild(el('p', 'muted', '（机器人没有回复）')); return; }
    if (r.reply.kind === 'toast') { x.node.appendChild(el('div', 'toast', r.reply.title)); return; }
    x.node.appendChild(platform === 'wecom' ? wecomMessage(r.wecom, send) : feishuCard(r.card, send));
    var meta = 'intent: ' + (r.intent === null ? 'null' : r.intent) + ' · score: ' + r.score + (r.reason ? ' · ' + r.reason : '');
    x.node.appendChild(el('div', 'meta', meta));
  }

  function send(actionOrText, label) {
    var body = current();
    var said = el('div', 'bubble user');
    if (typeof actionOrText === 'string') { body.text = actionOrText; said.textContent = actionOrText; }
    else { body.action = actionOrText; said.textContent = '点了按钮：' + label; said.className += ' pressed'; }
    transcript.appendChild(said);
    var answer = el('div', 'bubble bot', '…');
    transcript.appendChild(answer);
    postJson('/console/api/ask', body).then(function (result) {
      var x = { node: answer, result: result };
      exchanges.push(x);
      draw(x);
    }, function (err) {
      answer.textContent = '';
      showError(answer.appendChild(el('p', 'error')), err);
    }).then(function () { answer.scrollIntoView({ block: 'nearest' }); });
  }

  composer.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var input = composer.elements.namedItem('text');
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text);
  });
  settings.addEventListener('change', function () { exchanges.forEach(draw); });
  document.querySelectorAll('[data-say]').forEach(function (b) {
    b.addEventListener('click', function () { send(b.getAttribute('data-say')); });
  });
}

// Questions: teach a logged question to a topic and show the answer it now gets.
function teaching() {
  document.querySelectorAll('form.teach').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var out = form.querySelector('.teach-result');
      out.textContent = '';
      var body = { text: form.getAttribute('data-text'), intent: form.elements.namedItem('intent').value, force: form.elements.namedItem('force').checked };
      postJson('/console/api/teach', body).then(function (res) {
        out.appendChild(el('p', 'ok', res.message || '已教会'));
        if (res.answer && res.answer.card) out.appendChild(feishuCard(res.answer.card, function () {}));
      }, function (err) { showError(out.appendChild(el('p', 'error')), err); });
    });
  });
}

// Any form[data-api]: its fields as JSON to that API, then reload to show the new state.
function apiForms() {
  document.querySelectorAll('form[data-api]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var box = form.querySelector('.form-error') || form.appendChild(el('p', 'form-error error'));
      box.hidden = true;
      postJson(form.getAttribute('data-api'), formObject(form)).then(function () { location.reload(); }, function (err) { showError(box, err); });
    });
  });
}

document.addEventListener('DOMContentLoaded', function () {
  var page = document.body.getAttribute('data-page');
  if (page === 'playground') playground();
  if (page === 'questions') teaching();
  apiForms();
});
`
