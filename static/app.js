// cosell: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // On a phone the header's menu starts closed, so the page begins near the top of the
  // screen; on a wider screen it is always open (its summary is hidden there).
  var phone = window.matchMedia('(max-width: 40rem)');
  document.querySelectorAll('[data-compact-menu]').forEach(function (menu) {
    function fit() { menu.open = !phone.matches; }
    fit();
    if (phone.addEventListener) phone.addEventListener('change', fit);
  });

  // Filter a long list of checkboxes (geographies) as you type.
  document.querySelectorAll('[data-filter-list]').forEach(function (box) {
    var input = box.querySelector('[data-filter-input]');
    // The items are the labels of the list; each is matched on its text (name and code).
    var items = box.querySelectorAll('[data-filter-items] > label');
    var count = box.querySelector('[data-filter-count]');
    function chosen() {
      return box.querySelectorAll('[data-filter-items] input:checked').length;
    }
    function update() {
      var q = (input.value || '').trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var match = !q || item.textContent.toLowerCase().indexOf(q) !== -1;
        item.hidden = !match;
        if (match) shown++;
      });
      if (count) count.textContent = shown + ' / ' + items.length + ' · ✔ ' + chosen();
    }
    input.addEventListener('input', update);
    box.addEventListener('change', update);
    update();
  });

  // Live character count for fields with a maximum.
  document.querySelectorAll('textarea[data-count-max]').forEach(function (area) {
    var out = document.querySelector('[data-count-for="' + area.id + '"]');
    var max = parseInt(area.getAttribute('data-count-max'), 10);
    var words = out ? out.textContent.replace(/^[0-9]+ \/ [0-9]+ /, '') : '';
    function update() {
      var n = Array.from(area.value.replace(/\r\n/g, '\n').trim()).length;
      if (out) {
        out.textContent = n + ' / ' + max + ' ' + words;
        out.classList.toggle('over', n > max);
      }
    }
    area.addEventListener('input', update);
    update();
  });

  // Add a contact row by copying the last one, emptied.
  document.querySelectorAll('[data-add-row]').forEach(function (button) {
    button.addEventListener('click', function () {
      var body = document.querySelector('[data-rows]');
      var rows = body.querySelectorAll('[data-row]');
      var last = rows[rows.length - 1];
      var copy = last.cloneNode(true);
      var index = rows.length;
      copy.querySelectorAll('input, select, label').forEach(function (el) {
        ['id', 'for', 'aria-describedby'].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) el.setAttribute(attr, v.replace(/-[0-9]+(-error)?/, '-' + index));
        });
        if (el.tagName === 'LABEL') el.textContent = el.textContent.replace(/[0-9]+$/, String(index + 1));
        if (el.tagName === 'INPUT' && el.type === 'checkbox') { el.checked = false; el.value = String(index); }
        else if (el.tagName === 'INPUT') el.value = '';
        el.removeAttribute('aria-invalid');
      });
      copy.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
      body.appendChild(copy);
      var first = copy.querySelector('input');
      if (first) first.focus();
    });
  });

  // Leaving a page with typed input that is not kept yet asks first (SPEC 4 and 11), through
  // a link, the language switch or closing the tab. Input is kept once its form is posted, or
  // once a save sent after the last keystroke answered: the solution page's autosave (saved,
  // or kept as a draft) or a reviewer's kept reason and comment.
  var edits = 0;
  var keptAt = 0;
  function kept(at) { if (at > keptAt) keptAt = at; }
  document.querySelectorAll('form[data-warn-unsaved]').forEach(function (form) {
    form.addEventListener('input', function () { edits++; });
    form.addEventListener('submit', function () { kept(Infinity); });
  });
  document.body.addEventListener('htmx:beforeRequest', function (e) {
    if (e.detail && e.detail.requestConfig) e.detail.requestConfig.editsSent = edits;
  });
  document.body.addEventListener('htmx:afterRequest', function (e) {
    var sent = e.detail && e.detail.requestConfig && e.detail.requestConfig.editsSent;
    if (e.detail && e.detail.successful && typeof sent === 'number') kept(sent);
  });
  window.addEventListener('beforeunload', function (e) {
    if (edits > keptAt) { e.preventDefault(); e.returnValue = ''; }
  });

  // A reviewer's unsent reason or comment goes to the server while they type (a second after
  // the last keystroke), so leaving the page loses nothing; the box says when it is kept.
  document.querySelectorAll('form[data-keep]').forEach(function (form) {
    var status = form.querySelector('[data-keep-status]');
    var timer = null;
    function keep() {
      var sent = edits;
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute('data-keep'), { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          kept(sent);
          if (status) status.textContent = status.getAttribute('data-kept');
        })
        .catch(function () {
          if (status) status.textContent = status.getAttribute('data-failed');
        });
    }
    form.addEventListener('input', function () {
      if (status) status.textContent = '';
      clearTimeout(timer);
      timer = setTimeout(keep, 1000);
    });
  });

  // Uploads: drag-and-drop onto the zone, and a progress bar while the file is sent.
  document.querySelectorAll('form[data-upload]').forEach(function (form) {
    var zone = form.querySelector('[data-drop]');
    var input = form.querySelector('input[type="file"]');
    var bar = form.querySelector('progress');
    var status = form.querySelector('[data-upload-status]');
    ['dragenter', 'dragover'].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('dragging'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      zone.addEventListener(t, function () { zone.classList.remove('dragging'); });
    });
    // A dropped file starts its upload at once: the drop is the decision.
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        if (status) status.textContent = e.dataTransfer.files[0].name;
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }
    });
    // What the browser can tell before sending: the size and the kind of file. The server
    // still inspects every byte; this only saves waiting for a refusal.
    function refusal(file) {
      var max = parseInt(form.getAttribute('data-max-bytes') || '0', 10);
      if (max && file.size > max) return form.getAttribute('data-too-large');
      var accepted = (input.getAttribute('accept') || '').toLowerCase().split(',');
      var name = file.name.toLowerCase();
      var type = (file.type || '').toLowerCase();
      var fits = accepted.some(function (a) {
        a = a.trim();
        return a && ((a.charAt(0) === '.' && name.slice(-a.length) === a) || (type && a === type));
      });
      return fits || !accepted[0] ? null : form.getAttribute('data-wrong-type');
    }
    form.addEventListener('submit', function (e) {
      if (!input.files || !input.files.length) return;
      e.preventDefault();
      var refused = refusal(input.files[0]);
      if (refused) {
        if (status) { status.textContent = refused; status.classList.add('field-error'); }
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      if (status) status.classList.remove('field-error');
      input.removeAttribute('aria-invalid');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      bar.hidden = false;
      xhr.upload.addEventListener('progress', function (ev) {
        if (ev.lengthComputable) {
          var pct = Math.round((ev.loaded / ev.total) * 100);
          bar.value = pct;
          if (status) status.textContent = pct + '%';
        }
      });
      xhr.addEventListener('load', function () {
        if (xhr.status < 400) {
          window.location.assign(xhr.responseURL);
        } else {
          // The server answered with the page and its message: show it as it is.
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      });
      xhr.addEventListener('error', function () {
        bar.hidden = true;
        if (status) status.textContent = form.getAttribute('data-failed') || '✖';
      });
      xhr.send(new FormData(form));
    });
  });
})();
