// tadqiq HTML report: filters findings in place (no reload, no network). Reads the page only
// through the DOM and writes only textContent, the hidden attribute and checkbox state: never
// markup, so article text can never become code.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.group'));
  var query = document.getElementById('q');
  var showSuppressed = document.getElementById('show-suppressed');
  var shownCount = document.getElementById('shown-count');
  var noMatch = document.getElementById('no-match');

  // Search ignores case, Arabic tashkeel (U+064B..U+065F, U+0670) and tatweel (U+0640).
  function fold(s) {
    return s.toLowerCase().replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  }
  var haystacks = findings.map(function (el) { return fold(el.textContent || ''); });

  function checkedValues(name) {
    var set = {};
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) set[boxes[i].value] = true;
    return set;
  }

  function apply() {
    var severities = checkedValues('severity');
    var kinds = checkedValues('kind');
    var needle = fold(query.value.trim());
    var withSuppressed = showSuppressed.checked;
    var shown = 0;
    findings.forEach(function (el, i) {
      var visible = severities[el.dataset.severity] === true &&
        kinds[el.dataset.kind] === true &&
        (withSuppressed || el.dataset.suppressed !== '1') &&
        (needle === '' || haystacks[i].indexOf(needle) !== -1);
      el.hidden = !visible;
      if (visible) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = g.querySelector('.finding:not([hidden])') === null;
    });
    shownCount.textContent = String(shown);
    noMatch.hidden = shown !== 0;
  }

  function setAll(name, value) {
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = value;
    apply();
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
  Array.prototype.forEach.call(document.querySelectorAll('button[data-all]'), function (b) {
    b.addEventListener('click', function () { setAll(b.dataset.all, b.dataset.value === '1'); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('button[data-open]'), function (b) {
    b.addEventListener('click', function () {
      var open = b.dataset.open === '1';
      findings.forEach(function (el) { el.open = open; });
    });
  });
  // Following a link to a finding opens it (suppressed ones start closed).
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el && el.tagName === 'DETAILS') {
      el.hidden = false;
      el.open = true;
      var group = el.closest('.group');
      if (group) group.hidden = false;
    }
  }
  window.addEventListener('hashchange', openTarget);
  apply();
  openTarget();
})();
