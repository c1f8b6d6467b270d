/* Upright: small progressive enhancements. Every page works without this file.
   - the urgent message appears as soon as a red-flag answer is ticked
   - follow-up questions show only when they apply
   - timers for holds and walks
   - the offline outbox: a session logged without a connection is kept on this device and
     sent once when the connection is back (an idempotency key makes retries harmless) */
(function () {
  "use strict";
  var LEVELS = ["emergency", "same_day", "soon"];
  var OUTBOX = "upright.outbox";

  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  /* ---- red flags: show the most urgent message at once ---- */
  function updateFlags() {
    var ticked = $all('input[name="red_flags"]:checked').map(function (i) { return i.dataset.level; });
    var worst = null;
    LEVELS.forEach(function (l) { if (!worst && ticked.indexOf(l) >= 0) { worst = l; } });
    $all("[data-urgent]").forEach(function (box) { box.hidden = box.dataset.urgent !== worst; });
  }

  /* ---- follow-up questions: data-show-if="name=value1,value2" ---- */
  function updateShowIf() {
    $all("[data-show-if]").forEach(function (block) {
      var parts = block.dataset.showIf.split("=");
      var wanted = parts[1].split(",");
      var on = $all('input[name="' + parts[0] + '"]:checked').some(function (i) { return wanted.indexOf(i.value) >= 0; });
      block.hidden = !on;
    });
  }

  /* ---- timers ---- */
  function fmt(s) { s = Math.max(0, Math.ceil(s)); return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2); }
  function setupTimer(box) {
    var total = Number(box.dataset.seconds) || 0, repeat = Number(box.dataset.repeat) || 1;
    var label = box.dataset.label || "timer";
    var display = box.querySelector(".timer-display"), note = box.querySelector(".timer-note");
    var start = box.querySelector(".timer-start"), reset = box.querySelector(".timer-reset");
    var left = total, ends = 0, tick = null, done = 0;
    box.hidden = false;
    function stop() { clearInterval(tick); tick = null; box.classList.remove("running"); }
    function show() { display.textContent = fmt(left); }
    function finish() {
      stop(); left = 0; show(); done += 1; box.classList.add("finished");
      if (navigator.vibrate) { navigator.vibrate([200, 100, 200]); }
      note.textContent = label === "hold"
        ? "Hold " + done + " of " + repeat + " done. Rest a moment, then start the next."
        : "Time is up. Well done.";
      start.textContent = label === "hold" && done < repeat ? "Start next hold" : "Start again";
      left = total;
    }
    start.addEventListener("click", function () {
      if (tick) { stop(); left = (ends - Date.now()) / 1000; note.textContent = "Paused."; start.textContent = "Resume"; return; }
      box.classList.remove("finished");
      ends = Date.now() + left * 1000;
      note.textContent = label === "hold" ? "Hold steady, breathe slowly." : (box.getAttribute("data-pace-words") || "Go at the pace in your plan.");
      start.textContent = "Pause";
      box.classList.add("running");
      tick = setInterval(function () {
        left = (ends - Date.now()) / 1000;
        if (left <= 0) { finish(); } else { show(); }
      }, 250);
    });
    reset.addEventListener("click", function () { stop(); left = total; done = 0; show(); note.textContent = ""; start.textContent = "Start " + label + " timer"; box.classList.remove("finished"); });
  }

  /* ---- the offline outbox ---- */
  function readBox() { try { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; } }
  function writeBox(list) { localStorage.setItem(OUTBOX, JSON.stringify(list)); }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var a = new Uint8Array(16); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function status(text) {
    var box = document.querySelector(".outbox-status");
    if (!box) { return; }
    box.textContent = text || ""; box.hidden = !text;
  }
  function numberOr(v) { var n = Number(v); return v === "" || isNaN(n) ? v : n; }
  function entryFrom(form) {
    var fd = new FormData(form);
    var entry = { date: fd.get("date"), note: String(fd.get("note") || "").trim(), items: [] };
    if (fd.get("replace") === "1") { entry.replace = true; }
    ["pain_before", "pain_during", "pain_after", "effort"].forEach(function (k) {
      var v = fd.get(k); if (v !== null && v !== "") { entry[k] = numberOr(v); }
    });
    fd.getAll("item").forEach(function (id) {
      var item = { id: id, status: fd.get("status." + id) || "skipped" };
      ["minutes", "times", "sets", "reps", "hold_seconds"].forEach(function (k) {
        var v = fd.get(k + "." + id); if (v !== null && v !== "") { item[k] = numberOr(v); }
      });
      entry.items.push(item);
    });
    return entry;
  }
  var flushing = false;
  function send(job, current, csrf) {
    return fetch(job.url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Idempotency-Key": job.key, "X-CSRF-Token": csrf },
      body: JSON.stringify(job.body)
    }).then(function (res) {
      if (res.ok) { drop(job.key); if (current && current.key === job.key) { current.sent = true; } return; }
      if (res.status === 401 || res.status === 403 || res.status === 429 || res.status >= 500) { return; } // keep; try later
      return res.json().catch(function () { return {}; }).then(function (err) {
        // "in progress": the server still holds this key (a crashed request frees it within a minute); keep it
        if (res.status === 409 && err.error === "in_progress") { return; }
        if (res.status === 409 && err.error === "already_logged" && !job.body.replace) {
          // the day was logged elsewhere meanwhile: ask before replacing it, never overwrite silently
          if (window.confirm("You already logged " + job.body.date + ". Replace it with the session saved on this device?")) {
            var old = job.key;
            job.body.replace = true; job.key = newKey(); // a new request: an edit of that day
            writeBox(readBox().map(function (j) { return j.key === old ? job : j; }));
            return send(job, current, csrf);
          }
          drop(job.key);
          if (current && current.key === job.key) { current.kept = true; }
          status("Kept what you logged before for " + job.body.date + "; the session from this device was not used.");
          return;
        }
        drop(job.key); // a clear answer (a red flag, bad input): stop sending this one
        if (current && current.key === job.key) { current.rejected = true; }
        else { status("A session logged offline for " + job.body.date + " could not be saved: " + (err.message || res.status)); }
      });
    }, function () { /* offline: keep it */ });
  }
  function flush(current) {
    if (flushing) { return Promise.resolve(); }
    var list = readBox();
    if (!list.length) { status(""); return Promise.resolve(); }
    flushing = true;
    var csrf = document.body.dataset.csrf || "";
    var chain = Promise.resolve();
    list.forEach(function (job) {
      if (current && current.key === job.key) { job = current; }
      chain = chain.then(function () { return send(job, current, csrf); });
    });
    return chain.then(function () {
      flushing = false;
      var left = readBox().length;
      if (left) { status(left === 1 ? "1 session is saved on this device and will be sent when you are back online." : left + " sessions are saved on this device and will be sent when you are back online."); }
      else if (!current) { status(""); }
    });
  }
  function drop(key) { writeBox(readBox().filter(function (j) { return j.key !== key; })); }

  function setupOutbox(form) {
    form.addEventListener("submit", function (ev) {
      if (!window.fetch || !window.localStorage) { return; } // plain form post
      var marked = $all('input[type="radio"][name^="status."]:checked', form).length;
      if (!marked) { return; } // nothing tapped: the server refuses it with a message beside the form
      ev.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) { button.disabled = true; }
      var job = { key: newKey(), url: "/api/sessions", body: entryFrom(form), created: Date.now() };
      var list = readBox(); list.push(job); writeBox(list);
      flush(job).then(function () {
        if (job.sent) { window.location.href = "/today?date=" + encodeURIComponent(job.body.date) + "&saved=1"; return; }
        if (job.rejected) { form.submit(); return; } // the server shows the message next to the field
        if (job.kept) { window.location.href = "/today?date=" + encodeURIComponent(job.body.date); return; }
        if (button) { button.disabled = false; }
        status("Saved on this device. It will be sent once you are back online.");
      });
    });
  }

  /* ---- light or dark: the toggle in the header, the choice on the More page ---- */
  var THEME = "upright.theme";
  function effectiveTheme() {
    var set = document.documentElement.getAttribute("data-theme");
    if (set) { return set; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function applyTheme(choice) {
    try { if (choice === "light" || choice === "dark") { localStorage.setItem(THEME, choice); } else { localStorage.removeItem(THEME); } } catch (e) { /* ignore */ }
    if (choice === "light" || choice === "dark") { document.documentElement.setAttribute("data-theme", choice); }
    else { document.documentElement.removeAttribute("data-theme"); }
    showTheme();
  }
  function showTheme() {
    var dark = effectiveTheme() === "dark";
    // the button says what pressing it does; its aria-pressed tells whether the look it names
    // is showing, which it never is (a toggle whose words change must not also say "pressed")
    $all("[data-theme-toggle]").forEach(function (b) {
      var to = dark ? "light" : "dark";
      b.hidden = false; b.setAttribute("data-to", to); b.setAttribute("aria-pressed", "false");
      var word = b.querySelector(".theme-word");
      if (word) { word.textContent = dark ? "Light look" : "Dark look"; }
    });
    var stored = null; try { stored = localStorage.getItem(THEME); } catch (e) { /* ignore */ }
    $all('input[name="theme"]').forEach(function (i) { i.checked = i.value === (stored || "auto"); });
  }
  function setupTheme() {
    $all("[data-theme-toggle]").forEach(function (b) {
      b.addEventListener("click", function () { applyTheme(effectiveTheme() === "dark" ? "light" : "dark"); });
    });
    $all('input[name="theme"]').forEach(function (i) { i.addEventListener("change", function () { applyTheme(i.value); }); });
    $all("[data-theme-choice]").forEach(function (box) { box.hidden = false; });
    showTheme();
  }

  /* ---- today's ring follows the taps before the session is saved ---- */
  function setupRing(form) {
    var ring = document.querySelector("[data-ring]");
    if (!ring) { return; }
    var ids = $all('input[name="item"]', form).map(function (i) { return i.value; });
    var arc = ring.querySelector(".ring-done"), words = document.querySelector(".day-head .ring-words");
    var number = ring.querySelector(".ring-number");
    var length = Number(ring.dataset.length) || 0;
    function update() {
      var score = 0, marked = 0;
      ids.forEach(function (id) {
        var picked = form.querySelector('input[name="status.' + id + '"]:checked');
        if (!picked) { return; }
        marked += 1;
        score += picked.value === "done" ? 1 : picked.value === "partly" ? 0.5 : 0;
      });
      var share = ids.length ? score / ids.length : 0;
      arc.setAttribute("stroke-dasharray", (share * length).toFixed(1) + " " + length.toFixed(1));
      words.textContent = marked + " of " + ids.length + " marked";
      if (number) { number.textContent = Math.round(share * 100) + "%"; }
      ring.setAttribute("aria-label", "So far: " + words.textContent);
    }
    $all('input[type="radio"][name^="status."]', form).forEach(function (i) { i.addEventListener("change", update); });
  }

  /* ---- "Session saved" and the like are said once: the address loses ?saved= at once, so a
     reload (or the back button) shows the page without the message again ---- */
  function forgetSaved() {
    if (!window.history || !history.replaceState || !window.URLSearchParams) { return; }
    var url = new URL(window.location.href);
    if (!url.searchParams.has("saved")) { return; }
    url.searchParams.delete("saved");
    history.replaceState(history.state, "", url.pathname + (url.search || "") + url.hash);
  }

  function init() {
    forgetSaved();
    setupTheme();
    $all("#log-form").forEach(setupRing);
    $all('input[name="red_flags"]').forEach(function (i) { i.addEventListener("change", updateFlags); });
    updateFlags();
    $all("[data-show-if]").forEach(function (block) {
      var name = block.dataset.showIf.split("=")[0];
      $all('input[name="' + name + '"]').forEach(function (i) { i.addEventListener("change", updateShowIf); });
    });
    updateShowIf();
    $all(".timer").forEach(setupTimer);
    $all("form[data-outbox]").forEach(setupOutbox);
    var problem = document.querySelector(".alert.error[role=alert]");
    if (problem) { problem.focus(); }
    if (document.body.dataset.signedOut) {
      try { localStorage.removeItem(OUTBOX); } catch (e) { /* ignore */ }
      if (window.caches) { caches.keys().then(function (keys) { keys.forEach(function (k) { caches.delete(k); }); }); }
    }
    if ("serviceWorker" in navigator) { navigator.serviceWorker.register("/sw.js").catch(function () {}); }
    window.addEventListener("online", function () { flush(); });
    if (navigator.onLine !== false) { flush(); } else if (readBox().length) { flush(); }
    window.upright = { flush: flush, outbox: readBox };
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
