// Where a missing address sends the reader. Static hosts answer it with a 404 page:
// Netlify and GitHub Pages with the site's /404.html, Cloudflare Pages with the
// nearest one (/ko/404.html under /ko/). A missing entry, /errors/{code}/ or
// /{lang}/errors/{code}/, goes to the lookup page with the code filled in (it may be
// an alias or a code without an entry yet); anything else, from the site's /404.html,
// to the reader's language's 404 page. Every path is absolute: this page is served
// at any depth, where a relative one would pile up (/errors/x/ko/ko/...).
(function () {
  "use strict";
  var script = document.currentScript;
  var languages = JSON.parse(script.getAttribute("data-languages"));
  var pageLanguage = script.getAttribute("data-language");  // set on a language's own 404 page

  function target(path) {
    var parts = path.split("/").filter(Boolean);
    var lang = languages.indexOf(parts[0]) >= 0 ? parts.shift() : null;
    lang = lang || pageLanguage || window.mfkbChooseLanguage(languages, languages[0]);
    if (parts[0] === "errors" && parts.length === 2) {
      var code;
      try { code = decodeURIComponent(parts[1]); } catch (e) { code = parts[1]; }
      return "/" + lang + "/lookup/?q=" + encodeURIComponent(code);
    }
    return pageLanguage ? null : "/" + lang + "/404.html";
  }

  var where = target(location.pathname);
  if (where && where !== location.pathname) location.replace(where);
})();
