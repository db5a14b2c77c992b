// generator/codes/parse.py: the codes of a query, one line or a whole bounce.
(function (MFKB) {
  "use strict";
  var GLUED_BEFORE = MFKB.codes.syntax.GLUED_BEFORE;
  var GLUED_AFTER = MFKB.codes.syntax.GLUED_AFTER;
  var replyBefore = MFKB.codes.syntax.replyBefore;
  var normalize = MFKB.codes.syntax.normalize;
  var versionBefore = MFKB.codes.syntax.versionBefore;
  var unique = MFKB.bounces.message.unique;
  var plainText = MFKB.bounces.message.plainText;
  var extractCodes = MFKB.bounces.message.extractCodes;
  var DECODED = MFKB.bounces.message.DECODED;

  var COMPACT_RE = /^\s*#?(([45])([0-7])([1-9][0-9]{1,2}))\s*$/;
  var DOTTED_SOURCE = GLUED_BEFORE + "#?([245Xx]\\.[0-9]{1,3}\\.[0-9]{1,3})" + GLUED_AFTER;
  var LINE_BREAK_RE = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

  function fromFullwidth(text) {
    return text.replace(/[\uff01-\uff5e\u3000]/g, function (ch) {
      return ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    });
  }

  function isBounce(text) {
    return text.split(LINE_BREAK_RE).filter(function (line) { return line.trim(); }).length > 1;
  }

  function found(text, match) {
    var reply = replyBefore(text, match.index);
    return { code: normalize(match[1]), reply: reply ? reply.reply : null };
  }

  function dottedCodes(query) {
    var out = [];
    var re = new RegExp(DOTTED_SOURCE, "g");
    var textStarts = query.search(/\S/);  // where the query's first non-blank character is
    var match;
    while ((match = re.exec(query))) {
      if (versionBefore(query, match.index)) continue;
      if (match[1].charAt(0) === "2" && match.index > textStarts &&
          !replyBefore(query, match.index)) continue;
      out.push(found(query, match));
    }
    return out;
  }

  function parseQuery(text, decoded) {
    if (isBounce(text)) return bounceCodes(text, decoded);
    var query = fromFullwidth(text);
    var compact = COMPACT_RE.exec(query);
    if (compact) return [{ code: compact[2] + "." + compact[3] + "." + compact[4], reply: null }];
    return unique(dottedCodes(query));
  }

  // Each code the extractor returned with the reply code before it where it first stands after
  // one, else where it first stands (parse.py _bounce_codes): found in one pass (looking each
  // code up anew took quadratic time).
  function bounceCodes(text, decoded) {
    var plain = plainText(text, decoded);
    var first = Object.create(null);
    var re = new RegExp(DOTTED_SOURCE, "g");
    var match;
    while ((match = re.exec(plain))) {
      var code = normalize(match[1]);
      if (first[code] && first[code].reply !== null) continue;
      var item = found(plain, match);
      if (!first[code] || item.reply !== null) first[code] = item;
    }
    return extractCodes(plain, DECODED).map(function (code) {
      return first[code] || { code: code, reply: null };
    });
  }

  MFKB.codes.parse = { parseQuery: parseQuery, isBounce: isBounce };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
