// Small accessibility repairs to the theme: Material's search dialog has role="dialog" but no
// name, which screen readers announce as an unnamed dialog. Runs on every page. (The search box
// and its results, which would take keyboard focus while unseen, are hidden by CSS while search is
// closed: see checker.css.)
(function () {
  "use strict";
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Pencarian");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();
