// Voucher images open in a lightbox (GLightbox, vendored) that can be zoomed on a phone.
// The lightbox shows the phone copy published beside each image (at most 1600 pixels
// on its long side); the link itself leads to the full image. Links stay plain links:
// without JavaScript, or when the library cannot be loaded, a tap opens the full image;
// PDF vouchers always open (or download) as plain links, since phone browsers cannot
// show a PDF inside a page.
(function () {
  "use strict";

  function T(text, values) {  // the page's language (portal.js)
    return window.xinyiT ? window.xinyiT(text, values) : text;
  }

  var script = document.currentScript;
  var VENDOR = script ? new URL("../vendor/glightbox/", script.src).href : "";
  var IMAGE = /\.(jpe?g|png|webp)$/i;
  var loading = null;

  // GLightbox's own frame with Chinese labels for the buttons.
  var FRAME = '<div id="glightbox-body" class="glightbox-container" tabindex="-1" role="dialog" aria-modal="true" aria-label="' + T("凭证") + '">' +
    '<div class="gloader visible"></div><div class="goverlay"></div><div class="gcontainer">' +
    '<div id="glightbox-slider" class="gslider"></div>' +
    '<button class="gclose gbtn" aria-label="' + T("关闭") + '" data-taborder="3">{closeSVG}</button>' +
    '<button class="gprev gbtn" aria-label="' + T("上一张") + '" data-taborder="2">{prevSVG}</button>' +
    '<button class="gnext gbtn" aria-label="' + T("下一张") + '" data-taborder="1">{nextSVG}</button>' +
    "</div></div>";

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = VENDOR + "glightbox.min.css";
        document.head.appendChild(style);
        var el = document.createElement("script");
        el.src = VENDOR + "glightbox.min.js";
        el.onload = resolve;
        el.onerror = function () { loading = null; reject(new Error("glightbox")); };
        document.head.appendChild(el);
      });
    }
    return loading;
  }

  // The phone copy's address, as the site map makes it (urls.phone_copy):
  // …/vouchers/D-003.png -> …/vouchers/D-003@phone.png
  function phoneCopy(link) {
    var url = new URL(link.href);
    url.pathname = url.pathname.replace(/(\.[A-Za-z]+)$/, "@phone$1");
    return url.href;
  }

  function open(link) {
    var row = link.closest("tr");
    var id = row ? row.id || row.getAttribute("data-entry") : "";
    // Only the address and a plain alt text reach the library: titles and descriptions
    // would be inserted as HTML, so none are given.
    var box = window.GLightbox({
      elements: [{href: phoneCopy(link), type: "image", alt: id ? T("凭证") + " " + id : T("凭证")}],
      lightboxHTML: FRAME,
      zoomable: true,
      draggable: false,
      touchNavigation: true,
      loop: false,
      openEffect: "fade",
      closeEffect: "fade"
    });
    box.on("close", function () {
      window.setTimeout(function () { box.destroy(); }, 0);
      link.focus();
    });
    box.open();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.xy-voucher") : null;
    if (!link || !VENDOR || !IMAGE.test(link.pathname) || event.defaultPrevented ||
        event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    load().then(function () { open(link); }, function () { window.location.href = link.href; });
  });
})();
