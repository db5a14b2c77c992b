// The site search worker, in place of Material's lunr worker: it speaks
// Material's worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3), so
// Material's search box, result list and keyboard handling stay as they are.
// The index is the one generator/search/index.py writes: token shards and
// display-text chunks under search/mfkb/, fetched only when a query needs them.
importScripts("mfkb-search-tokens.js");

(function () {
  "use strict";

  var T = self.MfkbSearchTokens;
  var INDEX = new URL("../../search/mfkb/", self.location);
  var MAX_PAGES = 20;
  var SATURATION = 4;       // weight at which a token counts half
  var VARIANT_FACTOR = 0.8; // X.4.316 when 4.4.316 was asked
  var PREFIX_FACTOR = 0.7;  // "connec" -> "connection"
  var TEASER_CHARS = 280;
  var PHRASE_FACTOR = 2;    // the query's words side by side, as typed

  var meta = null;
  var shards = new Map();
  var chunks = new Map();
  var latest = 0;

  function setup(config) {
    var sections = config.sections;
    var pageOfDoc = [], firstDoc = [];
    sections.forEach(function (count, page) {
      firstDoc.push(pageOfDoc.length);
      for (var i = 0; i < count; i++) pageOfDoc.push(page);
    });
    meta = { shards: config.shards, chunk: config.chunk, pageOfDoc: pageOfDoc, firstDoc: firstDoc };
  }

  function fetchJson(cache, prefix, number) {
    if (!cache.has(number)) {
      cache.set(number, fetch(new URL(prefix + number + ".json", INDEX)).then(function (response) {
        if (!response.ok) throw new Error("search index: " + response.status + " " + response.url);
        return response.json();
      }));
    }
    return cache.get(number);
  }

  function shardOf(token) {
    return fetchJson(shards, "t", T.bucket(token, meta.shards));
  }

  // token postings -> Map(doc -> score), weighted by rarity (idf)
  function docScores(list, factor, into) {
    var idf = Math.log(1 + meta.pageOfDoc.length / (list.length / 2));
    for (var i = 0, doc = 0; i < list.length; i += 2) {
      doc += list[i];
      var weight = list[i + 1];
      var score = factor * idf * weight / (weight + SATURATION);
      if (!(into.get(doc) >= score)) into.set(doc, score);
    }
    return into;
  }

  // Map(doc -> score) -> Map(page -> {score, docs})
  function byPage(scores) {
    var pages = new Map();
    scores.forEach(function (score, doc) {
      var page = meta.pageOfDoc[doc];
      var hit = pages.get(page);
      if (!hit) pages.set(page, hit = { score: 0, docs: new Map() });
      hit.score = Math.max(hit.score, score);
      hit.docs.set(doc, score);
    });
    return pages;
  }

  function exactHits(term) {
    return Promise.all(term.alts.map(shardOf)).then(function (loaded) {
      var scores = new Map();
      term.alts.forEach(function (token, i) {
        var list = loaded[i][token];
        if (list) docScores(list, i === 0 ? 1 : VARIANT_FACTOR, scores);
      });
      return byPage(scores);
    });
  }

  function prefixHits(term) {
    return shardOf(term.prefix).then(function (shard) {
      var scores = new Map();
      Object.keys(shard).forEach(function (token) {
        if (token.startsWith(term.prefix)) {
          docScores(shard[token], token === term.prefix ? 1 : PREFIX_FACTOR, scores);
        }
      });
      return byPage(scores);
    });
  }

  // Are the bigrams of the word's first `length` syllables all on the page?
  // A compound typed without its space ("연결거부") may miss the bigram across
  // each joint, as long as every piece keeps two syllables.
  function piecesPresent(present, length) {
    var lastGap = -2;
    for (var k = 0; k <= length - 2; k++) {
      if (present[k]) continue;
      if (k < 1 || k > length - 3 || k === lastGap + 1) return false;
      lastGap = k;
    }
    return true;
  }

  function hangulHits(term) {
    return Promise.all(term.grams.map(function (gram) {
      return exactHits({ alts: [gram] });
    })).then(function (gramPages) {
      var pages = new Map();
      var count = term.grams.length;
      gramPages[0].forEach(function (first, page) {
        var present = gramPages.map(function (hits) { return hits.get(page); });
        for (var length = count + 1; length >= Math.max(2, term.minLength); length--) {
          if (!piecesPresent(present, length)) continue;
          var hit = { score: 0, docs: new Map() };
          present.slice(0, length - 1).filter(Boolean).forEach(function (gram) {
            hit.score += gram.score / count;
            gram.docs.forEach(function (score, doc) {
              hit.docs.set(doc, (hit.docs.get(doc) || 0) + score / count);
            });
          });
          pages.set(page, hit);
          return;
        }
      });
      return pages;
    });
  }

  function termHits(term) {
    if (term.kind === "prefix") return prefixHits(term);
    if (term.kind === "hangul") return hangulHits(term);
    return exactHits(term);
  }

  function byRank(a, b) {
    return b.matched - a.matched || b.score - a.score || a.page - b.page;
  }

  // Pages with every required term; failing that, with as many as possible
  // (Material then shows the missing terms struck through).
  function rankPages(terms, hits) {
    var pages = new Map();
    terms.forEach(function (term, index) {
      hits[index].forEach(function (hit, page) {
        var entry = pages.get(page);
        if (!entry) pages.set(page, entry = { page: page, score: 0, matched: 0, found: new Set(), docs: new Map() });
        entry.score += hit.score;
        entry.found.add(index);
        if (term.required) entry.matched += 1;
        hit.docs.forEach(function (score, doc) {
          entry.docs.set(doc, (entry.docs.get(doc) || 0) + score);
        });
      });
    });
    var required = terms.filter(function (term) { return term.required; }).length;
    var ranked = Array.from(pages.values()).sort(byRank);
    var best = ranked.length ? ranked[0].matched : 0;
    if (required && best === 0) return [];
    return ranked.filter(function (entry) { return entry.matched === best; }).slice(0, MAX_PAGES);
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function highlighter(terms) {
    var parts = [];
    terms.forEach(function (term) {
      if (term.kind === "prefix") parts.push("\\b" + escapeRegExp(term.prefix) + "[a-z]*");
      else if (term.kind === "hangul") parts.push.apply(parts, [term.display].concat(term.grams).map(escapeRegExp));
      else term.alts.forEach(function (token) {
        parts.push(/^[0-9]+$/.test(token) ? "(?<![0-9.])" + token + "(?![0-9])" : "\\b" + escapeRegExp(token) + "[a-z]*");
      });
    });
    return parts.length ? new RegExp(parts.join("|"), "gi") : null;
  }

  // Plain text -> escaped HTML with <mark>s around what the query matched.
  function highlight(text, pattern) {
    if (!pattern) return escapeHtml(text);
    var html = "", last = 0;
    text.replace(pattern, function (match, offset) {
      if (!match) return match;
      html += escapeHtml(text.slice(last, offset)) + "<mark>" + escapeHtml(match) + "</mark>";
      last = offset + match.length;
      return match;
    });
    return html + escapeHtml(text.slice(last));
  }

  function teaser(text, pattern) {
    if (text.length <= TEASER_CHARS) return text;
    var start = 0;
    if (pattern) {
      pattern.lastIndex = 0;
      var found = pattern.exec(text);
      if (found && found.index > TEASER_CHARS / 2) start = text.lastIndexOf(" ", found.index - 40) + 1;
    }
    return (start ? "… " : "") + text.slice(start, start + TEASER_CHARS) + " …";
  }

  function item(doc, score, terms, termsOnPage, pattern) {
    var shown = {};
    terms.forEach(function (term, index) {
      if (term.required || termsOnPage.has(index)) shown[term.display] = termsOnPage.has(index);
    });
    return {
      location: doc[0],
      title: highlight(doc[1], pattern),
      text: doc[2] ? "<p>" + highlight(teaser(doc[2], pattern), pattern) + "</p>" : "",
      score: score,
      terms: shown,
    };
  }

  // "도메인이 만료" -> /도메인\S*\s+만료/: each word of the query, then the next,
  // with only the rest of a word (an ending, a plural) and a space between.
  function phrasePattern(terms) {
    var words = terms.filter(function (term) { return !term.reply; }).map(function (term) {
      if (term.kind === "prefix") return escapeRegExp(term.prefix);
      if (term.kind === "hangul") return escapeRegExp(term.display);
      return escapeRegExp(term.alts[0]);
    });
    if (words.length < 2) return null;
    return new RegExp(words.join("[a-z0-9\\uac00-\\ud7a3]*[^a-z0-9\\uac00-\\ud7a3]{1,3}"), "i");
  }

  function saysThePhrase(pattern, docs) {
    return docs.some(function (doc) { return pattern.test(T.fold(doc[1])) || pattern.test(T.fold(doc[2] || "")); });
  }

  function results(terms, ranked) {
    var numbers = Array.from(new Set(ranked.map(function (entry) {
      return Math.floor(entry.page / meta.chunk);
    })));
    return Promise.all(numbers.map(function (n) { return fetchJson(chunks, "d", n); })).then(function (loaded) {
      var pattern = highlighter(terms);
      var phrase = phrasePattern(terms);
      ranked.forEach(function (entry) {
        var chunk = loaded[numbers.indexOf(Math.floor(entry.page / meta.chunk))];
        var base = meta.firstDoc[entry.page - entry.page % meta.chunk];
        var first = meta.firstDoc[entry.page];
        entry.chunk = chunk;
        entry.base = base;
        var docs = [first].concat(Array.from(entry.docs.keys())).map(function (doc) { return chunk[doc - base]; });
        if (phrase && saysThePhrase(phrase, docs)) entry.score *= PHRASE_FACTOR;
      });
      ranked.sort(byRank);
      return ranked.map(function (entry) {
        var chunk = entry.chunk, base = entry.base;
        var first = meta.firstDoc[entry.page];
        var sections = Array.from(entry.docs.entries())
          .filter(function (pair) { return pair[0] !== first; })
          .sort(function (a, b) { return b[1] - a[1]; });
        return [item(chunk[first - base], entry.score, terms, entry.found, pattern)].concat(
          sections.map(function (pair) {
            return item(chunk[pair[0] - base], pair[1], terms, entry.found, pattern);
          }));
      });
    });
  }

  function search(query) {
    var terms = T.parseQuery(query);
    if (!terms.length) return Promise.resolve({ items: [] });
    return Promise.all(terms.map(termHits)).then(function (hits) {
      return results(terms, rankPages(terms, hits));
    }).then(function (items) {
      return { items: items };
    });
  }

  self.onmessage = function (event) {
    var message = event.data;
    if (message.type === 0) {
      setup(message.data.config.mfkb);
      self.postMessage({ type: 1 });
    } else if (message.type === 2) {
      var ticket = ++latest;
      search(message.data).then(function (data) {
        if (ticket === latest) self.postMessage({ type: 3, data: data });
      }, function (error) {
        console.error(error);
        if (ticket === latest) self.postMessage({ type: 3, data: { items: [] } });
      });
    }
  };
})();
