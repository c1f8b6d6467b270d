/* Upright: the first questions in short steps (loaded on /start only). Every step is in the
   page; without this file they simply show one after another and the form works the same.
   Safety comes first, and an emergency or same-day answer leaves only "stop here" (issue 8). */
(function () {
  "use strict";
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  var STOPPING = ["emergency", "same_day"];
  function setupSteps(form) {
    var sections = $all("[data-step]", form);
    var numbers = [], titles = [];
    sections.forEach(function (s) {
      if (numbers.indexOf(s.dataset.step) < 0) { numbers.push(s.dataset.step); titles.push(s.dataset.stepTitle || ""); }
    });
    if (numbers.length < 2) { return; }
    var progress = form.querySelector("[data-step-progress]");
    var count = progress ? progress.querySelector(".step-count") : null;
    var bars = progress ? $all(".step-bar li", progress) : [];
    if (progress) { progress.hidden = false; }
    var current = 0, firstNext = null;
    function button(text, cls, go) {
      var b = document.createElement("button");
      b.type = "button"; b.className = cls; b.textContent = text;
      b.addEventListener("click", function () { show(current + go, true); });
      return b;
    }
    numbers.forEach(function (n, i) {
      var mine = sections.filter(function (s) { return s.dataset.step === n; });
      var nav = document.createElement("p");
      nav.className = "step-nav";
      if (i < numbers.length - 1) {
        var next = button("Next: " + titles[i + 1], "primary", 1);
        if (i === 0) { firstNext = next; }
        nav.appendChild(next);
      }
      if (i > 0) { nav.appendChild(button("Back", "step-back", -1)); }
      mine[mine.length - 1].appendChild(nav);
    });
    function show(i, focus) {
      current = Math.max(0, Math.min(numbers.length - 1, i));
      sections.forEach(function (s) { s.hidden = s.dataset.step !== numbers[current]; });
      if (count) { count.textContent = "Step " + (current + 1) + " of " + numbers.length + ": " + titles[current]; }
      bars.forEach(function (b, j) { b.className = j < current ? "done" : (j === current ? "current" : ""); });
      if (focus) {
        var heading = sections.filter(function (s) { return !s.hidden; })[0].querySelector("h2");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
        (progress || form).scrollIntoView({ block: "start" });
      }
    }
    function stepOf(el) {
      var box = el && el.closest ? el.closest("[data-step]") : null;
      return box ? numbers.indexOf(box.dataset.step) : -1;
    }
    // an urgent answer: the only way on is "stop here" (issue 8), so no Next on the first step
    function guard() {
      var stop = $all('input[name="red_flags"]:checked', form).some(function (i) { return STOPPING.indexOf(i.dataset.level) >= 0; });
      if (firstNext) { firstNext.hidden = stop; }
    }
    $all('input[name="red_flags"]', form).forEach(function (i) { i.addEventListener("change", guard); });
    guard();
    // Enter in a field goes to the next step; the form is sent only from the last one
    form.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target.tagName === "INPUT" && current < numbers.length - 1) {
        ev.preventDefault(); show(current + 1, true);
      }
    });
    form.addEventListener("submit", function (ev) {
      var by = ev.submitter;
      if (current < numbers.length - 1 && !(by && by.name === "stop_now")) { ev.preventDefault(); show(current + 1, true); }
    });
    // the error summary's links open the step holding the field
    $all('.alert.error a[href^="#err-"]', form).forEach(function (a) {
      a.addEventListener("click", function () {
        var i = stepOf(document.getElementById(a.getAttribute("href").slice(1)));
        if (i >= 0) { show(i, false); }
      });
    });
    var problem = form.querySelector(".field-error");
    show(problem ? Math.max(0, stepOf(problem)) : 0, false);
  }

  function init() { $all("form[data-steps]").forEach(setupSteps); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
