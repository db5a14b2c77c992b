// Where a missing address sends the reader. Static hosts answer it with a 404 page:
// Netlify and GitHub Pages with the site's /404.html, Cloudflare Pages with the
// nearest one (/ko/404.html under /ko/). An address that ends in a code written
// another way (5.7.026, 5.07.1, x.7.1, " 5.7.1", 550-5.7.1, 5.7.1.) goes to the code's
// own address, /{lang}/errors/{code}/, where the build put its entry or the page that
// sends it on; a missing entry in its one form, /errors/{code}/ or /{lang}/errors/{code}/,
// goes to the lookup page with the code filled in (a code without an entry yet), and
// so does any other last part of /errors/{...}/; anything else, from the site's /404.html, to the
// reader's language's 404 page, which is told the address (?from=) and offers the
// section whose name is one or two letters away (/en/erors/ -> /en/errors/). Every
// path is absolute: this page is served at any depth, where a relative one would
// pile up (/errors/x/ko/ko/...).
(function () {
  "use strict";
  var script = document.currentScript;
  var languages = JSON.parse(script.getAttribute("data-languages"));
  var pageLanguage = script.getAttribute("data-language");  // set on a language's own 404 page
  var syntax = window.MFKB && MFKB.codes.syntax;  // codes/syntax.js, loaded before
  // A reply code before the code (550-5.7.1, "550 5.7.1"), spaces around it, a sentence's dot after it.
  var LOOSE_CODE = /^\s*(?:[245][0-9][0-9](?:[ \t]+|-))?([245xX]\.[0-9]{1,3}\.[0-9]{1,3})\.?\s*$/;

  function decoded(part) {
    try { return decodeURIComponent(part); } catch (e) { return part; }
  }

  // The code that part of an address names, in its one form (codes/syntax.js's normalize), or null.
  function codeIn(part) {
    var match = syntax && LOOSE_CODE.exec(part);
    return match ? syntax.normalize(match[1]) : null;
  }

  function target(path) {
    var parts = path.split("/").filter(Boolean);
    var lang = languages.indexOf(parts[0]) >= 0 ? parts.shift() : null;
    lang = lang || pageLanguage || window.mfkbChooseLanguage(languages, languages[0]);
    var last = parts.length ? decoded(parts[parts.length - 1]) : "";
    var code = codeIn(last);
    if (code && code !== last) return "/" + lang + "/errors/" + code + "/";
    if ((parts[0] === "errors" && parts.length === 2) || code) {
      return "/" + lang + "/lookup/?q=" + encodeURIComponent(last);
    }
    return pageLanguage ? null : "/" + lang + "/404.html?from=" + encodeURIComponent(path);
  }

  // Edits (insert, delete, replace, swap two neighbours) between a and b, or 3 when more.
  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) return 3;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i].push(best);
      }
    }
    return rows[a.length][b.length];
  }

  // The section of this language (a first path segment the navigation links to) nearest the missing one.
  function nearSection(missing) {
    var parts = missing.split("/").filter(Boolean);
    if (parts[0] !== pageLanguage || parts.length < 2) return null;
    var wrong = decoded(parts[1]).toLowerCase();
    var best = null, bestDistance = 3;
    document.querySelectorAll(".md-nav a[href]").forEach(function (link) {
      var section = new URL(link.href, location.href).pathname.split("/").filter(Boolean)[1];
      if (!section || section === "404.html") return;
      var d = distance(wrong, section);
      if (d > 0 && d < bestDistance && d < section.length / 2) { best = section; bestDistance = d; }
    });
    if (!best) return null;
    parts[1] = best;
    return "/" + parts.join("/") + (missing.slice(-1) === "/" ? "/" : "");
  }

  function offerNearSection() {
    var missing = new URLSearchParams(location.search).get("from") || location.pathname;
    var near = nearSection(missing);
    var slot = document.getElementById("mfkb-not-found-near");
    if (!near || !slot) return;
    var link = document.createElement("a");
    link.href = near;
    link.textContent = near;
    slot.appendChild(document.createTextNode(slot.getAttribute("data-label") + " "));
    slot.appendChild(link);
    slot.hidden = false;
  }

  var where = target(location.pathname);
  if (where && where !== location.pathname) location.replace(where);
  else if (pageLanguage) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", offerNearSection);
    else offerNearSection();
  }
})();
