// Reminders page: fill in the time zone, and turn on web push for this device.
(function () {
  "use strict";
  var tz = document.querySelector("[data-default-timezone]");
  if (tz && !tz.value && window.Intl) { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; }
  var button = document.querySelector("[data-push-optin]");
  var status = document.getElementById("push-status");
  if (!button) { return; }
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    button.disabled = true;
    status.textContent = "This browser cannot show notifications from Upright.";
    return;
  }
  function key(b64) {
    var pad = "=".repeat((4 - (b64.length % 4)) % 4);
    var raw = atob((b64 + pad).replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }
  button.addEventListener("click", function () {
    status.textContent = "Asking...";
    fetch("/api/push/key", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (k) {
      return navigator.serviceWorker.ready.then(function (reg) {
        return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(k.key) });
      });
    }).then(function (sub) {
      return fetch("/api/push/subscribe", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(sub)
      });
    }).then(function (r) {
      status.textContent = r.ok ? "Notifications are on for this device. Tick them above and save." : "That did not work; please try again.";
    }).catch(function () { status.textContent = "Notifications were not allowed, so none will be sent here."; });
  });
})();
