/* Upright's service worker: the app shell and the pages a person opened work offline.
   Pages: network first (always fresh when online), the saved copy when offline.
   Static files: cache first. The API is never cached; sessions logged offline wait in the
   page's outbox (app.js) and are sent once with an idempotency key. */
"use strict";
var VERSION = "upright-v1";
var SHELL = ["/offline", "/static/app.css", "/static/poses.css", "/static/app.js", "/static/icons/icon.svg", "/manifest.webmanifest"];
var PAGES = ["/today", "/week", "/progress", "/exercises", "/learn"];
// the phone-first look (issue 13): its scripts, and a new cache name so it replaces the old look
SHELL.push("/static/theme.js", "/static/steps.js");
VERSION = "upright-v2";
// issue 13 (round 4): exercise pictures are files (/pictures/...), cached as they are seen
VERSION = "upright-v3";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(VERSION).then(function (cache) { return cache.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== VERSION; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(request, response) {
  var copy = response.clone();
  caches.open(VERSION).then(function (cache) { cache.put(request, copy); });
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/api/") === 0) { return; }
  if (request.mode === "navigate") {
    var saveable = PAGES.indexOf(url.pathname) >= 0;
    event.respondWith(fetch(request).then(function (response) {
      if (saveable && response.ok && !response.redirected) {
        // one copy per page (not per "?saved=1"), but each day of the week apart
        keep(url.searchParams.has("date") ? request : url.pathname, response);
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (hit) { return hit || caches.match(url.pathname); })
        .then(function (hit) { return hit || caches.match("/offline"); });
    }));
    return;
  }
  // static files and the exercise pictures (their addresses carry a version): cache first
  if (url.pathname.indexOf("/static/") === 0 || url.pathname.indexOf("/pictures/") === 0 || url.pathname === "/manifest.webmanifest") {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) { return response.ok ? keep(request, response) : response; });
    }));
  }
});

// reminders (web push): show what the server sent; a tap opens today's page
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = { body: event.data ? event.data.text() : "" }; }
  event.waitUntil(self.registration.showNotification(data.title || "Upright", { body: data.body || "", tag: data.tag || "upright" }));
});
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("/today"));
});
