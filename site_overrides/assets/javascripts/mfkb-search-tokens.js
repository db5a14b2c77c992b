// How the site search reads a query: the same token rules as the index
// (generator/search_tokens.py), plus what only a query needs: Korean
// particles and endings stripped from each word, compact codes (44316),
// and the last word completed as a prefix while the reader types.
// tests/search_token_vectors.json holds cases both sides must agree on.
(function (scope) {
  "use strict";

  var CODE_RE = /(?<![a-z0-9_.])([245x])\.([0-9]{1,3})\.([0-9]{1,3})(?![a-z0-9_]|\.[0-9])/g;
  var REPLY_BEFORE_RE = /(?<![a-z0-9_.])[245][0-9][0-9][ \-]+#?$/;
  var COMPACT_RE = /^\s*#?([45])([0-7])([1-9][0-9]{1,2})\s*$/;
  var WORD_RE = /[a-z0-9]+|[\uac00-\ud7a3]+/g;
  var HANGUL_RE = /^[\uac00-\ud7a3]/;
  var STOP_WORDS = new Set(
    "a an the of to in on for and or is are was be by with at as it its this that".split(" "));
  // A syllable that starts an ending or a light verb (되다, 하다, 입니다, ...)
  // when it comes after a stem of two syllables or more: 거부|되었습니다.
  var LIGHT_SYLLABLES = new Set("되돼됐됩된될됨하해했합한할함입였었".split(""));
  // Particles and endings, longest first; stripped only when two syllables remain.
  var ENDINGS = (
    "에서부터 으로부터 에서는 에서도 에서의 에게서 에게는 으로서 으로써 으로는 으로도 이라는 이라고 " +
    "습니다 에게 께서 로부터 로서 로써 로는 로도 에는 에도 에의 라는 라고 이나 이며 이고 이란 " +
    "와는 과는 와의 과의 까지 부터 보다 처럼 마다 조차 에서 으로 니다 " +
    "로 에 와 과 의 을 를 은 는 이 가 도 만"
  ).split(" ");
  var PARTICLE_WORDS = new Set(ENDINGS);

  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function stem(word) {
    if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
    if (word.endsWith("ies")) word = word.slice(0, -3) + "y";
    else if (word.endsWith("sses")) word = word.slice(0, -2);
    else if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
    if (word.endsWith("ing") && word.length >= 6) word = word.slice(0, -3);
    else if (word.endsWith("ed") && word.length >= 5) word = word.slice(0, -2);
    if (word.endsWith("e") && word.length >= 4) word = word.slice(0, -1);
    return word;
  }

  function bigrams(word) {
    var grams = [];
    for (var i = 0; i + 1 < word.length; i++) grams.push(word.slice(i, i + 2));
    return grams;
  }

  function codeToken(cls, subject, detail) {
    return [cls, String(Number(subject)), String(Number(detail))].join(".");
  }

  function isKeyedWhole(token) {
    return /^[0-9]/.test(token) || /^[245x]\.[0-9]+\.[0-9]+$/.test(token);
  }

  // FNV-1a over UTF-16 units, as generator/search/tokens.py computes it.
  function bucket(token, buckets) {
    var key = isKeyedWhole(token) ? token : token.slice(0, 2);
    var value = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      value = Math.imul(value ^ key.charCodeAt(i), 0x01000193) >>> 0;
    }
    return value % buckets;
  }

  // A Korean word cut before an ending's first syllable (거부|되었습니다).
  function cutLight(word) {
    for (var i = 2; i < word.length; i++) {
      if (LIGHT_SYLLABLES.has(word[i])) return word.slice(0, i);
    }
    return word;
  }

  // One particle stripped, keeping at least two syllables.
  function stripEnding(word) {
    for (var j = 0; j < ENDINGS.length; j++) {
      var ending = ENDINGS[j];
      if (word.endsWith(ending) && word.length - ending.length >= 2) {
        return word.slice(0, -ending.length);
      }
    }
    return word;
  }

  // The stem of a Korean word: cut before an ending, then strip one particle.
  function koreanStem(word) {
    return stripEnding(cutLight(word));
  }

  function codeTerm(cls, subject, detail) {
    var exact = codeToken(cls, subject, detail);
    var alts = [exact];
    if (cls !== "x") alts.push(codeToken("x", subject, detail));
    return { kind: "exact", alts: alts, display: exact.replace(/^x/, "X"), required: true };
  }

  function koreanTerm(word) {
    // One syllable, alone or with a particle (큐, 큐를): the index keeps that
    // syllable as a token of its own; a two-syllable word (한도) is tried whole first.
    if (word.length === 1 || (word.length === 2 && PARTICLE_WORDS.has(word[1]))) {
      return { kind: "exact", alts: word.length === 1 ? [word] : [word, word[0]], display: word, required: true };
    }
    var cut = cutLight(word);
    var core = stripEnding(cut);  // two syllables or more: cutLight and stripEnding keep them
    if (cut.length - core.length === 1) {
      // One syllable that may be a particle (연결이) or the word's own (재시도):
      // the whole word counts most, the stem alone still matches.
      return { kind: "hangul", grams: bigrams(cut), display: core, required: true, minLength: core.length };
    }
    return {
      kind: "hangul", grams: bigrams(core), display: core, required: true,
      // a long word may carry one unknown ending syllable
      minLength: core.length >= 4 ? core.length - 1 : core.length,
    };
  }

  function wordTerm(word, last) {
    if (HANGUL_RE.test(word)) return PARTICLE_WORDS.has(word) ? null : koreanTerm(word);
    if (/^[0-9]+$/.test(word)) {
      return word.length < 2 ? null : { kind: "exact", alts: [word], display: word, required: true };
    }
    if (STOP_WORDS.has(word)) return null;
    var stemmed = stem(word);
    if (last && stemmed.length >= 2) return { kind: "prefix", prefix: stemmed, display: word, required: true };
    return { kind: "exact", alts: [stemmed], display: word, required: true };
  }

  // A query -> its terms.  Every required term must match a page; optional
  // ones (a reply code before a code, a bare Korean ending) only add score.
  function parseQuery(raw) {
    var query = fold(raw);
    var compact = COMPACT_RE.exec(query);
    if (compact) return [codeTerm(compact[1], compact[2], compact[3])];
    var terms = [];
    var rest = query.replace(CODE_RE, function (match, cls, subject, detail, offset) {
      var reply = REPLY_BEFORE_RE.exec(query.slice(Math.max(0, offset - 8), offset));
      if (reply) {
        var digits = reply[0].replace(/[^0-9]/g, "");
        terms.push({ kind: "exact", alts: [digits], display: digits, required: false, reply: true });
      }
      terms.push(codeTerm(cls, subject, detail));
      return " ";
    });
    var replies = new Set(terms.filter(function (t) { return t.reply; }).map(function (t) { return t.display; }));
    // the last word is still being typed unless a space or a sign follows it
    var typing = /[a-z0-9\uac00-\ud7a3]$/.test(rest);
    var words = rest.match(WORD_RE) || [];
    words.forEach(function (word, index) {
      if (replies.has(word)) return;
      var term = wordTerm(word, typing && index === words.length - 1);
      if (term) terms.push(term);
    });
    return terms;
  }

  scope.MfkbSearchTokens = {
    fold: fold, stem: stem, bigrams: bigrams, bucket: bucket,
    koreanStem: koreanStem, koreanTerm: koreanTerm, parseQuery: parseQuery,
  };
})(self);
