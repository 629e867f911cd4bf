/* wagtail-runstrength: two small enhancements, no framework. Without JavaScript the
   video link opens the provider's page and the print button stays hidden. */
(function () {
  "use strict";

  // Click-to-load video: the provider's player (and its cookies) load only on request.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-rs-video-play]");
    if (!link) return;
    var frame = link.parentElement;
    var template = frame.querySelector("template");
    if (!template) return;
    event.preventDefault();
    var player = template.content.cloneNode(true);
    var iframe = player.querySelector("iframe");
    if (iframe) {
      var src = iframe.getAttribute("src") || "";
      iframe.setAttribute("src", src + (src.indexOf("?") === -1 ? "?" : "&") + "autoplay=1");
      iframe.setAttribute("allow", ((iframe.getAttribute("allow") || "") + "; autoplay").replace(/^; /, ""));
      iframe.removeAttribute("loading");
    }
    frame.replaceChildren(player);
    if (iframe) iframe.focus();
  });

  // "Print the exercise sheet" buttons: the print stylesheet does the rest.
  document.querySelectorAll("[data-rs-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
