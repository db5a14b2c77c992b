// The lookup page (the form, ?q= and the results): a code in any form, or a whole pasted NDR, to the
// entries that explain it, read by the scripts before it (mfkb_scripts in generator/templates/lookup.md.j2).
// Results are built from DOM nodes and textContent only: the query, the URL and the hash never reach innerHTML.
(function (MFKB) {
  "use strict";
  var element = MFKB.lookupWhy.element;
  var format = MFKB.lookupWhy.format;
  var fillInto = MFKB.lookupWhy.fillInto;
  var english = MFKB.lookupWhy.english;
  var reasonBlock = MFKB.lookupWhy.reasonBlock;
  var notBounce = MFKB.lookupWhy.notBounce;
  var isDelayed = MFKB.lookupWhy.isDelayed;
  var possibleBlock = MFKB.lookupWhy.possibleBlock;
  var CODE_RE = MFKB.codes.syntax.CODE_RE;
  var lookup = MFKB.lookupEngine.lookup;
  var isBounce = MFKB.codes.parse.isBounce;
  var KnownCodes = MFKB.codes.resolve.KnownCodes;
  var Meanings = MFKB.bounces.meanings.Meanings;
  var Rules = MFKB.bounces.rules.Rules;
  var updateAround = MFKB.lookupToc.update;

  function resultItem(match, page, index) {
    var item = element("li", "mfkb-lookup-match");
    var head = element("h3", "mfkb-lookup-head");
    head.appendChild(element("code", "mfkb-lookup-code", (match.reply ? match.reply + " " : "") + match.code));
    var entry = match.entry && index.byCode[match.entry];
    if (entry && CODE_RE.test(entry.code)) {
      head.appendChild(document.createTextNode(" \u2192 "));
      var link = element("a", "mfkb-lookup-entry", entry.code + " " + (entry.title[page.lang] || entry.title.en));
      link.href = page.entries + entry.code + "/";
      head.appendChild(link);
    }
    item.appendChild(head);
    if (match.meaning) meaningLines(match, page).forEach(function (line) { item.appendChild(line); });
    if (match.possible && match.possible.length) item.appendChild(possibleBlock(match, page));
    if (match.explains) {
      item.appendChild(element("p", "mfkb-lookup-note",
        format(page.text[match.explains], { code: match.code, entry: match.entry || "" })));
    }
    item.appendChild(element("p", "mfkb-lookup-class", page.classes[severityKey(match)]));
    return item;
  }

  // The class line's key (lookup.py severity_key): a transient code of recipients the report says
  // were not delivered, none still being retried, is not being retried either.
  function severityKey(match) {
    var failed = match.failed || [];
    if (match["class"] === "transient" && failed.length && !failed.some(isDelayed)) return "transient-failed";
    return match["class"];
  }

  // "From Exchange Online, 5.7.3 means: <title, linked to its section>." and why it was chosen.
  function meaningLines(match, page) {
    var chosen = match.meaning;
    var link = element("a", "mfkb-lookup-meaning-title",
                       chosen.meaning.title[page.lang] || chosen.meaning.title.en);
    link.href = chosen.meaning.urls[page.lang] || chosen.meaning.urls.en;
    var said = fillInto(element("p", "mfkb-lookup-meaning"), page.meaning.meaning,
                        { emitter: chosen.meaning.emitter, code: match.code, title: link });
    // The reply's words as the server wrote them; a host pattern is no words.
    var matched = chosen.by === "reply" ? english(chosen.matched) : chosen.matched;
    var why = fillInto(element("p", "mfkb-lookup-meaning-why"), page.meaning[chosen.by],
                       { matched: matched, host: MFKB.lookupWhy.hostCode(chosen.host || "") });
    return [said, why];
  }

  // The answer, and the page around it (lookup-toc.js).
  function show(results, text, page, index) {
    results.replaceChildren();
    var matches = text.trim() ? lookup(text, index.known, index.rules, index.meanings) : [];
    answer(results, text, matches, page, index);
    updateAround(results, text, matches, page);
  }

  function answer(results, text, matches, page, index) {
    if (!text.trim()) return;
    if (!matches.length) {
      results.appendChild(element("p", "mfkb-lookup-none", page.text["no-codes"]));
      return;
    }
    var why = reasonBlock(matches, page);
    if (why) results.appendChild(why);
    var coded = matches.filter(function (match) { return match.code; });
    if (!coded.length) {
      // A text that is no bounce is not missing a status code (lookup.py is_not_bounce).
      var reasons = matches.map(function (match) { return match.reason; }).filter(Boolean);
      if (!notBounce(reasons, page)) results.appendChild(element("p", "mfkb-lookup-none", page.text["no-codes-reason"]));
      return;
    }
    var codes = element("section", "mfkb-lookup-codes");
    codes.appendChild(element("h2", "mfkb-lookup-codes-title", page.text.codes));
    var list = element("ol", "mfkb-lookup-list");
    coded.forEach(function (match) { list.appendChild(resultItem(match, page, index)); });
    codes.appendChild(list);
    results.appendChild(codes);
  }

  // After "Look up", focus goes to the answer's first heading, which a screen reader then reads;
  // after a paste (the reader may still be editing) or on opening the page, focus stays and
  // the status line says what came (never both: that would say it twice).
  function announce(results, status, moveFocus) {
    var heading = results.querySelector("h2");
    status.textContent = "";
    if (moveFocus && heading) {
      heading.tabIndex = -1;
      heading.focus();
      return;
    }
    status.textContent = summary(results);
  }

  // The first heading and the reasons or codes under it, or the answer's one line.
  function summary(results) {
    var heading = results.querySelector("h2");
    if (!heading) return results.textContent;
    var under = heading.parentNode.querySelectorAll(".mfkb-lookup-reason, .mfkb-lookup-code");
    return heading.textContent + ": " + Array.prototype.map.call(under, function (node) {
      return node.textContent;
    }).join(", ");
  }

  // A short code goes in the address; any text looked up is kept in this page's history
  // entry too (not in the address: an NDR is long and private), so that Back from an
  // entry or a reason page the answer opened shows the text and the answer again.
  function keepInAddress(text) {
    var url = new URL(location.href);
    if (text.length <= 200 && !isBounce(text)) url.searchParams.set("q", text.trim());
    else url.searchParams.delete("q");
    keepInHistory(text, url.toString());
  }

  function keepInHistory(text, url) {
    if (!window.history || !history.replaceState) return;
    try { history.replaceState({ mfkbLookup: text }, "", url); }
    catch (e) { history.replaceState(null, "", url); }  // a text too big for the history entry
  }

  function keptInHistory() {
    var state = window.history && history.state;
    return state && typeof state.mfkbLookup === "string" ? state.mfkbLookup : null;
  }

  // Material's search also reads ?q= and would open its search box over this
  // page.  This script runs before Material's bundle: it takes q out of the
  // address, and puts it back once the page has loaded.
  function takeQuery() {
    var url = new URL(location.href);
    var query = url.searchParams.get("q");
    if (query === null || !window.history || !history.replaceState) return query;
    url.searchParams.delete("q");
    history.replaceState(history.state, "", url.toString());
    window.addEventListener("load", function () {
      setTimeout(function () {
        var now = new URL(location.href);
        if (now.searchParams.has("q")) return;
        now.searchParams.set("q", query);
        history.replaceState(history.state, "", now.toString());
      }, 0);
    });
    return query;
  }

  // An NDR pasted into the home page's box (home-lookup.js), too long for ?q=.
  function pastedOnHome() {
    try {
      var text = sessionStorage.getItem("mfkb-lookup-q");
      sessionStorage.removeItem("mfkb-lookup-q");
      return text;
    } catch (e) { return null; }
  }

  var initialQuery = takeQuery();

  function start() {
    var form = document.getElementById("mfkb-lookup");
    var data = document.getElementById("mfkb-lookup-data");
    if (!form || !data) return;
    var page = JSON.parse(data.textContent);
    var input = document.getElementById("mfkb-lookup-q");
    var results = document.getElementById("mfkb-lookup-results");
    var status = document.getElementById("mfkb-lookup-status");
    var query = initialQuery;
    if (query === null) query = pastedOnHome();
    if (query === null) query = keptInHistory();
    if (query !== null) { input.value = query; keepInHistory(query, location.href); }
    var ready = fetch(page.index, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (document) {
        var entries = document.result.entries;
        var byCode = {};
        entries.forEach(function (entry) { byCode[entry.code] = entry; });
        var rules = page.rules ? new Rules(page.rules) : null;
        return { known: new KnownCodes(entries), byCode: byCode, rules: rules, meanings: new Meanings(entries) };
      });
    function run() {
      if (new Blob([input.value]).size > page.max_bytes) {  // the command line's cap too
        results.replaceChildren(element("p", "mfkb-lookup-error", page.text.too_long));
        return Promise.resolve();
      }
      return ready.then(function (index) { show(results, input.value, page, index); })
        .catch(function () {
          results.replaceChildren(element("p", "mfkb-lookup-error", page.text.load_failed));
        });
    }
    // The language switch (a.mfkb-lang-link, mfkb.js) keeps ?q=, a short code; a pasted NDR,
    // which is in no address, goes along the way one pasted on the home page does (pastedOnHome).
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.mfkb-lang-link");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (!input.value.trim() || new URL(location.href).searchParams.has("q")) return;
      try { sessionStorage.setItem("mfkb-lookup-q", input.value); } catch (e) {}
    });
    var pasted = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keepInAddress(input.value);
      var moveFocus = !pasted;
      pasted = false;
      run().then(function () { announce(results, status, moveFocus); });
    });
    // A paste runs the lookup at once; Enter and Ctrl+Enter (Cmd+Enter) submit, as in the home
    // page's box; Shift+Enter starts a line, and Enter that ends an IME composition is the IME's.
    input.addEventListener("paste", function () { setTimeout(function () { pasted = true; form.requestSubmit(); }, 0); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
    });
    window.mfkbLookupDone = query ? run().then(function () { announce(results, status, false); }) : ready;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
