// Applies the reader's light/dark palette before the page paints, as Material's script does when
// it starts (Material does the saved part inline, which the Content-Security-Policy forbids): the
// saved palette, or else the first whose media query matches the system's setting; and shows that
// palette's toggle button. On the checker page Material's script starts only once the engine is
// ready (assets/checker/early.js), so without this a dark system would see a light page until then.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[name='__palette']");
  var palette = window.__md_get && window.__md_get("__palette");
  var index = 0;
  var color = null;
  if (palette && palette.color) {
    index = palette.index;
    color = palette.color;
    if (color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(light
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      if (input) {
        color.media = input.getAttribute("data-md-color-media");
        color.scheme = input.getAttribute("data-md-color-scheme");
        color.primary = input.getAttribute("data-md-color-primary");
        color.accent = input.getAttribute("data-md-color-accent");
      }
    }
  } else if (inputs.length) {
    for (var i = 0; i < inputs.length; i++) {
      var media = inputs[i].getAttribute("data-md-color-media");
      if (media && matchMedia(media).matches) {
        index = i;
        break;
      }
    }
    color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      var value = inputs[index].getAttribute("data-md-color-" + key);
      if (value !== null) color[key] = value;
    });
  }
  if (color) {
    Object.keys(color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
  }
  index = Math.max(0, Math.min(Number(index) || 0, inputs.length - 1));
  for (var j = 0; j < inputs.length; j++) {
    var label = inputs[j].nextElementSibling;
    if (label instanceof HTMLLabelElement) label.hidden = j !== index;
  }
})();
