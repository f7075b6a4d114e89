"""The page `whosestory serve` shows: a form that posts the script to ``/report``.

The report comes back as the whole page (the browser navigates to it), so it is
shown inline at full width, with its own scroll only, and "Back" returns here. A
file the server cannot read comes back as this page again with the sentence in
it. Script on the page only adds drag and drop, the size check before sending,
and sending as soon as a file is chosen; without it the form still works.
"""

from __future__ import annotations

import html

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>whosestory: whose story is it?</title>
<style>
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d232b; background: #fff; }
main { max-width: 760px; margin: 0 auto; padding: 1.2rem 1rem; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
.drop { display: block; border: 2px dashed #9cc3e6; border-radius: 12px; padding: 1.6rem 1rem;
  text-align: center; background: #f4f8fc; cursor: pointer; margin: 1rem 0; }
.drop.over { background: #e3effa; border-color: #1f6feb; }
.drop strong { color: #1f6feb; }
.note { color: #5b6670; font-size: .9rem; }
#status { color: #5b6670; min-height: 1.5em; }
#error { color: #b42318; font-weight: 600; min-height: 1.5em; overflow-wrap: anywhere; }
button { font: inherit; padding: .4rem 1rem; border-radius: 8px; border: 1px solid #1f6feb;
  background: #1f6feb; color: #fff; cursor: pointer; }
.js button { display: none; }
</style></head>
<body><main>
<h1>Whose story is it?</h1>
<p class="note">Spotlight, protagonist, main and impact character of a screenplay or play.
Fountain, Final Draft (.fdx), plain text, PDF with a text layer, or TEI drama XML,
up to __MAX_MB__ MB. The file is analysed by this server and not kept.</p>
<form id="form" method="post" action="/report" enctype="multipart/form-data">
<label class="drop" id="drop" for="file"><strong>Choose a script</strong> or drop it here
<input type="file" id="file" name="file" required
  accept=".fountain,.spmd,.fdx,.pdf,.xml,.tei,.txt,.text" hidden></label>
<button type="submit">Show the report</button>
</form>
<p id="status" role="status" aria-live="polite"></p>
<p id="error" role="alert">__ERROR__</p>
</main>
<script>
(function () {
  var MAX = __MAX_BYTES__;
  document.documentElement.className = 'js';
  var form = document.getElementById('form'), input = document.getElementById('file');
  var drop = document.getElementById('drop');
  var status = document.getElementById('status'), error = document.getElementById('error');
  function send() {
    var file = input.files[0];
    error.textContent = '';
    if (!file) { return; }
    if (file.size > MAX) {
      error.textContent = file.name + ' is ' + (file.size / 1e6).toFixed(1) +
        ' MB; this server reads files up to ' + (MAX / 1e6).toFixed(0) + ' MB.';
      return;
    }
    status.textContent = 'Reading ' + file.name + '\\u2026';
    form.submit();
  }
  input.addEventListener('change', send);
  ['dragenter', 'dragover'].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (name) {
    drop.addEventListener(name, function (e) {
      e.preventDefault();
      drop.classList.remove('over');
    });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; send(); }
  });
  window.addEventListener('pageshow', function () { status.textContent = ''; });
})();
</script></body></html>
"""

PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "form-action 'self'; connect-src 'self'; img-src data:"
)


def upload_page(max_bytes: int, error: str = "") -> str:
    """The upload page for a server reading files up to `max_bytes`, showing `error` if any."""
    return (
        _PAGE.replace("__MAX_BYTES__", str(max_bytes))
        .replace("__MAX_MB__", f"{max_bytes / 1e6:.3g}")
        .replace("__ERROR__", html.escape(error))
    )
