// Small accessibility repairs to the theme, on every page:
// - Material's search dialog has role="dialog" but no name: screen readers announce an unnamed dialog.
// - The search box and its results area take keyboard focus while they cannot be seen (the results
//   area whenever search is closed; the box itself on narrow screens, where only the search button
//   shows): they are taken out of the Tab order until search is opened.
(function () {
  "use strict";
  var NARROW = "(max-width: 59.984375em)"; // Material's breakpoint for the collapsed search
  function repair() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Pencarian");
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    var results = document.querySelector(".md-search__scrollwrap");
    if (!toggle) return;
    function update() {
      var open = toggle.checked;
      var narrow = window.matchMedia && window.matchMedia(NARROW).matches;
      if (results) {
        if (open) results.removeAttribute("tabindex");
        else results.setAttribute("tabindex", "-1");
      }
      if (input) {
        if (!open && narrow) input.setAttribute("tabindex", "-1");
        else input.removeAttribute("tabindex");
      }
    }
    if (!toggle.dataset.a11y) {
      toggle.dataset.a11y = "1";
      toggle.addEventListener("change", update);
      if (window.matchMedia) {
        var mq = window.matchMedia(NARROW);
        if (mq.addEventListener) mq.addEventListener("change", update);
      }
    }
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", repair);
  else repair();
})();
