// Storage helpers that Material for MkDocs expects as globals (it normally defines them inline,
// which a strict Content-Security-Policy blocks). Settings are kept per site path.
(function () {
  "use strict";
  var base = document.currentScript.getAttribute("data-base") || ".";
  window.__md_scope = new URL(base, location);
  window.__md_hash = function (text) {
    return Array.prototype.reduce.call(text, function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (err) {
      // Storage may be full or disabled; the theme works without it.
    }
  };
})();
