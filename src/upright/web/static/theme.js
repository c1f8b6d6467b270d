/* Upright's look before the page is drawn: a light or dark choice stored on this device wins
   over the device's own setting (prefers-color-scheme). Loaded without defer, so the page never
   flashes the other look; app.js holds the toggle that changes it. */
(function () {
  "use strict";
  try {
    var chosen = window.localStorage.getItem("upright.theme");
    if (chosen === "light" || chosen === "dark") { document.documentElement.setAttribute("data-theme", chosen); }
  } catch (e) { /* storage blocked: the device's setting applies */ }
})();
